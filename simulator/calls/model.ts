/**
 * The call model. A `Call` is the telephony call (one id shared by every agent on it, like a T-Server call);
 * each simulated agent on it has a `Leg`: their own view (state, callType, mute, ...), notified on their own channel.
 */
import { randomBytes } from 'crypto';
import type { MonitorMode, MonitorScope } from '../users';

export type LegState = 'Dialing' | 'Ringing' | 'Established' | 'Held' | 'Released';
export type CallType = 'Inbound' | 'Outbound' | 'Internal' | 'Consult';
export type RecordingState = 'Recording' | 'Paused' | 'Stopped';

export interface Party {
	/** The party's number; an agent's DN or a remote number. */
	dn: string;
	/** Set when the party is a simulated agent. */
	username?: string;
}

export interface Leg {
	username: string;
	state: LegState;
	callType: CallType;
	dnis: string;
	/** The caller's number on inbound calls from a remote party. */
	ani?: string;
	startedAt: number;
	mute: 'On' | 'Off';
	/** On the initiating agent's leg of a consult call: the call it consults from. */
	parentCallId?: string;
	consultKind?: 'conference' | 'transfer';
	/** Delivered through a queue: Reject is offered while ringing. */
	viaQueue: boolean;
	/** Every DTMF digit sent on this leg, in order. */
	dtmf: string;
	/** Has been Established at least once (monitoring starts on the first time, not on Retrieve). */
	wasEstablished?: boolean;
	/** A supervisor's monitoring leg (delivered because the supervisor monitors an agent on this call). */
	monitor?: MonitorSession;
}

/** A supervisor on a monitored call: the mode decides who hears them (calls/audio.ts). */
export interface MonitorSession {
	mode: MonitorMode;
	scope: MonitorScope;
	/** The monitored agent (undefined once a Call-scope session followed the call away from simulated agents). */
	monitoredUser?: string;
	/** MuteMonitoredUser: the monitored agent is heard only by the call's supervisors. */
	monitoredUserMuted: boolean;
}

/** A call waiting in a simulated queue (no agent is offered it). */
interface QueueWait {
	since: number;
	/** The agent who rejected it last: not offered it again until they become Ready anew. */
	rejectedBy?: string;
}

/** AttachUserData can duplicate keys, so user data is a list of pairs (rendering: see userData.ts). */
export type UserDataPair = [string, unknown];

export interface Call {
	id: string;
	connId: string;
	/** Everyone on the call in join order (agents and remote numbers). */
	parties: Party[];
	legs: Map<string, Leg>;
	userData: UserDataPair[];
	recordingState?: RecordingState;
	/** A remote party that is still alerting (not yet answered). */
	alertingRemote?: string;
	createdAt: number;
	/** Inbound calls: the number the caller dialled (each agent's leg shows it as dnis). */
	dnis?: string;
	/** Delivered through this simulated queue (Reject sends it back there). */
	queueName?: string;
	/** Set while the call waits in its queue. */
	waiting?: QueueWait;
}

/** A new leg of `username` on a call, not yet added to it. */
export function newLeg(username: string, state: LegState, callType: CallType, dnis: string, extra: Partial<Leg> = {}): Leg {
	return { username, state, callType, dnis, startedAt: Date.now(), mute: 'Off', viaQueue: false, dtmf: '', ...extra };
}

let counter = 0;
const prefix = randomBytes(13).toString('hex').toUpperCase().replace(/[^0-9A-Z]/g, 'K').slice(0, 26);

/** Ids shaped like the samples in test/simulator/fixtures: 32 chars, e.g. 01RCC3N118B1V0SL8O7GK2LAES000009; connId 16 hex digits. */
export function newCallIds(): { id: string; connId: string } {
	counter += 1;
	const id = prefix + counter.toString(36).toUpperCase().padStart(6, '0');
	const connId = '007102' + (Date.now() % 0xffffff).toString(16).padStart(6, '0') + counter.toString(16).padStart(4, '0').slice(-4);
	return { id, connId };
}

export class CallStore {
	private readonly calls = new Map<string, Call>();

	add(call: Call): void {
		this.calls.set(call.id, call);
	}
	get(id: string): Call | undefined {
		return this.calls.get(id);
	}
	delete(id: string): void {
		this.calls.delete(id);
	}
	clear(): void {
		this.calls.clear();
	}
	all(): Call[] {
		return [...this.calls.values()];
	}
	/** The user's live legs, oldest call first. */
	legsOf(username: string): Array<{ call: Call; leg: Leg }> {
		const out: Array<{ call: Call; leg: Leg }> = [];
		for (const call of this.calls.values()) {
			const leg = call.legs.get(username);
			if (leg && leg.state !== 'Released') out.push({ call, leg });
		}
		return out;
	}
}

/** The supervisor's monitoring session when this party is a monitoring supervisor. */
export function monitorOf(call: Call, party: Party): MonitorSession | undefined {
	return party.username ? call.legs.get(party.username)?.monitor : undefined;
}

/**
 * Whether `viewer` sees `party` among the participants (docs/FIDELITY.md M8): everyone sees the call's parties; a
 * monitoring supervisor is seen as their mode lets them be heard (ListenIn: by nobody; Coach: by the monitored
 * agent; BargeIn: by all). A supervisor sees every party.
 */
function visibleTo(call: Call, party: Party, viewer: string): boolean {
	const monitor = monitorOf(call, party);
	if (!monitor) return true;
	if (monitor.mode === 'BargeIn') return true;
	if (monitor.mode === 'Coach') return monitor.monitoredUser === viewer;
	return false;
}

/** A party that is on the call from this agent's point of view: everyone but themselves, newest first (docs/FIDELITY.md C1). */
export function participantsFor(call: Call, username: string): Party[] {
	const viewerIsMonitor = call.legs.get(username)?.monitor !== undefined;
	return call.parties.filter((p) => p.username !== username && (viewerIsMonitor || visibleTo(call, p, username))).reverse();
}

/** The parties that are not monitoring supervisors: a call ends when fewer than two of them remain. */
export function realParties(call: Call): Party[] {
	return call.parties.filter((p) => !monitorOf(call, p));
}

/** Three or more parties as this agent sees them (themselves included): a conference. */
export function isConference(call: Call, viewer?: string): boolean {
	if (viewer === undefined) return realParties(call).length >= 3;
	return participantsFor(call, viewer).length + 1 >= 3;
}
