/** "Test step" in the editor: wait for the next matching notification and emit it as the one test item. */
import type { IDataObject, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createNotificationClient } from '../shared/cometd';
import { DEVICES_READ, elementsOf } from '../shared/gwsResources';
import { isObject } from '../shared/isObject';
import type { GwsNotification } from '../shared/notification';
import { gwsApiRequest, readGwsServer } from '../shared/transport';
import { connectionOwner, startOrExplain, watchConnection } from './connectionStatus';
import { DeviceTracker } from './deviceTracker';
import { MONITORING_EVENT, type TriggerEvent } from './events';
import { selectedEvent } from './eventSelection';
import { buildItem, type GwsMeta } from './items';
import type { MonitoringChange } from './monitoringChanges';
import type { TriggerSetup } from './triggerOptions';

/** What a notification is to the test step: a selected event, or a monitoring change (or nothing). */
interface Match {
	event?: TriggerEvent;
	monitoring?: MonitoringChange;
}

export function manualTrigger(ctx: ITriggerFunctions, setup: TriggerSetup): ITriggerResponse {
	const node = ctx.getNode();
	const { selection, channels, manualTimeoutSeconds } = setup;
	let closed = false;
	let who = connectionOwner(ctx, 'not read yet');
	const { onStatus } = watchConnection(ctx, node, () => `test step, ${who}`, () => closed);
	const client = createNotificationClient(ctx, { channels, onStatus, bufferSize: 100 });
	const watchMonitoring = selection.events.has(MONITORING_EVENT.value);
	// Monitoring changes are told from the devices as they were when the test began.
	const devices = new DeviceTracker();
	// Each notification is matched once: waitFor may try a buffered one again, and the winner is read afterwards.
	const matches = new Map<GwsNotification, Match>();
	const matchOf = (n: GwsNotification): Match => {
		let match = matches.get(n);
		if (!match) {
			match = { event: selectedEvent(n, selection) };
			if (!match.event && watchMonitoring && isObject(n.data) && Array.isArray(n.data.devices)) {
				match.monitoring = devices.observe(n.data.devices).monitoring[0]?.change;
			}
			matches.set(n, match);
		}
		return match;
	};
	return {
		manualTriggerFunction: async () => {
			who = connectionOwner(ctx, (await readGwsServer(ctx)).username);
			await startOrExplain(client, node);
			if (watchMonitoring) {
				const response = await gwsApiRequest.call(ctx, { method: 'GET', path: DEVICES_READ.path, qs: DEVICES_READ.qs });
				devices.observe(elementsOf(response, DEVICES_READ), 'snapshot');
			}
			let notification: GwsNotification;
			try {
				notification = await client.waitFor((n) => {
					const match = matchOf(n);
					return match.event !== undefined || match.monitoring !== undefined;
				}, manualTimeoutSeconds * 1000);
			} catch (error) {
				throw new NodeOperationError(node, error as Error, {
					description: 'Make a call (or change the agent state) that matches the events and filters, or raise "Test Step Timeout"',
				});
			}
			const { event, monitoring } = matchOf(notification);
			const meta: GwsMeta = {
				event: event?.value ?? MONITORING_EVENT.value,
				channel: notification.channel,
				receivedAt: new Date().toISOString(),
			};
			if (!event) meta.monitoring = monitoring;
			ctx.emit([[buildItem(notification.data as IDataObject, meta)]]);
		},
		closeFunction: async () => {
			closed = true;
			await client.stop();
		},
	};
}
