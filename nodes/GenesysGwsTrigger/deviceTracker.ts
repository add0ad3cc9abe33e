/**
 * Last-seen devices (agent state, DND, forwarding, monitoring) by device id, so a resync reports only devices
 * whose state changed while disconnected, and monitoring changes can be told from the state before. Only state
 * fields are kept (not capabilities or URIs), so a GET answer and a notification that format a device slightly
 * differently do not look like a change.
 */
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../shared/isObject';
import { stableJson } from './callTracker';
import { monitoringChangeOf, type MonitoringChange } from './monitoringChanges';

/** The device fields that are its state; any field about forwarding counts too (forwardTo, other builds' names). */
const STATE_FIELDS = ['deviceState', 'userState', 'doNotDisturb', 'forwardTo', 'supervisorMonitoringState'];

function stateFields(device: IDataObject): IDataObject {
	const picked: IDataObject = {};
	for (const [key, value] of Object.entries(device)) {
		if (STATE_FIELDS.includes(key) || /forward/i.test(key)) picked[key] = value;
	}
	return picked;
}

export interface DeviceChanges {
	/** Devices whose state differs from the last-seen view (or that are new to it). */
	devices: IDataObject[];
	/** Monitoring started, changed or stopped among them. */
	monitoring: Array<{ device: IDataObject; change: MonitoringChange }>;
}

export class DeviceTracker {
	/** The state fields last seen, by device id (Map order: least recently seen first). */
	private readonly devices = new Map<string, IDataObject>();
	/** Sequence number of the last live notification about each device, and of the last one when a resync began. */
	private readonly liveSeq = new Map<string, number>();
	private seq = 0;
	private resyncSeq = 0;

	constructor(private readonly limit = 100) {}

	/**
	 * Records the devices of a notification or of a snapshot (GET /api/v2/me/devices); returns those that differ from
	 * (or are new to) the last-seen view, and the monitoring changes among them. The view is updated.
	 */
	observe(devices: unknown, from: 'notification' | 'snapshot' = 'notification'): DeviceChanges {
		const changes: DeviceChanges = { devices: [], monitoring: [] };
		if (!Array.isArray(devices)) return changes;
		if (from === 'notification') this.seq++;
		for (const device of devices as unknown[]) {
			const id = (device as IDataObject | undefined)?.id;
			if (typeof id !== 'string') continue;
			if (from === 'notification') this.liveSeq.set(id, this.seq);
			// A notification newer than the snapshot's GET already told this device's state: the snapshot is older.
			else if ((this.liveSeq.get(id) ?? 0) > this.resyncSeq) continue;
			const state = stateFields(device as IDataObject);
			const before = this.devices.get(id);
			if (before === undefined || stableJson(before) !== stableJson(state)) {
				changes.devices.push(device as IDataObject);
				const monitoring = monitoringChangeOf(id, before?.supervisorMonitoringState, device as IDataObject);
				if (monitoring) changes.monitoring.push({ device: device as IDataObject, change: monitoring });
			}
			this.devices.delete(id);
			this.devices.set(id, state);
		}
		while (this.devices.size > this.limit) {
			const oldest = this.devices.keys().next().value as string;
			this.devices.delete(oldest);
			this.liveSeq.delete(oldest);
		}
		return changes;
	}

	/** Call before reading a snapshot: devices notified live after this point keep their live state. */
	beginResync(): void {
		this.resyncSeq = this.seq;
	}

	/** Fingerprint (the state fields as JSON with sorted keys) by device id, for keeping across n8n restarts. */
	fingerprints(): Record<string, string> {
		return Object.fromEntries([...this.devices].map(([id, state]) => [id, stableJson(state)]));
	}

	/** Takes fingerprints kept by fingerprints() as the last-seen view (one that does not parse is skipped). */
	restore(fingerprints: Record<string, string>): void {
		for (const [id, print] of Object.entries(fingerprints)) {
			if (typeof print !== 'string') continue;
			try {
				const state = JSON.parse(print) as unknown;
				if (isObject(state)) this.devices.set(id, state);
			} catch {
				// Not ours: the device counts as unseen, so the next snapshot reports it.
			}
		}
	}
}
