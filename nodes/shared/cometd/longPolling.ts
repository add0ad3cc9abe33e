/**
 * A cometd.js long-polling transport whose HTTP exchange goes through a function we supply (the shared GWS
 * transport, see gwsBayeuxSend.ts) instead of cometd-nodejs-client's XMLHttpRequest. cometd.js keeps doing the Bayeux
 * work (batching, the single /meta/connect, timeouts, advice); we only replace the wire.
 *
 * WebSocket is never offered: GWS "does not currently support web sockets"
 * (https://docs.genesys.com/Documentation/HTCC/8.5.2/Dep/CometD).
 */
import { loadCometd, type LongPollingTransportLike, type XhrPacket } from './cometdLibrary';

export interface BayeuxExchange {
	url: string;
	body: string;
	abortSignal: AbortSignal;
}

/** Why an exchange failed, in words safe to show (no credential, no cookie). */
export interface WireFailure {
	cause: string;
	/** GWS refused the login or the session even after a new login: waiting will not help (lasting at once). */
	sessionRefused: boolean;
}

export interface BayeuxReply {
	/** 0 when no HTTP reply arrived (refused connection, DNS, TLS, timeout). */
	statusCode: number;
	body: string;
	/** Why the exchange failed: set for every reply but a 200. */
	failure?: WireFailure;
}

/** One Bayeux POST. Resolves with the reply or the failure; rejects only when the exchange was aborted. */
export type BayeuxSend = (exchange: BayeuxExchange) => Promise<BayeuxReply>;

/**
 * cometd.js stops its /meta/connect loop for good when a reply holds a message without a string channel (it
 * throws half-way through the reply). Such messages are dropped here, and reported, before cometd.js sees the
 * reply. A body that is not JSON is passed on as it is: cometd.js then fails the request and retries.
 */
function withoutMalformedMessages(body: string, report: (error: Error) => void): string | unknown[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return body;
	}
	const messages = Array.isArray(parsed) ? parsed : [parsed];
	const valid = messages.filter(
		(m) => !!m && typeof m === 'object' && typeof (m as { channel?: unknown }).channel === 'string',
	);
	if (valid.length !== messages.length) {
		report(new Error(`Skipped ${messages.length - valid.length} malformed Bayeux message(s) without a channel`));
	}
	return valid;
}

/** The object cometd.js treats as an XMLHttpRequest: it reads readyState/status and may call abort(). */
interface PseudoXhr {
	readyState: number;
	status: number;
	statusText: string;
	abort(): void;
}

const OPENED = 1;
const DONE = 4;

/**
 * @param inFlight every pending exchange's AbortController, so stop() can cancel what cometd.js left running.
 * @param onUnexpected malformed replies, and errors thrown by cometd.js' own callbacks (reported, never rethrown).
 */
export function createLongPollingTransport(
	send: BayeuxSend,
	inFlight: Set<AbortController>,
	onUnexpected: (error: unknown) => void,
): LongPollingTransportLike {
	const { LongPollingTransport } = loadCometd();
	const transport = new LongPollingTransport();
	transport.xhrSend = (packet: XhrPacket): PseudoXhr => {
		const controller = new AbortController();
		const xhr: PseudoXhr = {
			readyState: OPENED,
			status: 0,
			statusText: '',
			abort: () => controller.abort(),
		};
		inFlight.add(controller);
		send({ url: packet.url, body: packet.body, abortSignal: controller.signal })
			.then(
				(reply) => {
					inFlight.delete(controller);
					xhr.readyState = DONE;
					xhr.status = reply.statusCode;
					if (reply.statusCode === 200) {
						packet.onSuccess(withoutMalformedMessages(reply.body, onUnexpected));
					} else {
						xhr.statusText = reply.failure?.cause ?? `HTTP ${reply.statusCode}`;
						packet.onError(xhr.statusText);
					}
				},
				(error: Error) => {
					inFlight.delete(controller);
					xhr.readyState = DONE;
					xhr.statusText = controller.signal.aborted ? 'abort' : String(error?.message ?? error);
					packet.onError(xhr.statusText, error);
				},
			)
			.catch(onUnexpected);
		return xhr;
	};
	return transport;
}
