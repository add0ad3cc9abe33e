/**
 * Runs the all-operations workflows (helpers/all-operations.ts) in a running stack and checks what the
 * simulator received. Shared by the regular-mode and the queue-mode files.
 */
import { INBOUND_STEPS, OUTBOUND_STEPS, SUPERVISOR_STEPS, operationsUsed, stepsWorkflow, type Step } from './all-operations';
import { AGENT, SUPERVISOR, type Stack } from './stack';
import { ACTION_TYPE } from './workflows';

type NodeTypeJson = { name: string; properties: Array<{ name: string; options?: Array<{ value: string }> }> };

/** The node's operations as the running n8n serves them to the editor. */
async function operationsOfNode(stack: Stack): Promise<string[]> {
	const nodes = (await stack.rest.request('GET', '/types/nodes.json')).body as NodeTypeJson[];
	const action = nodes.find((n) => n.name === ACTION_TYPE);
	if (!action) throw new Error(`${ACTION_TYPE} is not among n8n's node types`);
	const values = action.properties.filter((p) => p.name === 'operation').flatMap((p) => (p.options ?? []).map((o) => o.value));
	// n8n itself adds "Custom API Call" to nodes whose credential can authenticate generic HTTP requests.
	return [...new Set(values)].filter((v) => v !== '__CUSTOM_API_CALL__').sort();
}

function gwsPosts(stack: Stack, sinceSeq: number) {
	return stack.sim.requests().filter((r) => r.seq > sinceSeq && r.method === 'POST' && r.path.startsWith('/api/v2/me'));
}

function expectedBodies(steps: Step[], replace: Record<string, string>): unknown[] {
	return steps
		.filter((s) => s.body)
		.map((s) => JSON.parse(Object.entries(replace).reduce((text, [k, v]) => text.split(k).join(v), JSON.stringify(s.body))));
}

async function runChain(stack: Stack, name: string, steps: Step[], body: Record<string, unknown>) {
	const path = `e2e-${name}-${Date.now()}`;
	const credentials = { agent: stack.credential, supervisor: stack.supervisorCredential };
	const { id, versionId } = await stack.rest.createWorkflow(stepsWorkflow(`E2E all operations: ${name}`, path, steps, credentials));
	await stack.rest.activateWorkflow(id, versionId);
	const since = stack.sim.requests().reduce((max, r) => Math.max(max, r.seq), 0);
	const reply = await stack.rest.callWebhook(path, body);
	const [summary] = await stack.rest.waitForExecutions(id, 1, 60_000);
	const execution = await stack.rest.execution(summary.id);
	const error = execution.data.resultData.error;
	if (reply.status !== 200 || summary.status !== 'success') {
		throw new Error(
			`workflow "${name}" ended ${summary.status} (webhook ${reply.status}) at node ${String(execution.data.resultData.lastNodeExecuted)}: ` +
				`${JSON.stringify(error ?? reply.body).slice(0, 1500)}`,
		);
	}
	await stack.rest.deactivateWorkflow(id);
	const output = (node: string) => execution.data.resultData.runData[node][0].data!.main![0]![0].json;
	return { posts: gwsPosts(stack, since), output, executionId: summary.id, workflowId: id };
}

/** Runs the chains; returns the execution ids (the queue test checks where they ran). */
export async function runAllOperations(stack: Stack): Promise<string[]> {
	expect(operationsUsed()).toEqual(await operationsOfNode(stack));
	await stack.sim.reset();

	const { callId } = await stack.sim.placeInboundCall({ to: AGENT.username, from: '5551234' });
	const { callId: queuedCallId } = await stack.sim.placeInboundCall({ to: AGENT.username, from: '5554321', viaQueue: true });
	const inbound = await runChain(stack, 'inbound', INBOUND_STEPS, { callId, queuedCallId });
	expect(inbound.posts.map((r) => r.body)).toEqual(expectedBodies(INBOUND_STEPS, {}));
	// Paths: every inbound operation went to its call (the consult's Complete to the consult call).
	const consultId = String((inbound.output('Consult 5550300').call as { id: string }).id);
	expect(inbound.posts.map((r) => r.path)).toEqual(
		INBOUND_STEPS.filter((s) => s.body).map((s) =>
			s.name === 'Complete conference' ? `/api/v2/me/calls/${consultId}` : `/api/v2/me/calls/${s.name === 'Reject queued call' ? queuedCallId : callId}`,
		),
	);
	expect(stack.sim.calls(AGENT.username).filter((c) => c.state !== 'Released')).toEqual([]);

	const outbound = await runChain(stack, 'outbound', OUTBOUND_STEPS, {});
	const a = String((outbound.output('Dial A').call as { id: string }).id);
	const b = String((outbound.output('Dial B').call as { id: string }).id);
	expect(outbound.posts.map((r) => r.body)).toEqual(expectedBodies(OUTBOUND_STEPS, { $SIM: stack.sim.url, $A: a, $B: b }));
	expect(outbound.posts.filter((r) => r.path === '/api/v2/me/channels/voice')).toHaveLength(3);

	const supervised = await runSupervisorChain(stack);
	return [inbound.executionId, outbound.executionId, supervised];
}

/** The supervisor chain: every request's body, path and user, and who hears whom on the monitored call. */
async function runSupervisorChain(stack: Stack): Promise<string> {
	const device = (user: string) => stack.sim.agents().find((a) => a.username === user)!.deviceId;
	const agentDeviceUri = `${stack.sim.url}/api/v2/devices/${device(AGENT.username)}`;
	const { callId } = await stack.sim.placeInboundCall({ to: AGENT.username, from: '5556000' });
	const supervised = await runChain(stack, 'supervisor', SUPERVISOR_STEPS, { callId, agentDeviceUri });
	expect(supervised.posts.map((r) => r.body)).toEqual(
		expectedBodies(SUPERVISOR_STEPS, { $SIM: stack.sim.url, $CALL: callId, $DEVICE: agentDeviceUri }),
	);
	const devicePath = (user: string) => `/api/v2/me/devices/${device(user)}`;
	expect(supervised.posts.map((r) => `${r.username} ${r.path}`)).toEqual(
		SUPERVISOR_STEPS.filter((s) => s.body).map((s) => {
			const user = s.asSupervisor ? SUPERVISOR.username : AGENT.username;
			if (s.operation === 'endSession' || s.operation === 'startSession') return `${user} /api/v2/me`;
			if (s.operation === 'setState') return `${user} /api/v2/me/channels/voice`;
			return `${user} ${s.callId === null ? devicePath(user) : `/api/v2/me/calls/${callId}`}`;
		}),
	);
	// What the monitored call looked like as the supervisor switched: from the confirmations' outputs.
	expect(supervised.output('Switch to barge in').call).toMatchObject({ id: callId, mute: 'Off' });
	expect(supervised.output('Mute agent').call).toMatchObject({ id: callId, monitoredUserMuted: true });
	expect(supervised.output('Disposition')).toMatchObject({ statusCode: 0 });
	expect(stack.sim.dispositions()).toEqual([expect.objectContaining({ callId, disposition: 'Sale', callState: 'released' })]);
	expect(stack.sim.agents().find((a) => a.username === AGENT.username)).toMatchObject({ loggedIn: true, place: 'Place_15000' });
	return supervised.executionId;
}
