/**
 * What the simulator remembers after a call ends, for SetCallDisposition on released calls (docs/FIDELITY.md DS3:
 * GWS only reports it, no notification): each user's released calls for RELEASED_MEMORY_MS, and the log of
 * dispositions set (the control API's view of what went to reporting).
 */
import type { SimCallSnapshot, SimDisposition, SimEndedCall } from '../api';

/** How long a released call still takes SetCallDisposition: 10 minutes (simulator choice; wrap-up time). */
export const RELEASED_MEMORY_MS = 10 * 60 * 1000;
/** At most this many released calls are remembered (oldest forgotten first), so long runs stay bounded. */
const RELEASED_LIMIT = 5000;
const DISPOSITION_LIMIT = 10_000;

export class RecentlyReleased {
	private readonly calls = new Map<string, number>();

	remember(username: string, callId: string): void {
		const key = `${username} ${callId}`;
		this.calls.delete(key);
		this.calls.set(key, Date.now());
		if (this.calls.size > RELEASED_LIMIT) this.calls.delete(this.calls.keys().next().value as string);
	}

	/** Released for this user within the memory window. */
	has(username: string, callId: string): boolean {
		const at = this.calls.get(`${username} ${callId}`);
		return at !== undefined && Date.now() - at <= RELEASED_MEMORY_MS;
	}

	clear(): void {
		this.calls.clear();
	}
}

/** How many ended legs each user's list keeps (the console's "Recently ended"). */
const ENDED_PER_USER = 5;

/**
 * Each user's last ENDED_PER_USER ended legs, as they looked just before they ended, newest first: the console's
 * "Recently ended" comes from here, so a reload (or a second page) shows the same.
 */
export class EndedLegs {
	private readonly byUser = new Map<string, SimEndedCall[]>();

	add(call: SimCallSnapshot, endedAt = Date.now()): void {
		const list = this.byUser.get(call.owner) ?? [];
		list.unshift({ call, endedAt });
		if (list.length > ENDED_PER_USER) list.length = ENDED_PER_USER;
		this.byUser.set(call.owner, list);
	}

	/** Newest first, each user's list after the other's (one user's when given). */
	all(username?: string): SimEndedCall[] {
		const lists = username === undefined ? [...this.byUser.values()] : [this.byUser.get(username) ?? []];
		return lists.flat().map((e) => ({ ...e }));
	}

	clear(): void {
		this.byUser.clear();
	}
}

export class DispositionLog {
	private entries: SimDisposition[] = [];

	add(entry: SimDisposition): void {
		this.entries.push(entry);
		if (this.entries.length > DISPOSITION_LIMIT) this.entries.splice(0, this.entries.length - DISPOSITION_LIMIT);
	}

	all(): SimDisposition[] {
		return this.entries.map((e) => ({ ...e }));
	}

	clear(): void {
		this.entries = [];
	}
}
