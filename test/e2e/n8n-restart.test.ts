/**
 * The trigger across a restart of n8n itself, in the real n8n program (regular mode on SQLite; queue mode on
 * PostgreSQL with two workers, where only main restarts): stop n8n, change
 * calls on the simulator, start n8n, and count executions: exactly one per call that changed, appeared or went
 * while n8n was down, flagged _gws.resync with its reason; none for a call that did not change; none again after
 * another restart. What the trigger knew lives in the workflow's static data, which n8n keeps in its database.
 */
import { TriggerActivations } from './helpers/activation';
import { expectRanOnWorkers, expectRunsOnPostgres, executionRowsInPostgres } from './helpers/queue-mode';
import { AGENT, startStack, type Stack } from './helpers/stack';
import { chain, triggerNode } from './helpers/workflows';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await done())) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(200);
	}
}

/** The trigger item of each execution (the trigger node's output), oldest first. */
async function triggerItems(stack: Stack, workflowId: string): Promise<Array<Record<string, any>>> {
	const executions = (await stack.rest.executions(workflowId)).sort((a, b) => Number(a.id) - Number(b.id));
	const items: Array<Record<string, any>> = [];
	for (const e of executions) {
		const detail = await stack.rest.execution(e.id);
		const run = detail.data.resultData.runData['Genesys GWS Trigger']?.[0];
		items.push(run?.data?.main?.[0]?.[0]?.json ?? {});
	}
	return items;
}

/** Resolves once the trigger read GWS's calls after `seq` (a restarted trigger's first read: its resync). */
async function triggerReadCallsAfter(stack: Stack, seq: number): Promise<void> {
	await until('the restarted trigger to read the current calls', () =>
		stack.sim.requests().some((r) => r.seq > seq && r.method === 'GET' && r.path === '/api/v2/me/calls'),
	60_000);
}

const lastSeq = (stack: Stack) => stack.sim.requests().reduce((max, r) => Math.max(max, r.seq), 0);

const report = (items: Array<Record<string, any>>) =>
	items.map((i) => `${i.call?.id}: ${i._gws?.resync ? i._gws.resyncReason : 'live'} ${i.call?.state}`).sort();

describe.each([
	['regular mode', false],
	['queue mode (PostgreSQL, main + 2 workers)', true],
])('%s', (_mode, queue) => {
	let stack: Stack;
	beforeAll(async () => {
		stack = await startStack({ queue });
	}, 300_000);
	afterAll(async () => {
		await stack?.stop();
	});

	it('after n8n restarts, each call that changed while it was down starts one execution, once', async () => {
		const { sim, rest } = stack;
		// Resolves once the trigger subscribed and read the calls (what it reports from then on is live).
		const id = await new TriggerActivations(stack, AGENT.username).activate(
			chain(`E2E restart (${_mode})`, [triggerNode(stack.credential, { events: ['StatusChange'], options: {} })]),
		);

		const place = async (from: string) => (await sim.placeInboundCall({ to: AGENT.username, from })).callId;
		const unchanged = await place('5552001');
		const answered = await place('5552002');
		const gone = await place('5552003');
		await rest.waitForExecutions(id, 3, 30_000);

		let created = '';
		let downSeq = 0;
		await stack.restartMain(async () => {
			// n8n has exited: these changes happen while it is down.
			expect(stack.main.isRunning()).toBe(false);
			sim.agentCallOperation(AGENT.username, answered, { operationName: 'Answer' });
			await sim.remoteHangup(gone);
			created = await place('5552004');
			downSeq = lastSeq(stack);
		});
		await triggerReadCallsAfter(stack, downSeq);
		await rest.waitForExecutions(id, 6, 60_000);
		await sleep(3000); // anything extra would have arrived by now
		const items = await triggerItems(stack, id);
		expect(items).toHaveLength(6);
		expect(report(items.slice(3))).toEqual(
			[`${answered}: changed Established`, `${created}: new Ringing`, `${gone}: gone Released`].sort(),
		);
		expect(report(items.slice(0, 3))).toEqual(
			[`${unchanged}: live Ringing`, `${answered}: live Ringing`, `${gone}: live Ringing`].sort(),
		);
		if (queue) {
			// The trigger runs on main; its executions run on the workers; what the trigger knew is in PostgreSQL.
			expectRanOnWorkers(
				stack,
				(await rest.executions(id)).map((e) => e.id),
			);
			expect(executionRowsInPostgres(stack, id)).toBe(6);
			expectRunsOnPostgres(stack);
		}

		// Another restart with nothing changed reports nothing again.
		const beforeSecond = lastSeq(stack);
		await stack.restartMain();
		await triggerReadCallsAfter(stack, beforeSecond);
		await sleep(3000);
		expect(await rest.executions(id)).toHaveLength(6);
		await rest.deactivateWorkflow(id);
	});
});
