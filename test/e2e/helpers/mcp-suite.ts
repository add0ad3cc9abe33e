/**
 * What an MCP client sees of the MCP example in the real n8n with the packed package, against the simulator, and
 * what GWS receives for each tool call. Registered by test/e2e/mcp-tools.test.ts (one n8n process) and
 * mcp-tools-queue.test.ts (main + workers: n8n runs each MCP tool call as an execution on a worker).
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

import { findOperation } from '../../../nodes/GenesysGws/actions/operations';
import { PARAMETERS, type ParamName } from '../../../nodes/GenesysGws/actions/parameters/catalog';
import { CURATED_TOOLS } from '../../../scripts/lib/aiExamples';
import { readExample } from '../../../scripts/lib/examples';
import { eventually } from '../../helpers/wait';
import { activateMcpExample, callTool, connectMcp, lastSeq, postsSince, type McpWorkflow } from './mcp';
import { AGENT, SUPERVISOR, startStack, workerThatRan, type Stack } from './stack';

export function mcpSuite(options: { queue: boolean }): void {
	let stack: Stack;
	let mcp: McpWorkflow;
	let client: Client;

	beforeAll(async () => {
		stack = await startStack({ queue: options.queue });
		mcp = await activateMcpExample(stack);
		client = await connectMcp(mcp.url);
	}, 300_000);

	afterAll(async () => {
		await client?.close().catch(() => undefined);
		await stack?.stop();
	});

	/** An established inbound call of the agent's. */
	async function establishedCall(from: string): Promise<string> {
		const { callId } = await stack.sim.placeInboundCall({ to: AGENT.username, from });
		await eventually(() => stack.sim.calls(AGENT.username).find((c) => c.id === callId)?.state, (s) => s === 'Ringing', 10_000, 'the call ringing');
		stack.sim.agentCallOperation(AGENT.username, callId, { operationName: 'Answer' });
		await eventually(() => stack.sim.calls(AGENT.username).find((c) => c.id === callId)?.state, (s) => s === 'Established', 10_000, 'the call established');
		return callId;
	}

	/** Calls a tool and returns its result with the POSTs GWS received meanwhile. */
	async function run(name: string, args: Record<string, unknown>) {
		const since = lastSeq(stack);
		const result = await callTool(client, name, args);
		return { result, posts: postsSince(stack, since), since };
	}

	it('lists exactly the curated tools, each with its operation\'s description and a $fromAI() argument per value a model fills', async () => {
		const { tools } = await client.listTools();
		expect(tools.map((t) => t.name).sort()).toEqual(CURATED_TOOLS.map((t) => t.name).sort());
		for (const tool of CURATED_TOOLS) {
			const listed = tools.find((t) => t.name === tool.name)!;
			const op = findOperation(tool.resource, tool.operation)!;
			const required = op.params.filter((p) => p.required).map((p) => p.name);
			expect({ tool: tool.name, description: listed.description }).toEqual({ tool: tool.name, description: op.toolDescription });
			const properties = (listed.inputSchema.properties ?? {}) as Record<string, { description?: string; type?: unknown }>;
			expect({ tool: tool.name, args: Object.keys(properties).sort() }).toEqual({ tool: tool.name, args: [...required].sort() });
			// n8n makes every $fromAI() argument required (create-node-as-tool getSchema).
			expect({ tool: tool.name, required: [...((listed.inputSchema.required as string[] | undefined) ?? [])].sort() }).toEqual({ tool: tool.name, required: [...required].sort() });
			for (const name of required) {
				expect({ tool: tool.name, name, hint: properties[name].description }).toEqual({ tool: tool.name, name, hint: PARAMETERS[name as ParamName].forModel });
			}
		}
	});

	it('list_my_calls and get_call read the agent\'s calls: the call ids the other tools take', async () => {
		const callId = await establishedCall('5553001');
		const listed = await run('list_my_calls', {});
		expect(listed.result.isError).toBe(false);
		const calls = JSON.parse(listed.result.text) as Array<Record<string, unknown>>;
		// Simplified (the tool node's default): the parties as numbers, no GWS-only identifiers.
		expect(calls).toEqual(expect.arrayContaining([expect.objectContaining({ id: callId, state: 'Established', participants: ['5553001'] })]));
		expect(calls.find((c) => c.id === callId)).not.toHaveProperty('callUuid');
		expect(listed.posts).toEqual([]);
		expect(stack.sim.requests().some((r) => r.seq > listed.since && r.method === 'GET' && r.path === '/api/v2/me/calls' && r.username === AGENT.username)).toBe(true);

		const got = await run('get_call', { callId });
		expect(got.result.isError).toBe(false);
		expect(JSON.parse(got.result.text)).toEqual([expect.objectContaining({ id: callId, state: 'Established' })]);
		expect(stack.sim.requests().some((r) => r.method === 'GET' && r.path === `/api/v2/me/calls/${callId}` && r.username === AGENT.username)).toBe(true);
	});

	it('hold_call, retrieve_call, set_call_user_data, conference_in, transfer_call: each sends exactly its request to GWS as the agent', async () => {
		const callId = await establishedCall('5553002');
		const path = `/api/v2/me/calls/${callId}`;
		const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
			['hold_call', { callId }, { operationName: 'Hold' }],
			['retrieve_call', { callId }, { operationName: 'Retrieve' }],
			['set_call_user_data', { callId, userData: { CaseNumber: '12345' } }, { operationName: 'UpdateUserData', userData: { CaseNumber: '12345' } }],
			['conference_in', { callId, destination: '5557000' }, { operationName: 'SingleStepConference', destination: { phoneNumber: '5557000' } }],
			['transfer_call', { callId, destination: '5557001' }, { operationName: 'SingleStepTransfer', destination: { phoneNumber: '5557001' } }],
		];
		for (const [tool, args, body] of cases) {
			const { result, posts } = await run(tool, args);
			expect({ tool, isError: result.isError }).toEqual({ tool, isError: false });
			expect({ tool, output: JSON.parse(result.text) }).toEqual({ tool, output: [expect.objectContaining({ callId, operationName: body.operationName, statusCode: 0 })] });
			expect({ tool, posts }).toEqual({ tool, posts: [{ path, body }] });
			if (tool === 'set_call_user_data') expect(stack.sim.calls(AGENT.username).find((c) => c.id === callId)?.userData).toMatchObject({ CaseNumber: '12345' });
		}
		// Transferred: the call left the agent.
		await eventually(() => stack.sim.calls(AGENT.username).find((c) => c.id === callId), (c) => c === undefined || c.state === 'Released', 10_000, 'the call gone from the agent');
	});

	it('listen_in, barge_in, cancel_monitoring act as the supervisor on their own device against the agent\'s', async () => {
		const agentDevice = stack.sim.agents().find((a) => a.username === AGENT.username)!.deviceId;
		const supervisorDevice = stack.sim.agents().find((a) => a.username === SUPERVISOR.username)!.deviceId;
		const targetDeviceUri = `${stack.sim.url}/api/v2/devices/${agentDevice}`;
		const path = `/api/v2/me/devices/${supervisorDevice}`;
		const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
			['listen_in', { targetDeviceUri }, { operationName: 'ListenIn', targetDeviceUri }],
			['barge_in', { targetDeviceUri: agentDevice }, { operationName: 'BargeIn', targetDeviceUri }],
			['cancel_monitoring', {}, { operationName: 'CancelSupervisorMonitoring' }],
		];
		for (const [tool, args, body] of cases) {
			const since = lastSeq(stack);
			const result = await callTool(client, tool, args);
			expect({ tool, isError: result.isError, text: result.isError ? result.text : '' }).toEqual({ tool, isError: false, text: '' });
			expect({ tool, posts: postsSince(stack, since, SUPERVISOR.username) }).toEqual({ tool, posts: [{ path, body }] });
		}
		expect(stack.sim.agents().find((a) => a.username === SUPERVISOR.username)!.device.supervisorMonitoringState).toBeUndefined();
	});

	it('a bad argument comes back as a tool error naming the problem: an unknown call id, a destination with letters (nothing sent)', async () => {
		const unknown = await run('hold_call', { callId: 'NO-SUCH-CALL-1' });
		expect(unknown.result.isError).toBe(true);
		expect(unknown.result.errorMessage).toMatch(/^Unknown call "NO-SUCH-CALL-1": GWS has no such call/);

		const callId = await establishedCall('5553003');
		const letters = await run('transfer_call', { callId, destination: '15OO2' });
		expect(letters.result.isError).toBe(true);
		expect(letters.result.errorMessage).toMatch(/^Parameter "Destination" of "Single Step Transfer" must be a phone number \(digits, optionally a leading \+\), but is "15OO2"/);
		expect(letters.posts).toEqual([]);
		// The model can go on: the next call works.
		expect((await run('hold_call', { callId })).result.isError).toBe(false);
	});

	it('a tool that is not in the workflow cannot be called (hang up, dial: the node has them, the workflow does not expose them)', async () => {
		const since = lastSeq(stack);
		for (const name of ['hangup_call', 'Hang_Up', 'dial']) {
			const outcome = await client.callTool({ name, arguments: { callId: 'x' } }).then(
				(r) => ({ refused: (r as { isError?: boolean }).isError === true, text: JSON.stringify(r) }),
				(e: Error) => ({ refused: true, text: e.message }),
			);
			expect({ name, ...outcome }).toEqual({ name, refused: true, text: expect.stringMatching(/Tool not found/) });
		}
		expect(postsSince(stack, since)).toEqual([]);
	});

	it('refuses a wrong or missing bearer token before any tool is listed', async () => {
		await expect(connectMcp(mcp.url, 'wrong-token', 0)).rejects.toThrow(/403|401|Authorization/i);
		const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'x', version: '1' } } };
		for (const headers of [{}, { authorization: 'Bearer wrong-token' }] as Array<Record<string, string>>) {
			const reply = await fetch(mcp.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
				body: JSON.stringify(initialize),
			});
			expect({ headers, status: reply.status }).toEqual({ headers, status: expect.any(Number) });
			expect([401, 403]).toContain(reply.status);
			expect(await reply.text()).not.toMatch(/list_my_calls/);
		}
	});

	it('imports the AI Agent example (chat trigger, AI Agent, a chat model node left for the user\'s credential, the same tools)', async () => {
		const workflow = readExample('ai-call-control-agent.json', { agent: stack.credential, supervisor: stack.supervisorCredential });
		const { id } = await stack.rest.createWorkflow(workflow);
		const stored = await stack.rest.rest<{ nodes: Array<{ name: string; type: string }> }>('GET', `/workflows/${id}`);
		expect(stored.nodes.map((n) => n.name).sort()).toEqual(workflow.nodes.map((n) => String(n.name)).sort());
		const known = new Set(((await stack.rest.request('GET', '/types/nodes.json')).body as Array<{ name: string }>).map((t) => t.name));
		expect([...new Set(stored.nodes.map((n) => n.type))].filter((t) => !known.has(t))).toEqual([]);
	});

	it('records each tool call as an execution that did not fail or crash, also for the tool errors', async () => {
		const executions = await stack.rest.executions(mcp.id);
		// One per tool call the suite made (the refused ones included), each finished as n8n's success.
		expect(executions.length).toBeGreaterThanOrEqual(16);
		expect(executions.filter((e) => e.status !== 'success').map((e) => [e.id, e.status])).toEqual([]);
		if (options.queue) {
			// Every MCP execution ran on a worker (n8n's job-processor invokes the tool there), none on main.
			for (const e of executions) expect({ id: e.id, worker: workerThatRan(stack, e.id) }).toEqual({ id: e.id, worker: expect.stringMatching(/worker/) });
		}
	});
}
