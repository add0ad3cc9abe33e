/**
 * The call engine: the state transitions shared by every operation, and the notifications they produce.
 * Operations (operations/*.ts) combine these primitives; nothing else changes call state.
 */
import type { SimCallSnapshot } from '../api';
import { notFound } from '../errors';
import type { Notification } from '../notifications';
import { callStateChange, errorMessage, renderCall } from '../notifications';
import type { SimUser, UserDirectory } from '../users';
import { acceptedOperations, capabilitiesOf, type LegContext } from './capabilities';
import type { Call, CallType, Leg, LegState } from './model';
import { CallStore, newCallIds, participantsFor } from './model';
import { renderUserData } from './userData';

export interface EngineOptions {
	users: UserDirectory;
	/** The simulator's current base URL (URIs in calls use it). */
	baseUrl: () => string;
	/** Delivers a notification to one user's CometD sessions. */
	publish: (username: string, notification: Notification) => void;
	/** Remote parties answer after this many ms; -1 = only through the control API. */
	remoteAnswerDelayMs: number;
}

/**
 * Destinations that cannot be reached: numbers starting with 999 (e.g. "99999"). The request is accepted
 * ({"statusCode":0}, as GWS accepts before T-Server answers) and an ErrorMessage follows on /v2/me/calls.
 */
export const UNREACHABLE_PREFIX = '999';
/** T-Server-like error code of that failure in our ErrorMessage (simulator choice). */
export const UNREACHABLE_ERROR_CODE = 56;

export class CallEngine {
	readonly store = new CallStore();
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(private readonly opts: EngineOptions) {}

	get users(): UserDirectory {
		return this.opts.users;
	}

	// ---------------------------------------------------------------- views

	legContext(call: Call, leg: Leg): LegContext {
		const others = this.store.legsOf(leg.username).filter((x) => x.call !== call);
		return {
			call,
			leg,
			hasOtherHeldCall: others.some((x) => x.leg.state === 'Held'),
			hasConsult: this.consultOf(call, leg.username) !== undefined,
		};
	}

	capabilities(call: Call, leg: Leg): string[] {
		return capabilitiesOf(this.legContext(call, leg));
	}

	accepted(call: Call, leg: Leg): Set<string> {
		return acceptedOperations(this.legContext(call, leg));
	}

	render(call: Call, leg: Leg): Record<string, unknown> {
		const owner = this.user(leg.username);
		return renderCall(this.opts.baseUrl(), owner, call, leg, this.capabilities(call, leg));
	}

	/** The live consult call (of this agent) whose parent is `call`, newest first. */
	consultOf(parent: Call, username: string): Call | undefined {
		const consults = this.store
			.legsOf(username)
			.filter((x) => x.leg.parentCallId === parent.id)
			.map((x) => x.call);
		return consults[consults.length - 1];
	}

	/** The user's leg on a call, or a 404 naming the call. */
	legOf(callId: string, username: string): { call: Call; leg: Leg } {
		const call = this.store.get(callId);
		const leg = call?.legs.get(username);
		if (!call || !leg || leg.state === 'Released') {
			throw notFound(`Call '${callId}' not found for user '${username}' (it may have been released); GET /api/v2/me/calls lists the current calls`);
		}
		return { call, leg };
	}

	snapshots(username?: string): SimCallSnapshot[] {
		const out: SimCallSnapshot[] = [];
		for (const call of this.store.all()) {
			for (const leg of call.legs.values()) {
				if (username !== undefined && leg.username !== username) continue;
				out.push({
					id: call.id,
					state: leg.state,
					callType: leg.callType,
					owner: leg.username,
					participants: participantsFor(call, leg.username).map((p) => p.dn),
					userData: renderUserData(call.userData) ?? {},
					capabilities: this.capabilities(call, leg),
					dnis: leg.dnis,
					mute: leg.mute,
					dtmf: leg.dtmf,
					recordingState: call.recordingState,
					parentCallId: leg.parentCallId,
				});
			}
		}
		return out;
	}

	// ---------------------------------------------------------------- notifications

