/**
 * What the trigger last saw of each call, so that after a reconnect it can tell what changed while it was
 * disconnected (resync) without repeating what it already emitted.
 *
 * - Every call notification updates the call's last-seen view (emitted or filtered out alike).
 * - resync(snapshot) compares `GET /api/v2/me/calls` with the last-seen view, aspect by aspect (each call event's
 *   aspect: events.ts CALL_ASPECTS), and returns one change per differing aspect.
 *   A call new to us is reported as a state change; a tracked call missing from the snapshot as Released.
 * - Calls that got a live notification after the resync began are skipped: the live stream already carries them.
 * - A late live notification repeating exactly what a resync just reported is flagged as a duplicate.
 * - Bounded: at most `limit` calls (least recently seen dropped first); Released calls are forgotten.
 */
import type { IDataObject } from 'n8n-workflow';

import { CALL_ASPECTS, type CallAspect } from './events';

interface TrackedCall {
	call: IDataObject;
	/** Fingerprint per aspect. */
	prints: Record<CallAspect, string>;
	/** Sequence number of the last live notification about this call. */
	liveSeq: number;
}

export interface CallChange {
	aspect: CallAspect;
	/** The call to report: as GWS returned it (or, for a call gone from the list, the last view with state Released). */
	call: IDataObject;
	/** The call is new to us / gone from GWS. */
	reason: 'changed' | 'new' | 'gone';
}

/** Deeper than this, stableJson stops and writes a marker: GWS values nest a few levels, never this many. */
const STABLE_JSON_DEPTH = 64;

/**
 * JSON with sorted object keys, so equal values give equal strings regardless of key order. A value nested deeper
 * than STABLE_JSON_DEPTH (never GWS's) is cut there with a marker, so no value can exhaust the stack.
 */
export function stableJson(value: unknown, depth = 0): string {
	if (value === undefined) return '';
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? '';
	if (depth >= STABLE_JSON_DEPTH) return '"[nested too deeply]"';
	if (Array.isArray(value)) return `[${value.map((v) => stableJson(v, depth + 1)).join(',')}]`;
	const obj = value as Record<string, unknown>;
	return `{${Object.keys(obj)
		.sort()
		.map((k) => `${JSON.stringify(k)}:${stableJson(obj[k], depth + 1)}`)
		.join(',')}}`;
}

function printsOf(call: IDataObject): Record<CallAspect, string> {
	const prints = {} as Record<CallAspect, string>;
	for (const aspect of CALL_ASPECTS) prints[aspect] = stableJson(call[aspect]);
	return prints;
}

export function callIdOf(call: unknown): string | undefined {
	if (!call || typeof call !== 'object') return undefined;
	const id = (call as IDataObject).id;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

export class CallTracker {
	private readonly calls = new Map<string, TrackedCall>();
	private seq = 0;
	private resyncSeq = -1;
	/** What the last resync reported, per call id: `${aspect}\u0000${fingerprint}`. */
	private readonly reportedByResync = new Map<string, Set<string>>();

	constructor(private readonly limit = 1000) {}

	get size(): number {
		return this.calls.size;
	}

	/**
	 * Records a live call notification. Returns true when it only repeats what the last resync already
	 * reported (so it must not start another execution).
	 */
	observe(call: IDataObject, aspect: CallAspect | undefined): boolean {
		const id = callIdOf(call);
		if (!id) return false;
		this.seq++;
		const prints = printsOf(call);
		let duplicate = false;
		const reported = this.reportedByResync.get(id);
		if (reported && aspect) {
			const key = `${aspect}\u0000${prints[aspect]}`;
			if (reported.has(key)) {
				duplicate = true;
				reported.delete(key);
			} else {
				// The call moved on: older resync reports can no longer be repeated.
				this.reportedByResync.delete(id);
			}
		}
		if (call.state === 'Released') {
			this.calls.delete(id);
		} else {
			this.calls.delete(id); // re-insert: Map order = least recently seen first
			this.calls.set(id, { call, prints, liveSeq: this.seq });
			this.evict();
		}
		return duplicate;
	}

	/** Call before reading the snapshot; changes seen live after this point win over the snapshot. */
	beginResync(): void {
		this.resyncSeq = this.seq;
		this.reportedByResync.clear();
	}

	/**
	 * The last-seen view of every tracked call, most recently seen last, for keeping across n8n restarts
	 * (durableState.ts): without `capabilities` and `duration`, which change without being an aspect.
	 */
	views(): IDataObject[] {
		return [...this.calls.values()].map(({ call }) => {
			const view = { ...call };
			delete view.capabilities;
			delete view.duration;
			return view;
		});
	}

	/** Records the snapshot as the new last-seen view without reporting anything (first subscription). */
	seed(snapshot: IDataObject[]): void {
		for (const call of snapshot) {
			const id = callIdOf(call);
			if (!id || this.calls.has(id) || call.state === 'Released') continue;
			this.calls.set(id, { call, prints: printsOf(call), liveSeq: 0 });
		}
		this.evict();
	}

	/** Differences between the snapshot and the last-seen view; the view is updated to the snapshot. */
	resync(snapshot: IDataObject[]): CallChange[] {
		const changes: CallChange[] = [];
		const present = new Set<string>();
		for (const call of snapshot) {
			const id = callIdOf(call);
			if (!id) continue;
			present.add(id);
			const known = this.calls.get(id);
			if (known && known.liveSeq > this.resyncSeq) continue;
			const prints = printsOf(call);
			if (!known) {
				if (call.state === 'Released') continue;
				changes.push({ aspect: 'state', call, reason: 'new' });
				this.remember(id, 'state', prints);
			} else {
				for (const aspect of CALL_ASPECTS) {
					if (known.prints[aspect] !== prints[aspect]) {
						changes.push({ aspect, call, reason: 'changed' });
						this.remember(id, aspect, prints);
					}
				}
			}
			if (call.state === 'Released') this.calls.delete(id);
			else {
				this.calls.delete(id);
				this.calls.set(id, { call, prints, liveSeq: known?.liveSeq ?? 0 });
			}
		}
		for (const [id, known] of [...this.calls]) {
			if (present.has(id) || known.liveSeq > this.resyncSeq) continue;
			const released: IDataObject = { ...known.call, state: 'Released', capabilities: [] };
			changes.push({ aspect: 'state', call: released, reason: 'gone' });
			this.remember(id, 'state', printsOf(released));
			this.calls.delete(id);
		}
		this.evict();
		return changes;
	}

	private remember(id: string, aspect: CallAspect, prints: Record<CallAspect, string>): void {
		let set = this.reportedByResync.get(id);
		if (!set) this.reportedByResync.set(id, (set = new Set()));
		set.add(`${aspect}\u0000${prints[aspect]}`);
	}

	private evict(): void {
		while (this.calls.size > this.limit) {
			const oldest = this.calls.keys().next().value as string;
			this.calls.delete(oldest);
		}
		while (this.reportedByResync.size > this.limit) {
			const oldest = this.reportedByResync.keys().next().value as string;
			this.reportedByResync.delete(oldest);
		}
	}
}
