/**
 * Queue mode, the way n8n scales past one process: redis-server (Debian's) on a free loopback port, `n8n start`
 * as main plus one `n8n worker`, sharing the user folder (database + encryption key). The action workflow must
 * execute on the worker; the trigger must run once (on main) and start one execution per notification, not one
 * per process.
 */
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

it('runs the all-operations workflows on the worker, not on main', async () => {
	const executionIds = await runAllOperations(stack);
	for (const id of executionIds) {
		expect(stack.worker!.output()).toMatch(new RegExp(`Worker started execution ${id}\\b`));
		expect(stack.main.output()).not.toMatch(new RegExp(`Worker started execution ${id}\\b`));
	}
});

it('runs the trigger once: one CometD session on main, one execution per matching notification', async () => {
	await stack.sim.reset();
	const { id, versionId } = await stack.rest.createWorkflow(
		chain('E2E queue trigger', [triggerNode(stack.credential, { events: ['StatusChange'], filters: { callStates: ['Ringing'] }, options: {} })]),
	);
	await stack.rest.activateWorkflow(id, versionId);
	const deadline = Date.now() + 20_000;
	while (stack.sim.cometdSessionCount(AGENT.username) < 1) {
		if (Date.now() > deadline) throw new Error('the trigger did not connect to the simulator within 20 s');
		await sleep(200);
	}
	await sleep(2000); // a second process subscribing would show up by now
	expect(stack.sim.cometdSessionCount(AGENT.username)).toBe(1);

	const calls: string[] = [];
	for (let i = 0; i < 3; i++) calls.push((await stack.sim.placeInboundCall({ to: AGENT.username, from: `555100${i}` })).callId);
	const executions = await stack.rest.waitForExecutions(id, 3, 30_000);
	await sleep(3000);
	expect(await stack.rest.executions(id)).toHaveLength(3);
	expect(executions.every((e) => e.status === 'success')).toBe(true);
	// Trigger executions are enqueued by main and run on the worker as well.
	for (const e of executions) expect(stack.worker!.output()).toMatch(new RegExp(`Worker started execution ${e.id}\\b`));
	await stack.rest.deactivateWorkflow(id);
});

it('a worker keeps one GWS session for all the executions it runs (no login per execution), and Call left empty acts on the trigger\'s call', async () => {
	await stack.sim.reset();
	// Trigger (filters) → Answer with Call left empty: no expression anywhere.
	const { id, versionId } = await stack.rest.createWorkflow(
		chain('E2E queue session reuse', [
			triggerNode(stack.credential, { events: ['StatusChange'], filters: { callStates: ['Ringing'] }, options: {} }),
			actionNode('Answer', stack.credential, { operation: 'answer', callId: '' }),
		]),
	);
	await stack.rest.activateWorkflow(id, versionId);
	const deadline = Date.now() + 20_000;
	while (!stack.sim.requests().some((r) => r.method === 'GET' && r.path === '/api/v2/me/calls')) {
		if (Date.now() > deadline) throw new Error('the trigger did not read the calls within 20 s');
		await sleep(200);
	}
	const logins = () => stack.sim.requests().filter((r) => r.method === 'GET' && r.path === '/api/v2/me').length;
	const loginsBefore = logins();
	const calls: string[] = [];
	for (let i = 0; i < 5; i++) {
		calls.push((await stack.sim.placeInboundCall({ to: AGENT.username, from: `555200${i}` })).callId);
		await sleep(300);
	}
	const executions = await stack.rest.waitForExecutions(id, 5, 60_000);
	expect(executions.every((e) => e.status === 'success')).toBe(true);
	for (const e of executions) expect(stack.worker!.output()).toMatch(new RegExp(`Worker started execution ${e.id}\\b`));
	for (const callId of calls) {
		expect(stack.sim.requests().filter((r) => r.method === 'POST' && r.path === `/api/v2/me/calls/${callId}`).map((r) => r.body)).toEqual([
			{ operationName: 'Answer' },
		]);
	}
	// Five executions on the worker: at most its one first login (none if it was already logged in).
	expect(logins() - loginsBefore).toBeLessThanOrEqual(1);
	await stack.rest.deactivateWorkflow(id);
});