	user(username: string): SimUser {
		const user = this.opts.users.byUsername(username);
		if (!user) throw new Error(`unknown user ${username}`);
		return user;
	}

	notify(call: Call, username: string, notificationType: string, withExtensions = true): void {
		const leg = call.legs.get(username);
		if (!leg) return;
		this.opts.publish(username, callStateChange(notificationType, this.user(username), this.render(call, leg), withExtensions));
	}

	/** Tell every agent on the call (optionally but one). */
	notifyAll(call: Call, notificationType: string, except?: string): void {
		for (const username of [...call.legs.keys()]) if (username !== except) this.notify(call, username, notificationType);
	}

	/** An asynchronous failure: ErrorMessage on the user's /v2/me/calls after the HTTP answer. */
	asyncError(username: string, errorCode: number, message: string, operationName: string, callId?: string): void {
		const callUri = callId ? `${this.opts.baseUrl()}/api/v2/me/calls/${callId}` : undefined;
		this.later(0, () => this.opts.publish(username, errorMessage(this.user(username), errorCode, message, operationName, callUri)));
	}

	/** True (and an ErrorMessage follows) when `destination` is unreachable; the caller then changes nothing. */
	failsAsUnreachable(username: string, operationName: string, destination: string, callId?: string): boolean {
		if (!destination.startsWith(UNREACHABLE_PREFIX)) return false;
		this.asyncError(
			username,
			UNREACHABLE_ERROR_CODE,
			`${operationName} to '${destination}' failed: destination unreachable (simulated: numbers starting with ${UNREACHABLE_PREFIX} never connect)`,
			operationName,
			callId,
		);
		return true;
	}

	// ---------------------------------------------------------------- primitives

	newLeg(username: string, state: LegState, callType: CallType, dnis: string, extra: Partial<Leg> = {}): Leg {
		return { username, state, callType, dnis, startedAt: Date.now(), mute: 'Off', viaQueue: false, dtmf: '', ...extra };
	}

	/** A new call from an agent to a number (Dial, or the consult call of InitiateConference/InitiateTransfer). */
	dial(
		caller: SimUser,
		destination: string,
		userData: Array<[string, unknown]>,
		consult?: { parentCallId: string; kind: 'conference' | 'transfer' },
	): Call {
		const target = this.opts.users.byPhoneNumber(destination);
		const callType: CallType = consult ? 'Consult' : target ? 'Internal' : 'Outbound';
		const call: Call = {
			...newCallIds(),
			parties: [{ dn: caller.dn, username: caller.username }, { dn: destination, username: target?.username }],
			legs: new Map(),
			userData,
			createdAt: Date.now(),
		};
		call.legs.set(
			caller.username,
			this.newLeg(caller.username, 'Dialing', callType, destination, {
				parentCallId: consult?.parentCallId,
				consultKind: consult?.kind,
			}),
		);
		this.store.add(call);
		// The InitiateConference page's Dialing sample of the consult call has no `extensions`.
		this.notify(call, caller.username, 'StatusChange', !consult);
		if (target && target.username !== caller.username) {
			call.legs.set(target.username, this.newLeg(target.username, 'Ringing', callType, destination));
			this.notify(call, target.username, 'StatusChange');
		} else {
			call.alertingRemote = destination;
			this.scheduleRemoteAnswer(call);
		}
		return call;
	}

	/** A call from a remote number ringing an agent (control API). */
	placeInbound(agent: SimUser, from: string, dnis: string, userData: Array<[string, unknown]>, viaQueue: boolean): Call {
		const call: Call = {
			...newCallIds(),
			parties: [{ dn: from }, { dn: agent.dn, username: agent.username }],
			legs: new Map(),
			userData,
			createdAt: Date.now(),
		};
		call.legs.set(agent.username, this.newLeg(agent.username, 'Ringing', 'Inbound', dnis, { ani: from, viaQueue }));
		this.store.add(call);
		this.notify(call, agent.username, 'StatusChange');
		return call;
	}

	setState(call: Call, leg: Leg, state: LegState, notificationType = 'StatusChange'): void {
		leg.state = state;
		this.notify(call, leg.username, notificationType);
	}

