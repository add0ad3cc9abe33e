/**
 * Activating trigger workflows in the real n8n and knowing when they listen: a trigger holds one CometD session
 * of its credential's user in the simulator from its handshake on, and is subscribed once it has read the
 * current calls (its baseline). A call changed before that read is only learned, not emitted. A workflow may have
 * triggers of several users (the supervisor example: the agent's and the supervisor's): say whose.
 */
import type { WorkflowJson } from '../../../scripts/lib/n8n-rest';
import type { Stack } from './stack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TriggerActivations {
	/** Trigger workflows this instance activated and has not deactivated, per user of their triggers. */
	private readonly active = new Map<string, number>();
	private readonly users = new Map<string, string[]>();

	constructor(
		private readonly stack: Stack,
		private readonly username: string,
	) {}

	/** Waits until the user has exactly `count` CometD sessions. */
	async sessionsReach(count: number, what: string, username = this.username): Promise<void> {
		const deadline = Date.now() + 20_000;
		while (this.stack.sim.cometdSessionCount(username) !== count) {
			if (Date.now() > deadline) {
				throw new Error(`${what}: expected ${count} CometD sessions of ${username}, have ${this.stack.sim.cometdSessionCount(username)}`);
			}
			await sleep(200);
		}
	}

	/**
	 * Creates and activates the workflow; resolves once its triggers (one per user in `users`) are subscribed and
	 * have read the calls.
	 */
	async activate(workflow: WorkflowJson, users: string[] = [this.username]): Promise<string> {
		const { id, versionId } = await this.stack.rest.createWorkflow(workflow);
		// A workflow deactivated just before may still be disconnecting: start from the settled counts, so that the
		// new sessions are what makes the counts grow.
		for (const user of users) await this.sessionsReach(this.countOf(user), `before activating ${workflow.name}`, user);
		const seqBefore = this.lastRequestSeq();
		await this.stack.rest.activateWorkflow(id, versionId);
		for (const user of users) {
			this.active.set(user, this.countOf(user) + 1);
			await this.sessionsReach(this.countOf(user), `${workflow.name}: its trigger did not connect to the simulator`, user);
		}
		const deadline = Date.now() + 20_000;
		const readCalls = (user: string) =>
			this.stack.sim.requests().some((r) => r.seq > seqBefore && r.method === 'GET' && r.path === '/api/v2/me/calls' && r.username === user);
		while (!users.every(readCalls)) {
			if (Date.now() > deadline) throw new Error(`${workflow.name}: its trigger never read the current calls after subscribing`);
			await sleep(200);
		}
		this.users.set(id, users);
		return id;
	}

	async deactivate(id: string): Promise<void> {
		await this.stack.rest.deactivateWorkflow(id);
		for (const user of this.users.get(id) ?? [this.username]) this.active.set(user, this.countOf(user) - 1);
		this.users.delete(id);
	}

	lastRequestSeq(): number {
		return this.stack.sim.requests().reduce((max, r) => Math.max(max, r.seq), 0);
	}

	private countOf(user: string): number {
		return this.active.get(user) ?? 0;
	}
}
