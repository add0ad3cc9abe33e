/**
 * The item each execution gets: the notification's `data` exactly as GWS sent it (messageType,
 * notificationType, call, phoneNumber, extensions, devices…), plus our own fields under `_gws`, a name GWS
 * never uses, so nothing can clash:
 *   _gws.event       the `events` value that matched
 *   _gws.channel     the Bayeux channel (/v2/me/calls or /v2/me/devices)
 *   _gws.receivedAt  ISO time the trigger received (or, for resync, detected) it
 *   _gws.resync      true only for items made after a reconnect from GET /api/v2/me/calls (or /devices);
 *                    their `call` is the call as that GET returned it, except a call gone from GWS, which is
 *                    its last known view with state "Released" and capabilities []
 *   _gws.resyncReason 'changed' | 'new' | 'gone' (resync items only)
 *   _gws.monitoring  SupervisorMonitoringChanged items only: {change: 'started' | 'changed' | 'stopped', deviceId,
 *                    current, previous} (the device's supervisorMonitoringState now and before, null when none)
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { MonitoringChange } from './monitoringChanges';
import type { StateLoss } from './durableState';

export interface GwsMeta {
	event: string;
	channel: string;
	receivedAt: string;
	resync?: true;
	resyncReason?: 'changed' | 'new' | 'gone';
	monitoring?: MonitoringChange;
	/** What the limits of the view kept in the workflow's static data left out (durableState.ts). */
	stateDropped?: StateLoss;
}

export function buildItem(data: IDataObject, meta: GwsMeta): INodeExecutionData {
	return { json: { ...data, _gws: { ...meta } as unknown as IDataObject } };
}
