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

import { nestingDepth } from '../shared/nesting';
import { CallTracker, callIdOf } from './callTracker';
import { DeviceTracker } from './deviceTracker';
import type { SavedTriggerState } from './savedState';

const KEY = 'genesysGwsTrigger';
const VERSION = 1;
/** More live calls than any user has; a bound on what is written with each emit and taken when read. */
const MAX_CALLS = 200;
/** A user has a device or two; what is read beyond this is not ours. */
const MAX_DEVICES = 50;
/** n8n writes the static data with every emit: at most about this many characters of JSON (oldest calls go first). */
export const MAX_STATE_CHARS = 512 * 1024;
/** A kept call nested deeper than this is not GWS's (its user data is a few levels): skipped when read. */
const MAX_CALL_DEPTH = 32;
const MAX_PHONE_NUMBER_LENGTH = 256;

/** What the limits left out of the kept view, reported once in the next item's `_gws.stateDropped`. */
export interface StateLoss {
	/** Calls not kept (when written) or not taken (when read), oldest first. */
	calls: number;
	/** Device fingerprints not taken when read. */
	devices: number;
	why: string;
}

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
		typeof p.devices === 'object' &&
		!Array.isArray(p.devices)
	);
}

/** A kept call's size in characters of JSON (what n8n writes); Infinity when it cannot be serialized. */
function sizeOf(call: unknown): number {
	try {
		return JSON.stringify(call)?.length ?? 0;
	} catch {
		return Infinity;
	}
}

/**
 * The most recent calls (the list is oldest first) that fit MAX_CALLS and MAX_STATE_CHARS less `reserved`, and how
 * many were left out. Only calls that pass `usable` count.
 */
function newestThatFit(calls: unknown[], reserved: number, usable: (call: unknown) => boolean): { kept: IDataObject[]; dropped: number } {
	const kept: IDataObject[] = [];
	let chars = reserved;
	for (let i = calls.length - 1; i >= 0 && kept.length < MAX_CALLS; i--) {
		const call = calls[i];
		if (!usable(call)) continue;
		const size = sizeOf(call);
		if (chars + size > MAX_STATE_CHARS) break;
		chars += size;
		kept.push(call as IDataObject);
	}
	return { kept: kept.reverse(), dropped: calls.length - kept.length };
}

const LIMITS = `at most ${MAX_CALLS} calls and ${MAX_STATE_CHARS} characters of static data`;

export class DurableState {
	/** Ids of the calls the last write left out (only newly left-out ones are reported). */
	private leftOut = new Set<string>();
	private loss?: StateLoss;

	constructor(
		private readonly ctx: ITriggerFunctions,
		private readonly owner: string,
	) {}

	/**
	 * The view kept by an earlier activation of this node with this credential user, if any. Checked and bounded as
	 * when written: only call objects with an id, not nested deeper than GWS's, the newest that fit the limits;
	 * device fingerprints that are strings, at most MAX_DEVICES; a phone number only if it is a short string.
	 */
	read(): SavedTriggerState | undefined {
		const kept = this.ctx.getWorkflowStaticData('node')[KEY];
		if (!isPersisted(kept, this.owner)) return undefined;
		const usable = (c: unknown) => callIdOf(c) !== undefined && nestingDepth(c, MAX_CALL_DEPTH) <= MAX_CALL_DEPTH;
		const { kept: taken, dropped } = newestThatFit(kept.calls, 0, usable);
		const calls = new CallTracker();
		calls.seed(taken);
		const prints = Object.entries(kept.devices).filter(([, print]) => typeof print === 'string' && print.length <= MAX_STATE_CHARS / 4);
		const devices = new DeviceTracker();
		devices.restore(Object.fromEntries(prints.slice(0, MAX_DEVICES)));
		const skippedDevices = Object.keys(kept.devices).length - Math.min(prints.length, MAX_DEVICES);
		if (dropped > 0 || skippedDevices > 0) {
			this.report({ calls: dropped, devices: skippedDevices, why: `the kept view was larger than ${LIMITS}, or held values that are not GWS's` });
		}
		const phone = kept.phoneNumber;
		const phoneNumber = typeof phone === 'string' && phone.length <= MAX_PHONE_NUMBER_LENGTH ? phone : undefined;
		return { calls, devices, phoneNumber };
	}

	/** Replaces the kept view (n8n writes it with the next emit, or after activation), bounded like read(). */
	write(state: SavedTriggerState): void {
		const persisted: Persisted = {
			version: VERSION,
			owner: this.owner,
			calls: [],
			devices: state.devices.fingerprints(),
		};
		if (state.phoneNumber !== undefined) persisted.phoneNumber = state.phoneNumber;
		const views = state.calls.views();
		const { kept } = newestThatFit(views, sizeOf(persisted), () => true);
		persisted.calls = kept;
		const keptIds = new Set(kept.map((c) => callIdOf(c)));
		const leftOut = new Set(views.map((c) => callIdOf(c) ?? '').filter((id) => id !== '' && !keptIds.has(id)));
		const newly = [...leftOut].filter((id) => !this.leftOut.has(id)).length;
		this.leftOut = leftOut;
		if (newly > 0) this.report({ calls: newly, devices: 0, why: `the kept view is limited to ${LIMITS}; the oldest calls were left out` });
		this.ctx.getWorkflowStaticData('node')[KEY] = persisted as unknown as IDataObject;
	}

	/** What the limits left out since the last call, once (the trigger puts it in the next item's `_gws`). */
	takeLoss(): StateLoss | undefined {
		const loss = this.loss;
		this.loss = undefined;
		return loss;
	}

	private report(loss: StateLoss): void {
		this.loss = this.loss
			? { calls: this.loss.calls + loss.calls, devices: this.loss.devices + loss.devices, why: loss.why }
			: loss;
	}
	/** Forgets the kept view (the user chose not to hear of what happened while the workflow was off). */
	clear(): void {
		delete this.ctx.getWorkflowStaticData('node')[KEY];
	}
}
