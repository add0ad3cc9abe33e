/**
 * The call engine: the state transitions shared by every operation. Operations (operations/*.ts) combine these
 * primitives; nothing else changes call state. What a call looks like to each agent is views.ts, the notifications
 * a change sends are notifier.ts; the simulated queue (queue.ts), supervisor monitoring (monitoring.ts) and the
 * memory of released calls (released.ts) hang off it, each through the narrow interface it declares.
 */
import type { Notification } from '../notifications';
import type { SimUser, UserDirectory } from '../users';
import type { Features } from './capabilities';
import type { Call, CallType, Leg, LegState, Party, UserDataPair } from './model';
import { CallStore, newCallIds, newLeg, realParties } from './model';
import { SupervisorMonitoring } from './monitoring';
import { CallNotifier } from './notifier';
import { CallQueue } from './queue';
import { DispositionLog, EndedLegs, RecentlyReleased } from './released';
import { CallViews } from './views';

export interface EngineOptions {
	users: UserDirectory;
	/** The simulator's current base URL (URIs in calls use it). */
	baseUrl: () => string;
	/** Delivers a notification to one user's CometD sessions. */
	publish: (username: string, notification: Notification) => void;
	/** Remote parties answer after this many ms; -1 = only through the control API. */
	remoteAnswerDelayMs: number;
	features: Features;
}

export class CallEngine {
	readonly store = new CallStore();
	readonly released = new RecentlyReleased();
	/** What each user's ended legs last looked like (the console's "Recently ended"). */
	readonly ended = new EndedLegs();
	readonly dispositions = new DispositionLog();
	readonly views: CallViews;
	readonly notifier: CallNotifier;
	readonly queue: CallQueue;
	readonly monitoring: SupervisorMonitoring;
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(private readonly opts: EngineOptions) {
		this.views = new CallViews({ store: this.store, users: opts.users, baseUrl: opts.baseUrl, features: opts.features });
		this.notifier = new CallNotifier({
			users: opts.users,
			baseUrl: opts.baseUrl,
			publish: opts.publish,
			render: (call, leg) => this.views.render(call, leg),
			later: (ms, fn) => this.later(ms, fn),
		});
		this.queue = new CallQueue(this);
		this.monitoring = new SupervisorMonitoring(this);
	}

	get users(): UserDirectory {
		return this.opts.users;
	}

	baseUrl(): string {
		return this.opts.baseUrl();
	}

	// ---------------------------------------------------------------- primitives

	/** A new call (not yet stored): ids, and recordingState "Stopped" where the recording feature is on. */
	newCall(parties: Party[], userData: UserDataPair[]): Call {
		const call: Call = { ...newCallIds(), parties, legs: new Map(), userData, createdAt: Date.now() };
		if (this.opts.features.callRecording) call.recordingState = 'Stopped';
		return call;
	}

	/**
	 * Where a call to `dn` goes: an agent with ForwardCallsOn sends it to their forward destination (one hop: a
	 * forward destination's own forwarding is not followed, so forwards cannot loop; a forward back to the caller
	 * is ignored).
	 */
	route(dn: string, callerDn?: string): { dn: string; agent?: SimUser } {
		const agent = this.opts.users.byPhoneNumber(dn);
		const forward = agent?.forwardTo;
		if (!agent || forward === undefined || forward === callerDn) return { dn, agent };
		return { dn: forward, agent: this.opts.users.byPhoneNumber(forward) };
	}

	/** A new call from an agent to a number (Dial, or the consult call of InitiateConference/InitiateTransfer). */
	dial(
		caller: SimUser,
		destination: string,
		userData: Array<[string, unknown]>,
		consult?: { parentCallId: string; kind: 'conference' | 'transfer' },
	): Call {
		const target = this.route(destination, caller.dn);
		const callType: CallType = consult ? 'Consult' : target.agent ? 'Internal' : 'Outbound';
		const call = this.newCall([{ dn: caller.dn, username: caller.username }, { dn: target.dn, username: target.agent?.username }], userData);
		call.legs.set(
			caller.username,
			newLeg(caller.username, 'Dialing', callType, destination, {
				parentCallId: consult?.parentCallId,
				consultKind: consult?.kind,
			}),
		);
		this.store.add(call);
		// The Dialing notification of a new consult call has no `extensions` (docs/FIDELITY.md N3).
		this.notifier.notify(call, caller.username, 'StatusChange', !consult);
		if (target.agent && target.agent.username !== caller.username) {
			call.legs.set(target.agent.username, newLeg(target.agent.username, 'Ringing', callType, destination));
			this.notifier.notify(call, target.agent.username, 'StatusChange');
		} else {
			call.alertingRemote = target.dn;
			this.scheduleRemoteAnswer(call);
		}
		return call;
	}

