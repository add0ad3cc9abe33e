/** "Test step" in the editor: wait for the next matching notification and emit it as the one test item. */
import type { INode, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createNotificationClient } from '../shared/cometd';
import type { GwsNotification } from '../shared/contracts';
import { startOrExplain, watchConnection } from './connectionStatus';
import { selectedEvent, type EventSelection } from './eventSelection';
import { buildItem } from './items';

export function manualTrigger(
	ctx: ITriggerFunctions,
	node: INode,
	selection: EventSelection,
	channels: string[],
	timeoutSeconds: number,
): ITriggerResponse {
	let closed = false;
	const { onStatus } = watchConnection(ctx, node, () => closed);
	const client = createNotificationClient(ctx, { channels, onStatus, bufferSize: 100 });
	return {
		manualTriggerFunction: async () => {
			await startOrExplain(client, node);
			let notification: GwsNotification;
			try {
				notification = await client.waitFor(
					(n) => selectedEvent(n, selection) !== undefined,
					timeoutSeconds * 1000,
				);
			} catch (error) {
				throw new NodeOperationError(node, error as Error, {
					description: 'Make a call (or change the agent state) that matches the events and filters, or raise "Test Step Timeout"',
				});
			}
			const event = selectedEvent(notification, selection)!;
			ctx.emit([
				[
					buildItem(notification.data, {
						event: event.value,
						channel: notification.channel,
						receivedAt: new Date().toISOString(),
					}),
				],
			]);
		},
		closeFunction: async () => {
			closed = true;
			await client.stop();
		},
	};
}
