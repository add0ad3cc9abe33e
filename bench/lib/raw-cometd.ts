/**
 * The raw CometD baseline: the official cometd 7 client on cometd-nodejs-client's XMLHttpRequest (keep-alive),
 * long-polling only (GWS has no WebSocket), Basic auth on every Bayeux POST as the public GWS C# client does
 * (https://github.com/ErnestoGarciaGenesys/GenesysWebServicesClient; long polling:
 * https://docs.genesys.com/Documentation/HTCC/8.5.2/Dep/CometD), subscribed to /v2/me/calls. No reconnect policy, no resync, no item building.
 */
import * as cometdLib from 'cometd';
import { adapt } from 'cometd-nodejs-client';
import type { CometD, Message } from 'cometd';

let adapted = false;

export interface RawSubscriber {
	cometd: CometD;
	stop(): Promise<void>;
}

export async function startRawSubscriber(
	baseUrl: string,
	username: string,
	password: string,
	onMessage: (message: Message) => void,
	channel = '/v2/me/calls',
): Promise<RawSubscriber> {
	if (!adapted) {
		adapt();
		adapted = true;
	}
	const lib = cometdLib as unknown as { CometD: new () => CometD; LongPollingTransport: new () => unknown };
	const cometd = new lib.CometD();
	cometd.unregisterTransports();
	cometd.registerTransport('long-polling', new lib.LongPollingTransport() as never);
	cometd.configure({
		url: `${baseUrl}/api/v2/notifications`,
		requestHeaders: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
		logLevel: 'warn',
	});
	await new Promise<void>((resolve, reject) => {
		cometd.handshake((reply) => {
			if (!reply.successful) return reject(new Error(`raw handshake failed: ${JSON.stringify(reply.error ?? reply)}`));
			cometd.subscribe(channel, onMessage, (sub) =>
				sub.successful ? resolve() : reject(new Error(`raw subscribe failed: ${JSON.stringify(sub.error ?? sub)}`)),
			);
		});
	});
	return {
		cometd,
		stop: () =>
			new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, 1000);
				cometd.disconnect(() => {
					clearTimeout(timer);
					resolve();
				});
			}),
	};
}
