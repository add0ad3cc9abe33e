/**
 * Last-seen devices (agent state, DND, forwarding) by device id, so a resync reports only devices that changed
 * while disconnected. Few devices per user: no bound needed beyond `limit`.
 */
import type { IDataObject } from 'n8n-workflow';

import { stableJson } from './call-tracker';

export class DeviceTracker {
	private readonly devices = new Map<string, string>();

	constructor(private readonly limit = 100) {}

	observe(devices: unknown): void {
		if (!Array.isArray(devices)) return;
		for (const device of devices) {
			const id = (device as IDataObject | undefined)?.id;
			if (typeof id === 'string') this.devices.set(id, stableJson(device));
		}
		while (this.devices.size > this.limit) this.devices.delete(this.devices.keys().next().value as string);
	}

	/** Devices of the snapshot that differ from (or are missing in) the last-seen view; the view is updated. */
	changed(snapshot: IDataObject[]): IDataObject[] {
		const changed = snapshot.filter((d) => {
			const id = d.id;
			return typeof id === 'string' && this.devices.get(id) !== stableJson(d);
		});
		this.observe(snapshot);
		return changed;
	}
}
