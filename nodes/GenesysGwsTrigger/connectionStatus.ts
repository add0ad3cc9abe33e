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

/**
 * Whose connection a log line is about: with several agent workflows (one trigger per agent), a line without the
 * workflow and the GWS user tells nobody which one is down.
 */
export function connectionOwner(ctx: ITriggerFunctions, username: string): string {
	const workflow = ctx.getWorkflow();
	const name = workflow.name ? `"${workflow.name}"` : '(unnamed)';
	return `workflow ${name}${workflow.id ? ` (id ${workflow.id})` : ''}, GWS user ${username}`;
}

/** "3.2 s" */
function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * One outage, two lines: "reconnecting" at its first failed attempt and "connected again after N s" when it ends;
 * the attempts in between go to debug (a 3 s GWS restart is a dozen attempts at the 0.5 s backoff). A lasting
 * failure adds one error line and reaches n8n once (emitError).
 */
export function watchConnection(
	ctx: ITriggerFunctions,
	node: INode,
	/** connectionOwner(), read at each line (the test step learns the user once it has read the credential). */
	owner: () => string,
	isClosed: () => boolean,
): ConnectionWatch {
	const log = ctx.logger;
	const prefix = () => `Genesys GWS Trigger (${owner()})`;
	let failing = false;
	return {
		get failing() {
			return failing;
		},
		onStatus(status) {
			if (status.state === 'failed') {
				failing = true;
				log.error(`${prefix()}: ${status.error.message}`);
				if (!isClosed()) ctx.emitError(new NodeOperationError(node, status.error.message));
			} else if (status.state === 'subscribed') {
				failing = false;
			} else if (status.state === 'recovered') {
				failing = false;
				const tries = `${status.attempts} attempt${status.attempts === 1 ? '' : 's'}`;
				log.info(`${prefix()}: connected again after ${seconds(status.downForMs)} (${tries})`);
			} else if (status.state === 'reconnecting') {
				// Info, not warn: one re-handshake (a 402 after GWS expired the session) is routine; an outage that
				// lasts becomes an error line of its own ('failed').
				const message = `${prefix()}: reconnecting to GWS notifications (attempt ${status.attempt}): ${status.cause}`;
				if (status.attempt === 1) log.info(message);
				else log.debug(message);
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
