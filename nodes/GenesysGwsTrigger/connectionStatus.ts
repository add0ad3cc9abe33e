/**
 * What the trigger does with the notification client's connection state: log reconnects and recoveries, and
 * surface a lasting failure to n8n once (emitError), which makes n8n close and later re-activate the trigger.
 */
import type { INode, ITriggerFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { NotificationClientStatus } from '../shared/cometd';

export interface ConnectionWatch {
	onStatus(status: NotificationClientStatus): void;
	/** Between a lasting-failure report and the next subscription. */
	readonly failing: boolean;
}

export function watchConnection(
	ctx: ITriggerFunctions,
	node: INode,
	isClosed: () => boolean,
): ConnectionWatch {
	const log = ctx.logger;
	let failing = false;
	return {
		get failing() {
			return failing;
		},
		onStatus(status) {
			if (status.state === 'failed') {
				failing = true;
				log.error(`Genesys GWS Trigger: ${status.error.message}`);
				if (!isClosed()) ctx.emitError(new NodeOperationError(node, status.error.message));
			} else if (status.state === 'subscribed' || status.state === 'recovered') {
				failing = false;
				if (status.state === 'recovered') {
					log.info(`Genesys GWS Trigger: GWS notifications are back after ${status.downForMs} ms`);
				}
			} else if (status.state === 'reconnecting') {
				// A single re-handshake (e.g. 402 after a server-side session expiry) is routine; repeated ones are not.
				const message = `Genesys GWS Trigger: reconnecting to GWS notifications (attempt ${status.attempt}): ${status.cause}`;
				if (status.attempt === 1) log.info(message);
				else log.warn(message);
			}
		},
	};
}

/** Starts a client; a failure (stopping it) becomes an n8n error that says what to check. */
export async function startOrExplain(
	client: { start(): Promise<void>; stop(): Promise<void> },
	node: INode,
): Promise<void> {
	try {
		await client.start();
	} catch (error) {
		await client.stop();
		throw new NodeOperationError(node, error as Error, {
			description: 'The trigger could not subscribe to GWS notifications; check the credential and that GWS is reachable',
		});
	}
}
