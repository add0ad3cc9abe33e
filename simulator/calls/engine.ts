/**
 * The call engine: the state transitions shared by every operation, and the notifications they produce.
 * Operations (operations/*.ts) combine these primitives; nothing else changes call state. The simulated queue
 * (queue.ts), supervisor monitoring (monitoring.ts) and the memory of released calls (released.ts) hang off it.
 */
import type { SimCallSnapshot } from '../api';
import { notFound } from '../errors';
import type { Notification } from '../notifications';
import { callStateChange, deviceStateChange, errorMessage, renderCall, type ErrorContext } from '../notifications';
import type { SimUser, UserDirectory } from '../users';
import { heardBy } from './audio';
import { acceptedOperations, capabilitiesOf, type Features, type LegContext } from './capabilities';
import type { Call, CallType, Leg, LegState, Party, UserDataPair } from './model';
import { CallStore, newCallIds, participantsFor, realParties } from './model';
import { SupervisorMonitoring } from './monitoring';
import { CallQueue } from './queue';
import { DispositionLog, RecentlyReleased } from './released';
import { renderUserData } from './userData';

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

/**
 * Destinations that cannot be reached: numbers starting with 999 (e.g. "99999"). The request is accepted
 * ({"statusCode":0}, as GWS accepts before T-Server answers) and an ErrorMessage follows on /v2/me/calls
 * (docs/FIDELITY.md U1, U2).
 */
export const UNREACHABLE_PREFIX = '999';
/** T-Server-like error code of that failure in our ErrorMessage (simulator choice). */
const UNREACHABLE_ERROR_CODE = 56;

/** Notifications of a supervisor's monitoring leg carry this `extensions` (the SupervisorSwitchToBargeIn sample). */
const MONITOR_EXTENSIONS = { WrapUpTime: 0, BusinessCall: 0 };

export class CallEngine {
	readonly store = new CallStore();
	readonly queue = new CallQueue(this);
	readonly monitoring = new SupervisorMonitoring(this);
	readonly released = new RecentlyReleased();
	readonly dispositions = new DispositionLog();
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(private readonly opts: EngineOptions) {}

	get users(): UserDirectory {
		return this.opts.users;
	}

	get features(): Features {
		return this.opts.features;
	}

	baseUrl(): string {
		return this.opts.baseUrl();
	}

	// ---------------------------------------------------------------- views

