/**
 * Queue mode, the way n8n scales past one process and the way n8n supports it: redis-server and PostgreSQL
 * (Debian's, started by scripts/lib/postgres.ts on free loopback ports), `n8n start` as main plus two
 * `n8n worker`, sharing the user folder (encryption key + our package) and the database. Every action runs on a
 * worker; the trigger runs once (on main) and starts one execution per notification, not one per process.
 */
import { expectRanOnWorkers, expectRunsOnPostgres, executionRowsInPostgres } from './helpers/queue-mode';
import { runAllOperations } from './helpers/run-all-operations';
import { AGENT, startStack, type Stack } from './helpers/stack';
import { actionNode, chain, triggerNode } from './helpers/workflows';

let stack: Stack;

beforeAll(async () => {
	stack = await startStack({ queue: true });
}, 300_000);

afterAll(async () => {
	await stack?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, done: () => boolean, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!done()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(200);
	}
}

it('runs on PostgreSQL with two workers: n8n does not warn about SQLite and keeps no SQLite file', () => {
	expect(stack.workers).toHaveLength(2);
	expectRunsOnPostgres(stack);
	expect(stack.n8n.postgres!.version).toMatch(/^PostgreSQL \d+/);
});

it('runs the all-operations workflows on a worker, not on main', async () => {
	const executionIds = await runAllOperations(stack);
	expectRanOnWorkers(stack, executionIds);
});

it('runs the trigger once: one CometD session on main, one execution per matching notification', async () => {
	await stack.sim.reset();
	const { id, versionId } = await stack.rest.createWorkflow(
		chain('E2E queue trigger', [triggerNode(stack.credential, { events: ['StatusChange'], filters: { callStates: ['Ringing'] }, options: {} })]),
	);
	await stack.rest.activateWorkflow(id, versionId);
	await until('the trigger to connect to the simulator', () => stack.sim.cometdSessionCount(AGENT.username) >= 1);
	await sleep(2000); // a second process subscribing would show up by now
	expect(stack.sim.cometdSessionCount(AGENT.username)).toBe(1);

	for (let i = 0; i < 3; i++) await stack.sim.placeInboundCall({ to: AGENT.username, from: `555100${i}` });
	const executions = await stack.rest.waitForExecutions(id, 3, 30_000);
	await sleep(3000);
	expect(await stack.rest.executions(id)).toHaveLength(3);
	expect(executionRowsInPostgres(stack, id)).toBe(3);
	expect(executions.every((e) => e.status === 'success')).toBe(true);
	// Trigger executions are enqueued by main and run on a worker.
	expectRanOnWorkers(
		stack,
		executions.map((e) => e.id),
	);
	await stack.rest.deactivateWorkflow(id);
});

it("a worker keeps one GWS session for all the executions it runs (no login per execution), and Call left empty acts on the trigger's call", async () => {
	await stack.sim.reset();
	// Trigger (filters) → Answer with Call left empty: no expression anywhere.
	const { id, versionId } = await stack.rest.createWorkflow(
		chain('E2E queue session reuse', [
			triggerNode(stack.credential, { events: ['StatusChange'], filters: { callStates: ['Ringing'] }, options: {} }),
			actionNode('Answer', stack.credential, { operation: 'answer', callId: '' }),
		]),
	);
	await stack.rest.activateWorkflow(id, versionId);
	await until('the trigger to read the calls', () => stack.sim.requests().some((r) => r.method === 'GET' && r.path === '/api/v2/me/calls'));
	const logins = () => stack.sim.requests().filter((r) => r.method === 'GET' && r.path === '/api/v2/me').length;
	const loginsBefore = logins();
	const calls: string[] = [];
	for (let i = 0; i < 6; i++) {
		calls.push((await stack.sim.placeInboundCall({ to: AGENT.username, from: `555200${i}` })).callId);
		await sleep(300);
	}
	const executions = await stack.rest.waitForExecutions(id, 6, 60_000);
	expect(executions.every((e) => e.status === 'success')).toBe(true);
	expectRanOnWorkers(
		stack,
		executions.map((e) => e.id),
	);
	for (const callId of calls) {
		expect(stack.sim.requests().filter((r) => r.method === 'POST' && r.path === `/api/v2/me/calls/${callId}`).map((r) => r.body)).toEqual([
			{ operationName: 'Answer' },
		]);
	}
	// Six executions on two workers: at most each worker's one first login (none if it was already logged in).
	expect(logins() - loginsBefore).toBeLessThanOrEqual(stack.workers.length);
	await stack.rest.deactivateWorkflow(id);
});
