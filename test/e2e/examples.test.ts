/**
 * The example workflows (examples/*.json) imported into the real n8n, activated, and driven by simulated calls:
 * what each one sends to GWS is checked in the simulator's request log.
 */
import { DEMO_USERS } from '../../simulator';
import { useExampleStack } from './helpers/example-stack';
import { AGENT } from './helpers/stack';
import { loadExample } from './helpers/workflows';

const ex = useExampleStack();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POST bodies GWS received for one call (or any path) after `since`, waiting until `count` arrived. */
async function posts(since: number, count: number, pathPart: string, timeoutMs = 20_000): Promise<unknown[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = ex.stack.sim.requests().filter((r) => r.seq > since && r.method === 'POST' && r.path.includes(pathPart));
		if (found.length >= count || Date.now() > deadline) return found.map((r) => r.body);
		await sleep(200);
	}
}

let answerWorkflow = '';

it('answer-inbound-calls + auto-conference-supervisor: a VIP call is answered and the supervisor conferenced in', async () => {
	answerWorkflow = await ex.triggers.activate(loadExample('answer-inbound-calls.json', ex.stack.credential));
	const conferenceWorkflow = await ex.triggers.activate(loadExample('auto-conference-supervisor.json', ex.stack.credential));

	const since = ex.triggers.lastRequestSeq();
	const { callId } = await ex.stack.sim.placeInboundCall({ to: AGENT.username, from: '5557777', userData: { VIP: 'true' } });
	expect(await posts(since, 2, callId)).toEqual([
		{ operationName: 'Answer' },
		{ operationName: 'SingleStepConference', destination: { phoneNumber: '15002' }, userData: { SupervisorConferenced: 'true' } },
	]);

	// Not a VIP (the trigger's User Data filter leaves it out): answered, but nobody is conferenced in.
	const since2 = ex.triggers.lastRequestSeq();
	const other = await ex.stack.sim.placeInboundCall({ to: AGENT.username, from: '5558888' });
	expect(await posts(since2, 1, other.callId)).toEqual([{ operationName: 'Answer' }]);
	await sleep(3000);
	expect(await posts(since2, 99, other.callId, 0)).toEqual([{ operationName: 'Answer' }]);

	await ex.triggers.deactivate(conferenceWorkflow);
});

it('hold-escalation: a call left on hold is flagged, retrieved and the escalation desk conferenced in', async () => {
	const workflow = loadExample('hold-escalation.json', ex.stack.credential);
	// 30 s in the example; 2 s here to keep the suite fast.
	const wait = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.wait')!;
	(wait.parameters as Record<string, unknown>).amount = 2;
	const id = await ex.triggers.activate(workflow);

	const { callId } = await ex.stack.sim.placeInboundCall({ to: AGENT.username, from: '5552000' });
	await waitForState(callId, 'Established');
	const since = ex.triggers.lastRequestSeq();
	await ex.phone.callOperation(callId, 'Hold');
	expect(await posts(since, 4, callId, 30_000)).toEqual([
		{ operationName: 'Hold' },
		{ operationName: 'UpdateUserData', userData: { Escalated: 'true' } },
		{ operationName: 'Retrieve' },
		{ operationName: 'SingleStepConference', destination: { phoneNumber: '15001' } },
	]);

	// Retrieved in time: no escalation.
	const second = await ex.stack.sim.placeInboundCall({ to: AGENT.username, from: '5552001' });
	await waitForState(second.callId, 'Established');
	const since2 = ex.triggers.lastRequestSeq();
	await ex.phone.callOperation(second.callId, 'Hold');
	await ex.phone.callOperation(second.callId, 'Retrieve');
	await sleep(5000);
	expect(await posts(since2, 99, second.callId, 0)).toEqual([{ operationName: 'Hold' }, { operationName: 'Retrieve' }]);
	await ex.triggers.deactivate(id);
});

it('consult-conference: NeedsExpert=true starts a consult call and completes the conference', async () => {
	const id = await ex.triggers.activate(loadExample('consult-conference.json', ex.stack.credential));
	const { callId } = await ex.stack.sim.placeInboundCall({ to: AGENT.username, from: '5553000' });
	await waitForState(callId, 'Established');
	const since = ex.triggers.lastRequestSeq();
	await ex.phone.callOperation(callId, 'UpdateUserData', { userData: { NeedsExpert: 'true' } });
	const bodies = await posts(since, 4, '/api/v2/me/calls/', 30_000);
	expect(bodies).toEqual([
		{ operationName: 'UpdateUserData', userData: { NeedsExpert: 'true' } },
		{ operationName: 'UpdateUserData', userData: { ExpertConsulted: 'true' } },
		{ operationName: 'InitiateConference', destination: { phoneNumber: '5557000' } },
		{ operationName: 'CompleteConference' },
	]);
	await sleep(1000);
	const call = ex.stack.sim.calls(AGENT.username).find((c) => c.id === callId)!;
	expect(call.participants).toEqual(expect.arrayContaining(['5553000', '5557000']));
	await ex.triggers.deactivate(id);
	await ex.triggers.deactivate(answerWorkflow);
	expect(DEMO_USERS[2].phoneNumber).toBe('15002'); // the supervisor the VIP example conferences in
	expect(DEMO_USERS[1].phoneNumber).toBe('15001'); // the hold escalation's desk
});

async function waitForState(callId: string, state: string): Promise<void> {
	const deadline = Date.now() + 20_000;
	while (ex.stack.sim.calls(AGENT.username).find((c) => c.id === callId)?.state !== state) {
		if (Date.now() > deadline) throw new Error(`call ${callId} did not reach ${state}`);
		await sleep(100);
	}
}
