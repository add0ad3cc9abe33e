/**
 * The four vendor conference pages, each replayed as ONE n8n workflow (several Genesys GWS nodes, several
 * users' credentials, expressions between nodes, "wait for confirmation" over real CometD). The requests GWS
 * received must equal the pages' request samples (test/simulator/fixtures, copied from the vendor pages).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { IConnections, IDataObject, INode } from 'n8n-workflow';

import { chain, gwsNode, inputNode, runWorkflow, type WorkflowResult } from '../helpers/n8n';
import { eventually } from './setup';
import { useSimulator } from '../helpers/simulator';

const fixture = (name: string) =>
	JSON.parse(
		fs.readFileSync(path.join(__dirname, '../simulator/fixtures', `${name}.json`), 'utf8'),
	) as {
		requests: IDataObject[];
	};

const sim = useSimulator();

const WAIT = { waitForConfirmation: true, confirmationTimeout: 5 };

function as(user: 'agent1' | 'agent2' | 'supervisor1'): Partial<INode> {
	return { credentials: { genesysGwsApi: { id: user, name: user } } };
}

async function run(
	nodes: INode[],
	connections: IConnections = chain(...nodes.map((n) => n.name)),
): Promise<WorkflowResult> {
	const result = await runWorkflow({
		nodes,
		connections,
		credentials: {
			agent1: { baseUrl: sim.url, username: 'agent1', password: 'agent1pass' },
			agent2: { baseUrl: sim.url, username: 'agent2', password: 'agent2pass' },
			supervisor1: { baseUrl: sim.url, username: 'supervisor1', password: 'supervisor1pass' },
		},
	});
	if (result.status !== 'success')
		throw result.error ?? new Error(`workflow ended ${result.status}`);
	return result;
}

const json = (result: WorkflowResult, node: string) => result.outputByNode[node].map((i) => i.json);

/** What agent1 posted on a call (the other users' Answer requests share the call id). */
function posts(callId: string, username = 'agent1'): unknown[] {
	return sim
		.requests()
		.filter(
			(r) =>
				r.method === 'POST' && r.username === username && r.path === `/api/v2/me/calls/${callId}`,
		)
		.map((r) => r.body);
}

/** agent1 dials agent2 (15001), agent2 answers: the two-party call the pages start from. */
const twoPartyCall: INode[] = [
	inputNode([{}]),
	gwsNode(
		'Dial Agent 2',
		{ resource: 'call', operation: 'dial', destination: '15001', options: WAIT },
		as('agent1'),
	),
	gwsNode('Agent 2 Calls', { resource: 'call', operation: 'getAll' }, as('agent2')),
	gwsNode(
		'Agent 2 Answers',
		{ resource: 'call', operation: 'answer', callId: '={{ $json.id }}', options: WAIT },
		as('agent2'),
	),
];
const callIdOfDial = "={{ $('Dial Agent 2').item.json.call.id }}";

it('InitiateConference then CompleteConference (posted on the consult call, as the page does)', async () => {
	const result = await run([
		...twoPartyCall,
		gwsNode(
			'Initiate Conference',
			{
				resource: 'call',
				operation: 'initiateConference',
				callId: callIdOfDial,
				destination: '15002',
				options: WAIT,
			},
			as('agent1'),
		),
		gwsNode('Supervisor Calls', { resource: 'call', operation: 'getAll' }, as('supervisor1')),
		gwsNode(
			'Supervisor Answers',
			{ resource: 'call', operation: 'answer', callId: '={{ $json.id }}', options: WAIT },
			as('supervisor1'),
		),
		gwsNode(
			'Complete Conference',
			{
				resource: 'call',
				operation: 'completeConference',
				callId: "={{ $('Initiate Conference').item.json.call.id }}",
				options: WAIT,
			},
			as('agent1'),
		),
	]);
	const parentId = String((json(result, 'Dial Agent 2')[0].call as IDataObject).id);
	const initiated = json(result, 'Initiate Conference')[0];
	const consult = initiated.call as IDataObject;
	expect(consult).toMatchObject({ state: 'Dialing', callType: 'Consult' });
	expect(String(consult.parentCallUri)).toMatch(new RegExp(`/calls/${parentId}$`));

	expect(posts(parentId)).toEqual(fixture('InitiateConference').requests);
	expect(posts(String(consult.id))).toEqual(fixture('CompleteConference').requests);

	const completed = json(result, 'Complete Conference')[0];
	expect(completed.notification).toMatchObject({ notificationType: 'ParticipantsUpdated' });
	const call = completed.call as IDataObject;
	expect(call).toMatchObject({ id: parentId, state: 'Established' });
	const numbers = (call.participants as IDataObject[]).map((p) => p.phoneNumber).sort();
	expect(numbers).toEqual(['15001', '15002']);
});

/** agent1 conferences the supervisor (15002) into the dialled call in one step, waiting for confirmation. */
function conferenceSupervisor(extra: IDataObject = {}) {
	return gwsNode(
		'Conference Supervisor',
		{
			resource: 'call',
			operation: 'singleStepConference',
			callId: callIdOfDial,
			destination: '15002',
			...extra,
			options: WAIT,
		},
		as('agent1'),
	);
}

it('SingleStepConference with userData (page sample 2)', async () => {
	const result = await run([
		...twoPartyCall,
		conferenceSupervisor({ userData: '{"AccountNumber": "12345"}' }),
	]);
	const parentId = String((json(result, 'Dial Agent 2')[0].call as IDataObject).id);
	expect(posts(parentId)).toEqual([fixture('SingleStepConference').requests[1]]);
	const out = json(result, 'Conference Supervisor')[0];
	expect(out.notification).toMatchObject({ notificationType: 'ParticipantsUpdated' });
	expect((out.call as IDataObject).userData).toMatchObject({
		AccountNumber: '12345',
		FirstConferencePartyDN: '15000',
	});
});

it('RemoveParticipantFromConference (participant as a plain string)', async () => {
	const result = await run([
		...twoPartyCall,
		conferenceSupervisor(),
		gwsNode(
			'Remove Agent 2',
			{
				resource: 'call',
				operation: 'removeParticipantFromConference',
				callId: callIdOfDial,
				participant: '15001',
				options: WAIT,
			},
			as('agent1'),
		),
	]);
	const parentId = String((json(result, 'Dial Agent 2')[0].call as IDataObject).id);
	expect(posts(parentId).slice(-1)).toEqual(fixture('RemoveParticipantFromConference').requests);
	const out = json(result, 'Remove Agent 2')[0];
	expect(out.notification).toMatchObject({ notificationType: 'ParticipantsUpdated' });
	const numbers = ((out.call as IDataObject).participants as IDataObject[]).map(
		(p) => p.phoneNumber,
	);
	expect(numbers).toEqual(['15002']);
	await eventually(
		() => sim.calls('agent2'),
		(calls) => calls.every((c) => c.state === 'Released'),
	);
});
