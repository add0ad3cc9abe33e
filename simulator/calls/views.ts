/**
 * How a call looks to one agent: the operations their leg offers and accepts (capabilities.ts), the call resource
 * GWS renders for them (notifications.ts renderCall), and the control API's snapshots. Reads the call store; changes
 * nothing.
 */
import type { SimCallSnapshot } from '../api';
import { notFound } from '../errors';
import { renderCall } from '../notifications';
import type { UserDirectory } from '../users';
import { heardBy } from './audio';
import { acceptedOperations, capabilitiesOf, type Features, type LegContext } from './capabilities';
import type { Call, CallStore, Leg } from './model';
import { participantsFor } from './model';
import { renderUserData } from './userData';

export interface CallViewsOptions {
	store: CallStore;
	users: Pick<UserDirectory, 'get'>;
	/** The simulator's current base URL (URIs in calls use it). */
	baseUrl: () => string;
	features: Features;
}

export class CallViews {
	constructor(private readonly opts: CallViewsOptions) {}

	capabilities(call: Call, leg: Leg): string[] {
		return capabilitiesOf(this.legContext(call, leg));
	}

	accepted(call: Call, leg: Leg): Set<string> {
		return acceptedOperations(this.legContext(call, leg));
	}

	render(call: Call, leg: Leg): Record<string, unknown> {
		const owner = this.opts.users.get(leg.username);
		return renderCall(this.opts.baseUrl(), owner, call, leg, this.capabilities(call, leg), this.monitoredUserMuted(call, leg));
	}

	/** The live consult call (of this agent) whose parent is `call`, newest first. */
	consultOf(parent: Call, username: string): Call | undefined {
		const consults = this.opts.store
			.legsOf(username)
			.filter((x) => x.leg.parentCallId === parent.id)
			.map((x) => x.call);
		return consults[consults.length - 1];
	}

	/** The user's leg on a call, or a 404 naming the call. */
	legOf(callId: string, username: string): { call: Call; leg: Leg } {
		const call = this.opts.store.get(callId);
		const leg = call?.legs.get(username);
		if (!call || !leg || leg.state === 'Released') {
			throw notFound(`Call '${callId}' not found for user '${username}' (it may have been released); GET /api/v2/me/calls lists the current calls`);
		}
		return { call, leg };
	}

	/** On the supervisor's leg: their session's flag; on an agent's leg: whether a supervisor muted them. */
	monitoredUserMuted(call: Call, leg: Leg): boolean {
		if (leg.monitor) return leg.monitor.monitoredUserMuted;
		return [...call.legs.values()].some((l) => l.monitor?.monitoredUserMuted === true && l.monitor.monitoredUser === leg.username);
	}

	/** Every leg as the control API shows it (calls()), optionally one user's. */
	snapshots(username?: string): SimCallSnapshot[] {
		const out: SimCallSnapshot[] = [];
		for (const call of this.opts.store.all()) {
			for (const leg of call.legs.values()) {
				if (username !== undefined && leg.username !== username) continue;
				out.push(this.snapshotOf(call, leg));
			}
		}
		return out;
	}

	/** One leg as the control API shows it. */
	snapshotOf(call: Call, leg: Leg): SimCallSnapshot {
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
		return snapshot;
	}

	/**
	 * What the leg of `username` on call `callId` accepts beyond its capabilities (docs/FIDELITY.md C12), in the
	 * order capabilities.ts adds them; [] when there is no such leg. The console offers these too.
	 */
	acceptedUnlisted(callId: string, username: string): string[] {
		const call = this.opts.store.get(callId);
		const leg = call?.legs.get(username);
		if (!call || !leg) return [];
		const listed = new Set(this.capabilities(call, leg));
		return [...this.accepted(call, leg)].filter((op) => !listed.has(op));
	}

	private legContext(call: Call, leg: Leg): LegContext {
		const others = this.opts.store.legsOf(leg.username).filter((x) => x.call !== call);
		return {
			call,
			leg,
			hasOtherHeldCall: others.some((x) => x.leg.state === 'Held'),
			hasConsult: this.consultOf(call, leg.username) !== undefined,
			features: this.opts.features,
		};
	}
}
