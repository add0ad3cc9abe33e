/**
 * The real n8n program (regular mode) with our packed package installed in its community-package folder:
 * the package loads, the credential test passes and fails as it should, the action node runs every
 * operation against the simulator with the exact request bodies, and an active trigger starts one
 * execution per matching notification.
 */
import { DEMO_USERS } from '../../simulator';
import { AGENT, startStack, type Stack } from './helpers/stack';
import { runAllOperations } from './helpers/run-all-operations';
import { ACTION_TYPE, CREDENTIAL_TYPE, TRIGGER_TYPE, chain, triggerNode } from './helpers/workflows';

let stack: Stack;

beforeAll(async () => {
	stack = await startStack();
}, 240_000);

afterAll(async () => {
	await stack?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the packed package in the real n8n', () => {
	it('loads both nodes and the credential (as the editor sees them)', async () => {
		const nodes = (await stack.rest.request('GET', '/types/nodes.json')).body as Array<{ name: string; displayName: string; properties: Array<{ name: string; options?: Array<{ value: string }> }> }>;
		const names = nodes.map((n) => n.name);
		expect(names).toEqual(expect.arrayContaining([ACTION_TYPE, TRIGGER_TYPE]));
		const action = nodes.find((n) => n.name === ACTION_TYPE)!;
		const operations = action.properties.filter((p) => p.name === 'operation').flatMap((p) => p.options?.map((o) => o.value) ?? []);
		expect(operations).toEqual(expect.arrayContaining(['answer', 'hangup', 'singleStepConference', 'initiateConference', 'completeConference']));

		const credentials = (await stack.rest.request('GET', '/types/credentials.json')).body as Array<{ name: string }>;
		expect(credentials.map((c) => c.name)).toContain(CREDENTIAL_TYPE);
		expect(stack.main.output()).not.toMatch(/Failed to load package "n8n-nodes-genesys-gws"/);
	});

	it('credential test: OK for a real login, a clear error for a wrong password and an unreachable server', async () => {
		// As the editor does it: save the credential, then test it by id (n8n 1.x only tests saved ones).
		const test = async (name: string, data: Record<string, unknown>) => {
			const credential = { name, type: CREDENTIAL_TYPE, data: { allowUnauthorizedCerts: false, ...data } };
			const { id } = await stack.rest.createCredential(credential);
			return await stack.rest.testCredential({ ...credential, id });
		};
		const ok = await test('probe ok', { baseUrl: stack.sim.url, username: AGENT.username, password: AGENT.password });
		expect(ok).toEqual(expect.objectContaining({ status: 'OK' }));

		const wrong = await test('probe wrong password', { baseUrl: stack.sim.url, username: AGENT.username, password: 'wrong-password' });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/401|unauthori[sz]ed|authori[sz]ation failed|password|authenticat/i);
		expect(wrong.message).not.toContain('wrong-password');

		const unreachable = await test('probe unreachable', { baseUrl: 'http://127.0.0.1:1', username: AGENT.username, password: AGENT.password });
		expect(unreachable.status).toBe('Error');
		expect(unreachable.message).toMatch(/127\.0\.0\.1:1|refused|reach/i);
	});
});

describe('the action node', () => {
	it('runs every operation in production webhook executions with the exact bodies GWS expects', async () => {
		await runAllOperations(stack);
	});
});

describe('an active trigger workflow', () => {
	it('starts one execution per matching notification and none for others', async () => {
		const workflow = chain('E2E trigger: Ringing calls of agent1', [
			triggerNode(stack.credential, { events: ['StatusChange'], filters: { callStates: ['Ringing'] }, options: {} }),
		]);
		const { id, versionId } = await stack.rest.createWorkflow(workflow);
		const seqBefore = stack.sim.requests().reduce((max, r) => Math.max(max, r.seq), 0);
		await stack.rest.activateWorkflow(id, versionId);
		// The trigger subscribes asynchronously after activation, then reads the current calls to learn them: that
		// read proves it is subscribed. (A session count alone can be a client the action test is still closing.)
		await waitFor(
			() =>
				stack.sim.cometdSessionCount(AGENT.username) > 0 &&
				stack.sim.requests().some((r) => r.seq > seqBefore && r.method === 'GET' && r.path === '/api/v2/me/calls'),
			20_000,
			'the trigger to connect',
		);

		const other = DEMO_USERS[1];
		const callIds: string[] = [];
		for (let i = 0; i < 3; i++) {
			const { callId } = await stack.sim.placeInboundCall({ to: AGENT.username, from: `555000${i}` });
			callIds.push(callId);
		}
		// Not matching: another agent's call (other user's channel) and a state the filter excludes (Released).
		await stack.sim.placeInboundCall({ to: other.username, from: '5559999' });
		await stack.sim.remoteHangup(callIds[0]);

		const executions = await stack.rest.waitForExecutions(id, 3, 30_000);
		await sleep(3000); // anything extra would have arrived by now
		const all = await stack.rest.executions(id);
		expect(all).toHaveLength(3);
		expect(all.every((e) => e.status === 'success')).toBe(true);

		const seen: string[] = [];
		for (const summary of executions) {
			const detail = await stack.rest.execution(summary.id);
			const item = detail.data.resultData.runData['Genesys GWS Trigger'][0].data!.main![0]![0].json as {
				notificationType: string;
				call: { id: string; state: string };
			};
			expect(item.notificationType).toBe('StatusChange');
			expect(item.call.state).toBe('Ringing');
			seen.push(item.call.id);
		}
		expect(seen.sort()).toEqual([...callIds].sort());
		await stack.rest.deactivateWorkflow(id);
	});
});

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(200);
	}
}

describe("n8n's log after all of the above", () => {
	it('never contains the GWS password or a Basic authorization value', () => {
		const log = stack.main.output();
		expect(log).not.toContain(AGENT.password);
		expect(log).not.toContain(Buffer.from(`${AGENT.username}:${AGENT.password}`).toString('base64'));
	});
});
