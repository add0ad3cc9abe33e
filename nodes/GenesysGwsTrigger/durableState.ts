/**
 * What the trigger knows of the user's calls and devices, kept in the workflow's static data so that it outlives
 * n8n itself (an upgrade, a crash, a container rescheduled): at the next activation the trigger compares GWS's
 * current calls with it and reports, once, what changed or appeared while it was not running (resync.ts).
 *
 * n8n persists a trigger's static data after activation and with every emit (its trigger context saves the
 * workflow's static data before running the execution), so the view is written just before each emit and once the
 * first snapshot is read. It is the view at that moment: the live calls only (released ones are forgotten), each
 * without capabilities and duration, and the device fingerprints: small, so the write on each emit stays cheap.
 *
 * Kept per workflow node (n8n's 'node' static data) and per credential user: a credential changed in between
 * starts afresh.
 */
import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';

import { CallTracker } from './callTracker';
import { DeviceTracker } from './deviceTracker';
import type { SavedTriggerState } from './savedState';

const KEY = 'genesysGwsTrigger';
const VERSION = 1;
/** More live calls than any user has; a bound on what is written with each emit. */
const MAX_CALLS = 200;

interface Persisted {
	version: number;
	/** baseUrl and username of the credential the view belongs to. */
	owner: string;
	calls: IDataObject[];
	devices: Record<string, string>;
	phoneNumber?: string;
}

function isPersisted(value: unknown, owner: string): value is Persisted {
	const p = value as Persisted | undefined;
	return (
		!!p &&
		typeof p === 'object' &&
		p.version === VERSION &&
		p.owner === owner &&
		Array.isArray(p.calls) &&
		!!p.devices &&
		typeof p.devices === 'object'
	);
}

export class DurableState {
	constructor(
		private readonly ctx: ITriggerFunctions,
		private readonly owner: string,
	) {}

	/** The view kept by an earlier activation of this node with this credential user, if any. */
	read(): SavedTriggerState | undefined {
		const kept = this.ctx.getWorkflowStaticData('node')[KEY];
		if (!isPersisted(kept, this.owner)) return undefined;
		const calls = new CallTracker();
		calls.seed(kept.calls.filter((c) => !!c && typeof c === 'object'));
		const devices = new DeviceTracker();
		devices.restore(kept.devices);
		return { calls, devices, phoneNumber: kept.phoneNumber };
	}

	/** Replaces the kept view (n8n writes it with the next emit, or after activation). */
	write(state: SavedTriggerState): void {
		const persisted: Persisted = {
			version: VERSION,
			owner: this.owner,
			calls: state.calls.views().slice(-MAX_CALLS),
			devices: state.devices.fingerprints(),
		};
		if (state.phoneNumber !== undefined) persisted.phoneNumber = state.phoneNumber;
		this.ctx.getWorkflowStaticData('node')[KEY] = persisted as unknown as IDataObject;
	}

	/** Forgets the kept view (the user chose not to hear of what happened while the workflow was off). */
	clear(): void {
		delete this.ctx.getWorkflowStaticData('node')[KEY];
	}
}