	/** An agent answers: their leg and the caller's dialing leg become Established. */
	answer(call: Call, leg: Leg): void {
		this.setState(call, leg, 'Established');
		for (const other of call.legs.values()) if (other.state === 'Dialing') this.setState(call, other, 'Established');
	}

	remoteAnswer(call: Call): void {
		if (!call.alertingRemote) throw new Error(`Call ${call.id} has no remote party alerting (nothing to answer)`);
		call.alertingRemote = undefined;
		for (const leg of call.legs.values()) if (leg.state === 'Dialing') this.setState(call, leg, 'Established');
	}

	/** The first remote (non-agent) party hangs up. */
	remoteHangup(call: Call): void {
		const remote = call.parties.find((p) => !p.username);
		if (!remote) throw new Error(`Call ${call.id} has no remote (non-agent) party to hang up`);
		this.removeParty(call, remote.dn);
	}

	/** Adds a party; an agent gets their own leg (Established, or Ringing when `ringing`). */
	join(call: Call, dn: string, ringing = false, notify = true): string | undefined {
		const agent = this.opts.users.byPhoneNumber(dn);
		call.parties.push({ dn, username: agent?.username });
		if (agent && !call.legs.has(agent.username)) {
			call.legs.set(agent.username, this.newLeg(agent.username, ringing ? 'Ringing' : 'Established', 'Internal', dn));
			if (notify) this.notify(call, agent.username, 'StatusChange');
			return agent.username;
		}
		return undefined;
	}

	/** Releases one agent's leg (StatusChange Released, capabilities []) and forgets it. */
	releaseLeg(call: Call, username: string): void {
		const leg = call.legs.get(username);
		if (leg) {
			leg.state = 'Released';
			this.notify(call, username, 'StatusChange');
			call.legs.delete(username);
		}
		call.parties = call.parties.filter((p) => p.username !== username);
		if (call.legs.size === 0) this.store.delete(call.id);
	}

	releaseAll(call: Call, first?: string): void {
		const order = [...call.legs.keys()].sort((a, b) => (a === first ? -1 : b === first ? 1 : 0));
		for (const username of order) this.releaseLeg(call, username);
		this.store.delete(call.id);
	}

	/** A party leaves (hangup, removal, remote hangup): the call ends when fewer than two parties remain. */
	removeParty(call: Call, dn: string): void {
		const party = call.parties.find((p) => p.dn === dn);
		if (!party) return;
		if (call.parties.length <= 2) {
			this.releaseAll(call, party.username);
			return;
		}
		if (party.username) this.releaseLeg(call, party.username);
		else call.parties = call.parties.filter((p) => p !== party);
		if (call.alertingRemote === dn) call.alertingRemote = undefined;
		this.notifyAll(call, 'ParticipantsUpdated');
	}

	/**
	 * Moves every party of `source` except `username` into `target` and releases the agent's leg on `source`
	 * (CompleteConference, MergeWithOtherCall, CompleteTransfer). Returns the moved dns.
	 */
	moveParties(source: Call, target: Call, username: string): string[] {
		const moved = source.parties.filter((p) => p.username !== username);
		const ringing = new Set(moved.filter((p) => p.username && source.legs.get(p.username)?.state === 'Ringing').map((p) => p.dn));
		this.releaseAll(source, username);
		for (const party of moved) {
			if (target.parties.some((p) => p.dn === party.dn)) continue;
			this.join(target, party.dn, ringing.has(party.dn));
		}
		return moved.map((p) => p.dn);
	}

	// ---------------------------------------------------------------- timers

	scheduleRemoteAnswer(call: Call): void {
		const delay = this.opts.remoteAnswerDelayMs;
		if (delay < 0) return;
		this.later(delay, () => {
			if (this.store.get(call.id) === call && call.alertingRemote) this.remoteAnswer(call);
		});
	}

	later(ms: number, fn: () => void): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			fn();
		}, ms);
		this.timers.add(timer);
	}

	clear(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.store.clear();
	}
}