	legContext(call: Call, leg: Leg): LegContext {
		const others = this.store.legsOf(leg.username).filter((x) => x.call !== call);
		return {
			call,
			leg,
			hasOtherHeldCall: others.some((x) => x.leg.state === 'Held'),
			hasConsult: this.consultOf(call, leg.username) !== undefined,
			features: this.opts.features,
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
		return renderCall(this.opts.baseUrl(), owner, call, leg, this.capabilities(call, leg), this.monitoredUserMuted(call, leg));
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
				const self = call.parties.find((p) => p.username === leg.username);
				const snapshot: SimCallSnapshot = {
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
					viaQueue: leg.viaQueue,
					queue: call.queueName,
					heardBy: self ? heardBy(call, self) : [],
					monitoredUserMuted: this.monitoredUserMuted(call, leg),
				};
				if (leg.monitor) snapshot.monitoring = { ...leg.monitor };
				out.push(snapshot);
			}
		}
		return out;
	}

	/** On the supervisor's leg: their session's flag; on an agent's leg: whether a supervisor muted them. */
	monitoredUserMuted(call: Call, leg: Leg): boolean {
		if (leg.monitor) return leg.monitor.monitoredUserMuted;
		return [...call.legs.values()].some((l) => l.monitor?.monitoredUserMuted === true && l.monitor.monitoredUser === leg.username);
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
		const extensions = !withExtensions ? null : leg.monitor ? MONITOR_EXTENSIONS : { BusinessCall: 0 };
		this.opts.publish(username, callStateChange(notificationType, this.user(username), this.render(call, leg), extensions));
	}

	/** Tell every agent on the call (optionally but one). */
	notifyAll(call: Call, notificationType: string, except?: string): void {
		for (const username of [...call.legs.keys()]) if (username !== except) this.notify(call, username, notificationType);
	}

	/** Each leg's participant list, to find whose list a change altered (see notifyChangedViews). */
	views(call: Call): Map<string, string> {
		const out = new Map<string, string>();
		for (const username of call.legs.keys()) out.set(username, participantsFor(call, username).map((p) => p.dn).join(','));
		return out;
	}

	/** ParticipantsUpdated to every agent whose participant list differs from `before` (optionally but one). */
	notifyChangedViews(call: Call, before: Map<string, string>, except?: string): void {
		const after = this.views(call);
		for (const [username, view] of after) {
			if (username !== except && before.has(username) && before.get(username) !== view) this.notify(call, username, 'ParticipantsUpdated');
		}
	}

	/** DeviceStateChangeMessage on the user's /v2/me/devices: sent whenever anything on the device changes. */
	deviceChanged(user: SimUser): void {
		this.opts.publish(user.username, deviceStateChange(this.opts.baseUrl(), user));
	}

	/** An asynchronous failure: ErrorMessage on the user's /v2/me/calls after the HTTP answer. */
	asyncError(username: string, errorCode: number, message: string, context: ErrorContext): void {
		this.later(0, () => this.opts.publish(username, errorMessage(this.user(username), errorCode, message, context)));
	}

	/**
	 * True (and an ErrorMessage follows) when `destination` is unreachable; the caller then changes nothing.
	 * The ErrorMessage names the operation, the call it was posted on (none for Dial) and the destination.
	 */
	failsAsUnreachable(username: string, operationName: string, destination: string, callId?: string): boolean {
		if (!destination.startsWith(UNREACHABLE_PREFIX)) return false;
		const base = this.opts.baseUrl();
		this.asyncError(
			username,
			UNREACHABLE_ERROR_CODE,
			`${operationName} to '${destination}' failed: destination unreachable (simulated: numbers starting with ${UNREACHABLE_PREFIX} never connect)`,
			{ operationName, callId, callUri: callId ? `${base}/api/v2/me/calls/${callId}` : undefined, destination },
		);
		return true;
	}

	// ---------------------------------------------------------------- primitives

	newLeg(username: string, state: LegState, callType: CallType, dnis: string, extra: Partial<Leg> = {}): Leg {
		return { username, state, callType, dnis, startedAt: Date.now(), mute: 'Off', viaQueue: false, dtmf: '', ...extra };
	}

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
			this.newLeg(caller.username, 'Dialing', callType, destination, {
				parentCallId: consult?.parentCallId,
				consultKind: consult?.kind,
			}),
		);
		this.store.add(call);
		// The Dialing notification of a new consult call has no `extensions` (docs/FIDELITY.md N3).
		this.notify(call, caller.username, 'StatusChange', !consult);
		if (target.agent && target.agent.username !== caller.username) {
			call.legs.set(target.agent.username, this.newLeg(target.agent.username, 'Ringing', callType, destination));
			this.notify(call, target.agent.username, 'StatusChange');
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
		const leg = this.newLeg(agent.username, 'Ringing', 'Inbound', call.dnis ?? agent.dn, { ani: caller.dn, viaQueue: call.queueName !== undefined });
		call.legs.set(agent.username, leg);
		this.store.add(call);
		this.notify(call, agent.username, 'StatusChange');
	}

	setState(call: Call, leg: Leg, state: LegState, notificationType = 'StatusChange'): void {
		leg.state = state;
		const firstTime = state === 'Established' && !leg.wasEstablished;
		if (firstTime) leg.wasEstablished = true;
		this.notify(call, leg.username, notificationType);
		if (firstTime) this.monitoring.onEstablished(call, leg);
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
			const leg = this.newLeg(agent.username, ringing ? 'Ringing' : 'Established', 'Internal', dn);
			call.legs.set(agent.username, leg);
			if (!ringing) leg.wasEstablished = true;
			if (notify) this.notify(call, agent.username, 'StatusChange');
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
			leg.state = 'Released';
			this.notify(call, username, 'StatusChange');
			call.legs.delete(username);
			this.released.remember(username, call.id);
		}
		call.parties = call.parties.filter((p) => p.username !== username);
		if (leg?.monitor) this.monitoring.onMonitorLegEnded(this.user(username), call);
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
		const before = this.views(call);
		if (party.username) this.releaseLeg(call, party.username);
		else call.parties = call.parties.filter((p) => p !== party);
		if (call.alertingRemote === dn) call.alertingRemote = undefined;
		if (this.store.get(call.id) === call) this.notifyChangedViews(call, before);
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
		this.dispositions.clear();
	}
}
