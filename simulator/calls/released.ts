/**
 * What the simulator remembers after a call ends, for SetCallDisposition on released calls (docs/FIDELITY.md DS3:
 * GWS only reports it, no notification): each user's released calls for RELEASED_MEMORY_MS, and the log of
 * dispositions set (the control API's view of what went to reporting).
 */
import type { SimDisposition } from '../api';

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