	/**
	 * A call from a remote number (control API). To an agent: it rings them (or their forward destination; a call
	 * forwarded to a remote number leaves the simulator: undefined). Through a queue: see queue.ts.
	 */
	placeInbound(
		agent: SimUser | undefined,
		from: string,
		dnis: string | undefined,
		userData: Array<[string, unknown]>,
		queueName?: string,
	): Call | undefined {
		const call = this.newCall([{ dn: from }], userData);
		call.queueName = queueName;
		call.dnis = dnis;
		if (!agent) {
			this.queue.enqueue(call);
			return call;
		}
		const target = this.route(agent.dn, from);
		if (!target.agent) return undefined;
		call.dnis = dnis ?? agent.dn;
		this.offer(call, target.agent);
		return call;
	}

	/** The call rings this agent (an inbound call: Ringing, Inbound, Reject offered when it came through a queue). */
	offer(call: Call, agent: SimUser): void {
		const caller = call.parties[0];
		call.waiting = undefined;
		call.parties.push({ dn: agent.dn, username: agent.username });
		const leg = newLeg(agent.username, 'Ringing', 'Inbound', call.dnis ?? agent.dn, { ani: caller.dn, viaQueue: call.queueName !== undefined });
		call.legs.set(agent.username, leg);
		this.store.add(call);
		this.notifier.notify(call, agent.username, 'StatusChange');
	}

	setState(call: Call, leg: Leg, state: LegState, notificationType = 'StatusChange'): void {
		leg.state = state;
		const firstTime = state === 'Established' && !leg.wasEstablished;
		if (firstTime) leg.wasEstablished = true;
		this.notifier.notify(call, leg.username, notificationType);
		if (firstTime) this.monitoring.onEstablished(call, leg);
	}

	/**
	 * An agent answers: their leg and the caller's dialing leg become Established. A call of theirs still
	 * Established is put on hold first, as a SIP phone does (StatusChange Held; docs/FIDELITY.md C14, a choice).
	 */
	answer(call: Call, leg: Leg): void {
		for (const other of this.opts.features.holdOnAnswer ? this.store.legsOf(leg.username) : []) {
			if (other.call !== call && other.leg.state === 'Established' && !other.leg.monitor) this.setState(other.call, other.leg, 'Held');
		}
		this.setState(call, leg, 'Established');
		for (const other of call.legs.values()) if (other.state === 'Dialing') this.setState(call, other, 'Established');
	}

	remoteAnswer(call: Call): void {
		if (!call.alertingRemote) throw new Error(`Call ${call.id} has no remote party alerting (nothing to answer)`);
		call.alertingRemote = undefined;
		for (const leg of call.legs.values()) if (leg.state === 'Dialing') this.setState(call, leg, 'Established');
	}

	/** The first remote (non-agent) party hangs up. */
	/** A remote (non-agent) party hangs up: `number`, or the first one (the caller, on an inbound call). */
	remoteHangup(call: Call, number?: string): void {
		const remotes = call.parties.filter((p) => !p.username);
		const remote = number === undefined ? remotes[0] : remotes.find((p) => p.dn === number);
		if (!remote) {
			if (number === undefined || !remotes.length) throw new Error(`Call ${call.id} has no remote (non-agent) party to hang up`);
			throw new Error(`${JSON.stringify(number)} is not a remote party of call ${call.id}; its remote parties: ${remotes.map((p) => p.dn).join(', ')}`);
		}
		if (call.waiting) {
			this.queue.abandon(call);
			return;
		}
		this.removeParty(call, remote.dn);
	}

