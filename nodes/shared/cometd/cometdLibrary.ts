/**
 * Loads the official CometD client for Node: cometd 7 plus cometd-nodejs-client's adapt(), which installs the
 * `window` global (timers, XMLHttpRequest, WebSocket) that cometd.js expects. adapt() runs once per process.
 *
 * We use adapt() only for `window` and its timers: our long-polling transport (longPolling.ts) never touches its
 * XMLHttpRequest, so its process-wide cookie jar (one per host, shared by every client) is never used.
 */
import * as cometdLib from 'cometd';
import { adapt } from 'cometd-nodejs-client';

import type { CometD, Transport } from 'cometd';

/** What cometd.js passes to `xhrSend` (not in cometd.d.ts). */
export interface XhrPacket {
	url: string;
	body: string;
	sync?: boolean;
	headers?: Record<string, string>;
	/** The reply body, or the messages already parsed from it. */
	onSuccess: (response: string | unknown[]) => void;
	onError: (reason: string, exception?: unknown) => void;
}

/** The parts of cometd.js' LongPollingTransport we override (not in cometd.d.ts). */
export interface LongPollingTransportLike extends Transport {
	xhrSend: (packet: XhrPacket) => unknown;
}

interface CometdModule {
	CometD: new (name?: string) => CometD;
	LongPollingTransport: new () => LongPollingTransportLike;
}

let adapted = false;

export function loadCometd(): CometdModule {
	if (!adapted) {
		adapt();
		adapted = true;
	}
	return cometdLib as unknown as CometdModule;
}
