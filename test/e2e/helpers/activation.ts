/**
 * Activating trigger workflows in the real n8n and knowing when they listen: a trigger holds one CometD session
 * of its credential's user in the simulator from its handshake on, and is subscribed once it has read the
 * current calls (its baseline). A call changed before that read is only learned, not emitted.
 */
import type { WorkflowJson } from '../../../scripts/lib/n8n-rest';
import type { Stack } from './stack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TriggerActivations {
	/** Trigger workflows this instance activated and has not deactivated. */
	private active = 0;

	constructor(
		private readonly stack: Stack,
		private readonly username: string,
	) {}

	/** Waits until the user has exactly `count` CometD sessions. */
	async sessionsReach(count: number, what: string): Promise<void> {
		const deadline = Date.now() + 20_000;
		while (this.stack.sim.cometdSessionCount(this.username) !== count) {
			if (Date.now() > deadline) {
				throw new Error(`${what}: expected ${count} CometD sessions of ${this.username}, have ${this.stack.sim.cometdSessionCount(this.username)}`);
			}
			await sleep(200);
		}
	}

	/** Creates and activates the workflow; resolves once its trigger is subscribed and has read the calls. */
	async activate(workflow: WorkflowJson): Promise<string> {
		const { id, versionId } = await this.stack.rest.createWorkflow(workflow);
		// A workflow deactivated just before may still be disconnecting: start from the settled count, so that the
		// new session is what makes the count grow.
		await this.sessionsReach(this.active, `before activating ${workflow.name}`);
		const seqBefore = this.lastRequestSeq();
		await this.stack.rest.activateWorkflow(id, versionId);
		await this.sessionsReach(++this.active, `${workflow.name}: its trigger did not connect to the simulator`);
		const deadline = Date.now() + 20_000;
		while (!this.stack.sim.requests().some((r) => r.seq > seqBefore && r.method === 'GET' && r.path === '/api/v2/me/calls')) {
			if (Date.now() > deadline) throw new Error(`${workflow.name}: its trigger never read the current calls after subscribing`);
			await sleep(200);
		}
		return id;
	}

	async deactivate(id: string): Promise<void> {
		await this.stack.rest.deactivateWorkflow(id);
		this.active--;
	}

	lastRequestSeq(): number {
		return this.stack.sim.requests().reduce((max, r) => Math.max(max, r.seq), 0);
	}
}
