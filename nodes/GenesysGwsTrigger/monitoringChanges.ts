/**
 * "Supervisor monitoring started, changed or stopped" for the user's device, read from the device's
 * `supervisorMonitoringState` in DeviceStateChangeMessage (the SupervisorListenIn and SupervisorCancelMonitoring
 * pages: it appears with ListenIn, Coach or BargeIn and is gone after CancelSupervisorMonitoring):
 * absent -> present = started; present with another state, mode, scope or target = changed; present -> absent =
 * stopped. GWS sends no notification of its own for these; the trigger compares with what it last saw
 * (deviceTracker.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../shared/isObject';
import { stableJson } from './callTracker';

type MonitoringChangeKind = 'started' | 'changed' | 'stopped';

/** What a SupervisorMonitoringChanged item carries in `_gws.monitoring`. */
export interface MonitoringChange {
	change: MonitoringChangeKind;
	deviceId: string;
	/** supervisorMonitoringState now: null once stopped. */
	current: IDataObject | null;
	/** supervisorMonitoringState as last seen: null before it started. */
	previous: IDataObject | null;
}

const stateOf = (value: unknown): IDataObject | null => (isObject(value) ? value : null);

/** The change from the monitoring state last seen (undefined: never seen, taken as none) to the device's. */
export function monitoringChangeOf(deviceId: string, lastSeen: unknown, device: IDataObject): MonitoringChange | undefined {
	const previous = stateOf(lastSeen);
	const current = stateOf(device.supervisorMonitoringState);
	if (!previous && !current) return undefined;
	if (previous && current && stableJson(previous) === stableJson(current)) return undefined;
	const change: MonitoringChangeKind = !previous ? 'started' : !current ? 'stopped' : 'changed';
	return { change, deviceId, current, previous };
}
