/**
 * What the console shows (the live feed's `snapshot` event, feed.ts): the agents and their devices, the most recent
 * CONSOLE_CALLS call legs, each user's recently ended ones, CometD sessions, delivery, faults and latency. The page (page/*.ts) reads this type.
 */
import type { FaultSpec, SimAgentSnapshot, SimCallSnapshot, SimEndedCall } from '../api';
import { shownUserData } from './bounds';

/** The console shows at most this many call legs (a benchmark can hold thousands). */
const CONSOLE_CALLS = 500;

/** A call leg as the console shows it: the control API's snapshot, and what the leg accepts beyond its capabilities. */
export interface ConsoleCall extends SimCallSnapshot {
	/** Accepted on this leg though not listed in `capabilities` (docs/FIDELITY.md C12): the operation dialog offers them. */
	alsoAccepted: string[];
}

export interface ConsoleSnapshot {
	url: string;
	agents: SimAgentSnapshot[];
	calls: ConsoleCall[];
	/** Every call leg, also those left out of `calls`. */
	callsTotal: number;
	/** Each user's recently ended legs, newest first (kept by the simulator: a reload shows them too). */
	ended: Array<{ call: ConsoleCall; endedAt: number }>;
	/** Per username. */
	cometdSessions: Record<string, number>;
	notificationsPublished: number;
	notificationsPaused: boolean;
	faults: FaultSpec[];
	latencyMs: number;
}

/** What the snapshot is made of. */
export interface SnapshotSource {
	readonly url: string;
	agents(): SimAgentSnapshot[];
	calls(): SimCallSnapshot[];
	ended(): SimEndedCall[];
	/** See ConsoleCall.alsoAccepted. */
	alsoAccepted(callId: string, username: string): string[];
	cometdSessionCount(username: string): number;
	readonly notificationsPublished: number;
	readonly notificationsPaused: boolean;
	pendingFaults(): FaultSpec[];
	readonly latencyMs: number;
}

export function consoleSnapshot(source: SnapshotSource): ConsoleSnapshot {
	const calls = source.calls();
	const agents = source.agents();
	return {
		url: source.url,
		agents,
		calls: calls.slice(-CONSOLE_CALLS).map((call) => ({ ...call, userData: shownUserData(call.userData), alsoAccepted: source.alsoAccepted(call.id, call.owner) })),
		callsTotal: calls.length,
		ended: source.ended().map((e) => ({ call: { ...e.call, userData: shownUserData(e.call.userData), alsoAccepted: [] }, endedAt: e.endedAt })),
		cometdSessions: Object.fromEntries(agents.map((a) => [a.username, source.cometdSessionCount(a.username)])),
		notificationsPublished: source.notificationsPublished,
		notificationsPaused: source.notificationsPaused,
		faults: source.pendingFaults(),
		latencyMs: source.latencyMs,
	};
}
