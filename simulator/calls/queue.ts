/**
 * The simulated queue (docs/FIDELITY.md Q1-Q6): a call placed through a queue waits there until an agent is
 * available, then rings that agent (Ringing, Reject offered). Reject sends it back to the queue
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/CallsReject): the rejecting agent's leg is Released and
 * the call is offered to the next available agent other than them, or waits. The caller stays on the call.
 *
 * Available (Q2): logged in, userState Ready, DND Off, no forwarding, and no call of their own (monitoring legs
 * aside). Agents are tried in configuration order, after the one who rejected.
 */
import type { SimQueuedCall } from '../api';
import type { SimUser, UserDirectory } from '../users';
import type { Call, CallStore, Leg } from './model';
import { renderUserData } from './userData';

export const DEFAULT_QUEUE = 'default';

/** What the queue needs from the call engine: the calls, the agents in order, and two of its transitions. */
export interface QueueHost {
	readonly store: Pick<CallStore, 'add' | 'delete' | 'all' | 'legsOf'>;
	readonly users: Pick<UserDirectory, 'all'>;
	/** The call rings this agent. */
	offer(call: Call, agent: SimUser): void;
	/** The agent's leg is Released (`callEnds`: no monitoring follow-up). */
	releaseLeg(call: Call, username: string, callEnds: boolean): void;
}

export class CallQueue {
	constructor(private readonly engine: QueueHost) {}

	/** The call waits in its queue (offered at the next dispatch when an agent is available). */
	enqueue(call: Call, rejectedBy?: string): void {
		call.waiting = { since: Date.now(), rejectedBy };
		this.engine.store.add(call);
		this.dispatch(rejectedBy);
	}

	/** Reject: the agent's leg is Released and the call goes back to its queue. */
	reject(call: Call, leg: Leg): void {
		call.waiting = { since: Date.now(), rejectedBy: leg.username };
		this.engine.releaseLeg(call, leg.username, true);
		this.dispatch(leg.username);
	}

	/** The caller hangs up while waiting: the call is gone (no agent leg to notify). */
	abandon(call: Call): void {
		call.waiting = undefined;
		this.engine.store.delete(call.id);
	}

	/** An agent became Ready: a call they rejected may be offered to them again. */
	readyAgain(user: SimUser): void {
		for (const call of this.waiting()) if (call.waiting?.rejectedBy === user.username) call.waiting.rejectedBy = undefined;
	}

	/** Offers waiting calls (the oldest call first, also after a Reject) to available agents; `after` = start after this agent in config order. */
	dispatch(after?: string): void {
		for (const call of this.waiting()) {
			const agent = this.nextAvailable(call, after);
			if (agent) this.engine.offer(call, agent);
		}
	}

	waiting(): Call[] {
		return this.engine.store
			.all()
			.filter((c) => c.waiting !== undefined)
			.sort((a, b) => a.createdAt - b.createdAt);
	}

	snapshot(): SimQueuedCall[] {
		return this.waiting().map((call) => ({
			id: call.id,
			queue: call.queueName ?? DEFAULT_QUEUE,
			from: call.parties[0]?.dn,
			dnis: call.dnis,
			userData: renderUserData(call.userData) ?? {},
			waitingSince: call.waiting!.since,
			rejectedBy: call.waiting!.rejectedBy,
		}));
	}

	available(user: SimUser): boolean {
		if (!user.loggedIn || user.userState.state !== 'Ready' || user.doNotDisturb === 'On' || user.forwardTo !== undefined) return false;
		return !this.engine.store.legsOf(user.username).some(({ leg }) => !leg.monitor);
	}

	private nextAvailable(call: Call, after?: string): SimUser | undefined {
		const users = this.engine.users.all();
		const start = after === undefined ? 0 : users.findIndex((u) => u.username === after) + 1;
		const order = [...users.slice(start), ...users.slice(0, start)];
		return order.find((u) => u.username !== call.waiting?.rejectedBy && this.available(u));
	}
}
