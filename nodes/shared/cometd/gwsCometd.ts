/** A cometd.js client set up the way GWS needs it. */
import type { CometD } from 'cometd';

import { createLongPollingTransport, type BayeuxSend } from './longPolling';
import { loadCometd } from './cometdLibrary';

/**
 * A cometd.js client configured for GWS: long polling only (GWS "does not currently support web sockets":
 * https://docs.genesys.com/Documentation/HTCC/8.5.2/Dep/CometD) over `send`, messages in the POST body, the given
 * reconnect backoff, and cometd.js' warnings routed to `onInternalError` instead of stdout.
 */
export function createCometd(config: {
	url: string;
	send: BayeuxSend;
	/** Every pending exchange's AbortController, so a stop can cancel what cometd.js left running. */
	inFlight: Set<AbortController>;
	onInternalError: (error: unknown) => void;
	backoffIncrementMs: number;
	maxBackoffMs: number;
}): CometD {
	const { CometD } = loadCometd();
	const cometd = new CometD();
	(cometd as unknown as { _warn: (...args: unknown[]) => void })._warn = (...args) =>
		config.onInternalError(new Error(`CometD: ${args.map(describeLogArgument).join(' ')}`));
	cometd.unregisterTransports();
	cometd.websocketEnabled = false;
	cometd.registerTransport(
		'long-polling',
		createLongPollingTransport(config.send, config.inFlight, config.onInternalError),
	);
	cometd.configure({
		url: config.url,
		logLevel: 'warn',
		useWorkerScheduler: false,
		backoffIncrement: config.backoffIncrementMs,
		maxBackoff: config.maxBackoffMs,
		// GWS (CometD 3) takes messages in the POST body; no message type in the URL path.
		appendMessageTypeToURL: false,
	});
	return cometd;
}

function describeLogArgument(value: unknown): string {
	if (typeof value === 'string') return value;
	try {
		return (JSON.stringify(value) ?? String(value)).slice(0, 300);
	} catch {
		return String(value);
	}
}
