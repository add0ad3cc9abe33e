/**
 * Last-seen devices (agent state, DND, forwarding, monitoring) by device id, so a resync reports only devices
 * whose state changed while disconnected. Only state fields are compared (not capabilities or URIs), so a
 * GET answer and a notification that format a device slightly differently do not look like a change.
 */
import type { IDataObject } from 'n8n-workflow';

import { stableJson } from './callTracker';

const STATE_FIELDS = ['deviceState', 'userState', 'doNotDisturb', 'supervisorMonitoringState'];

function fingerprint(device: IDataObject): string {
	const picked: IDataObject = {};
	for (const [key, value] of Object.entries(device)) {
		if (STATE_FIELDS.includes(key) || /forward/i.test(key)) picked[key] = value;
	}
	return stableJson(picked);
}

export class DeviceTracker {
	private readonly devices = new Map<string, string>();

	constructor(private readonly limit = 100) {}

	observe(devices: unknown): void {
		if (!Array.isArray(devices)) return;
		for (const device of devices) {
			const id = (device as IDataObject | undefined)?.id;
			if (typeof id === 'string') this.devices.set(id, fingerprint(device as IDataObject));
		}
		while (this.devices.size > this.limit) this.devices.delete(this.devices.keys().next().value as string);
	}

	/** Fingerprint by device id, for keeping across n8n restarts (durableState.ts). */
	fingerprints(): Record<string, string> {
		return Object.fromEntries(this.devices);
	}

	/** Takes fingerprints kept by fingerprints() as the last-seen view. */
	restore(fingerprints: Record<string, string>): void {
		for (const [id, print] of Object.entries(fingerprints)) {
			if (typeof print === 'string') this.devices.set(id, print);
		}
	}

	/** Devices of the snapshot that differ from (or are missing in) the last-seen view; the view is updated. */
	changed(snapshot: IDataObject[]): IDataObject[] {
		const changed = snapshot.filter((d) => {
			const id = d.id;
			return typeof id === 'string' && this.devices.get(id) !== fingerprint(d);
		});
		this.observe(snapshot);
		return changed;
	}
}
