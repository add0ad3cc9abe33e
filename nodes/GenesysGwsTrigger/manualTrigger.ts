/** "Test step" in the editor: wait for the next matching notification and emit it as the one test item. */
import type { IDataObject, INode, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createNotificationClient } from '../shared/cometd';
import type { GwsNotification } from '../shared/notification';
import { isObject } from '../shared/isObject';
import { gwsApiRequest } from '../shared/transport';
import { startOrExplain, watchConnection } from './connectionStatus';
import { DeviceTracker } from './deviceTracker';
import { MONITORING_EVENT } from './events';
import { selectedEvent, type EventSelection } from './eventSelection';
import { buildItem, type GwsMeta } from './items';
import type { MonitoringChange } from './monitoringChanges';

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
	const watchMonitoring = selection.events.has(MONITORING_EVENT.value);
	// Monitoring changes are told from the devices as they were when the test began.
	const devices = new DeviceTracker();
	const monitoringChanges = new Map<GwsNotification, MonitoringChange>();
	const monitoringChangeOf = (n: GwsNotification): MonitoringChange | undefined => {
		if (!watchMonitoring || !isObject(n.data) || !Array.isArray(n.data.devices)) return undefined;
		if (!monitoringChanges.has(n)) {
			const [first] = devices.observe(n.data.devices).monitoring;
			if (first) monitoringChanges.set(n, first.change);
		}
		return monitoringChanges.get(n);
	};
	return {
		manualTriggerFunction: async () => {
			await startOrExplain(client, node);
			if (watchMonitoring) {
				const response = await gwsApiRequest.call(ctx, { method: 'GET', path: '/api/v2/me/devices', qs: { fields: '*' } });
				devices.observe(response.devices, 'snapshot');
			}
			let notification: GwsNotification;
			try {
				notification = await client.waitFor(
					(n) => selectedEvent(n, selection) !== undefined || monitoringChangeOf(n) !== undefined,
					timeoutSeconds * 1000,
				);
			} catch (error) {
				throw new NodeOperationError(node, error as Error, {
					description: 'Make a call (or change the agent state) that matches the events and filters, or raise "Test Step Timeout"',
				});
			}
			const event = selectedEvent(notification, selection);
			const meta: GwsMeta = {
				event: event?.value ?? MONITORING_EVENT.value,
				channel: notification.channel,
				receivedAt: new Date().toISOString(),
			};
			if (!event) meta.monitoring = monitoringChangeOf(notification);
			ctx.emit([[buildItem(notification.data as IDataObject, meta)]]);
		},
		closeFunction: async () => {
			closed = true;
			await client.stop();
		},
	};
}