	/** Adds a party (forwarding applies); an agent gets their own leg (Established, or Ringing when `ringing`). */
	join(call: Call, dn: string, ringing = false, notify = true): string | undefined {
		let target = this.route(dn);
		if (target.dn !== dn && call.parties.some((p) => p.dn === target.dn)) target = { dn, agent: this.opts.users.byPhoneNumber(dn) };
		call.parties.push({ dn: target.dn, username: target.agent?.username });
		const agent = target.agent;
		if (agent && !call.legs.has(agent.username)) {
			const leg = newLeg(agent.username, ringing ? 'Ringing' : 'Established', 'Internal', dn);
			call.legs.set(agent.username, leg);
			if (!ringing) leg.wasEstablished = true;
			if (notify) this.notifier.notify(call, agent.username, 'StatusChange');
			if (!ringing) this.monitoring.onEstablished(call, leg);
			return agent.username;
		}
		return undefined;
	}

	/**
	 * Releases one agent's leg (StatusChange Released, capabilities []) and forgets it. Unless the whole call ends
	 * (`callEnds`), a monitored agent leaving lets their supervisors follow or leave (monitoring.ts).
	 */
	releaseLeg(call: Call, username: string, callEnds = false): void {
		const leg = call.legs.get(username);
		if (leg) {
			if (leg.state !== 'Released') this.ended.add(this.views.snapshotOf(call, leg));
			leg.state = 'Released';
			this.notifier.notify(call, username, 'StatusChange');
			call.legs.delete(username);
			this.released.remember(username, call.id);
		}
		call.parties = call.parties.filter((p) => p.username !== username);
		if (leg?.monitor) this.monitoring.onMonitorLegEnded(this.opts.users.get(username), call);
		else if (leg && !callEnds) this.monitoring.onAgentLeft(call, username);
		if (call.legs.size === 0 && !call.waiting) this.store.delete(call.id);
	}

	releaseAll(call: Call, first?: string): void {
		call.waiting = undefined;
		const order = [...call.legs.keys()].sort((a, b) => (a === first ? -1 : b === first ? 1 : 0));
		for (const username of order) this.releaseLeg(call, username, true);
		this.store.delete(call.id);
	}

	/**
	 * A party leaves (hangup, removal, remote hangup): the call ends when fewer than two parties (monitoring
	 * supervisors aside) remain; otherwise everyone whose participant list changed gets ParticipantsUpdated.
	 */
	removeParty(call: Call, dn: string): void {
		const party = call.parties.find((p) => p.dn === dn);
		if (!party) return;
		const isMonitor = party.username !== undefined && call.legs.get(party.username)?.monitor !== undefined;
		if (!isMonitor && realParties(call).length <= 2) {
			this.releaseAll(call, party.username);
			return;
		}
		const before = this.notifier.participantLists(call);
		if (party.username) this.releaseLeg(call, party.username);
		else call.parties = call.parties.filter((p) => p !== party);
		if (call.alertingRemote === dn) call.alertingRemote = undefined;
		if (this.store.get(call.id) === call) this.notifier.notifyChangedParticipants(call, before);
	}

	/**
	 * Moves every party of `source` except `username` (and its monitoring supervisors) into `target` and releases
	 * the agent's leg on `source` (CompleteConference, MergeWithOtherCall, CompleteTransfer). Returns the moved dns.
	 */
	moveParties(source: Call, target: Call, username: string): string[] {
		const moved = realParties(source).filter((p) => p.username !== username);
		const ringing = new Set(moved.filter((p) => p.username && source.legs.get(p.username)?.state === 'Ringing').map((p) => p.dn));
		this.releaseAll(source, username);
		for (const party of moved) {
			if (target.parties.some((p) => p.dn === party.dn)) continue;
			this.join(target, party.dn, ringing.has(party.dn));
		}
		return moved.map((p) => p.dn);
	}

	/** After every request and timer: queued calls go to agents who became available. */
	settle(): void {
		this.queue.dispatch();
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
			this.settle();
		}, ms);
		this.timers.add(timer);
	}

	clear(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.store.clear();
		this.released.clear();
		this.ended.clear();
		this.dispositions.clear();
	}
}
