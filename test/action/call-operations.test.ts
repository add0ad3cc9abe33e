/**
 * Every operation of the node, each in a real n8n-core workflow execution against the simulator over real HTTP:
 * the exact body GWS received (operationName + parameters, empty optionals omitted) and the state afterwards.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { callRef, runNode, type GwsTestCredential, type NodeResult } from '../helpers/n8n';
import { agent1, agent2, eventually, lastSeq, postedBodies } from './setup';
import { useSimulator } from '../helpers/simulator';

interface Snapshot {
	id: string;
	state: string;
	callType: string;
	participants: string[];
	userData: Record<string, unknown>;
	capabilities: string[];
	mute?: string;
	dtmf?: string;
	recordingState?: string;
	parentCallId?: string;
}

const sim = useSimulator();

function callOf(id: string, user = 'agent1'): Snapshot | undefined {
	return (sim.calls(user) as unknown as Snapshot[]).find((c) => c.id === id);
}

async function stateOf(id: string, state: string, user = 'agent1'): Promise<Snapshot> {
	return (await eventually(
		() => callOf(id, user),
		(c) => c?.state === state,
	)) as Snapshot;
}

/** Runs one call operation as agent1 (or `credential`), expecting success. */
async function call(
	operation: string,
	callId: string | undefined,
	params: INodeParameters = {},
	credential: GwsTestCredential = agent1(sim),
): Promise<NodeResult> {
	const parameters: INodeParameters = { resource: 'call', operation, ...params };
	if (callId !== undefined) parameters.callId = callRef(callId);
	const result = await runNode({ credential, parameters });
	if (result.status !== 'success') throw result.error ?? new Error(`status ${result.status}`);
	return result;
}

/** Runs an operation and returns the bodies GWS received on the call's path during it. */
async function bodiesOf(
	operation: string,
	callId: string,
	params: INodeParameters = {},
	credential?: GwsTestCredential,
) {
	const since = lastSeq(sim);
	const result = await call(operation, callId, params, credential);
	return { result, bodies: postedBodies(sim, `/api/v2/me/calls/${callId}`, since) };
}

async function ringing(opts: { viaQueue?: boolean; from?: string } = {}): Promise<string> {
	const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234', ...opts });
	await stateOf(callId, 'Ringing');
	return callId;
}

async function established(from?: string): Promise<string> {
	const callId = await ringing(from ? { from } : {});
	await call('answer', callId);
	await stateOf(callId, 'Established');
	return callId;
}

/** agent1 on an established three-party conference (a remote party conferenced in); returns its id. */
async function conference(): Promise<string> {
	const id = await established();
	await call('singleStepConference', id, { destination: '5550188' });
	await eventually(
		() => callOf(id),
		(c) => c?.participants.includes('5550188') === true,
	);
	return id;
}

/** agent1 on an established call with a consult call to agent2 (Dialing); returns both ids. */
async function withConsult(operation: 'initiateConference' | 'initiateTransfer') {
	const parent = await established();
	await call(operation, parent, { destination: '15001' });
	await stateOf(parent, 'Held');
	const consult = (await eventually(
		() => (sim.calls('agent1') as unknown as Snapshot[]).find((c) => c.parentCallId === parent),
		(c) => c !== undefined,
	)) as Snapshot;
	return { parent, consult: consult.id };
}

describe('dial', () => {
	it('dials from the first device when Device ID is empty, sending only destination', async () => {
		const since = lastSeq(sim);
		const result = await call('dial', undefined, { destination: '5550100' });
		const devicesRead = sim
			.requests()
			.filter((r) => r.seq > since && r.method === 'GET' && r.path === '/api/v2/me/devices');
		expect(devicesRead).toHaveLength(1);
		const posts = sim.requests().filter((r) => r.seq > since && r.method === 'POST');
		expect(posts).toHaveLength(1);
		expect(posts[0].path).toMatch(/^\/api\/v2\/me\/devices\/[^/]+\/calls$/);
		expect(posts[0].body).toEqual({
			operationName: 'Dial',
			destination: { phoneNumber: '5550100' },
		});
		expect(result.items[0]).toMatchObject({
			operation: 'dial',
			operationName: 'Dial',
			statusCode: 0,
		});
		const calls = await eventually(
			() => sim.calls('agent1'),
			(c) => c.length === 1,
		);
		expect(calls[0].participants).toContain('5550100');
	});

	it('sends a destination given as a number (from an expression) as a string', async () => {
		const since = lastSeq(sim);
		await call('dial', undefined, { destination: '={{ 5550102 }}' });
		const post = sim.requests().filter((r) => r.seq > since && r.method === 'POST')[0];
		expect(post.body).toEqual({ operationName: 'Dial', destination: { phoneNumber: '5550102' } });
	});

	it('dials from the given device with location and userData', async () => {
		const devices = await runNode({
			credential: agent1(sim),
			parameters: { resource: 'agent', operation: 'getDevices' },
		});
		const deviceId = String(devices.items[0].id);
		const since = lastSeq(sim);
		await call('dial', undefined, {
			deviceId,
			destination: '5550101',
			location: 'SiteB',
			userData: '{"Product": "Guitars"}',
		});
		expect(postedBodies(sim, `/api/v2/me/devices/${deviceId}/calls`, since)).toEqual([
			{
				operationName: 'Dial',
				destination: { phoneNumber: '5550101' },
				location: 'SiteB',
				userData: { Product: 'Guitars' },
			},
		]);
	});
});

describe('single-call operations', () => {
	it('answer', async () => {
		const id = await ringing();
		const { bodies } = await bodiesOf('answer', id);
		expect(bodies).toEqual([{ operationName: 'Answer' }]);
		await stateOf(id, 'Established');
	});

	it('reject (a call delivered through a queue)', async () => {
		const id = await ringing({ viaQueue: true });
		const { bodies } = await bodiesOf('reject', id);
		expect(bodies).toEqual([{ operationName: 'Reject' }]);
		await eventually(
			() => callOf(id),
			(c) => c === undefined || c.state === 'Released',
		);
	});

	it('hold, then retrieve', async () => {
		const id = await established();
		expect((await bodiesOf('hold', id)).bodies).toEqual([{ operationName: 'Hold' }]);
		await stateOf(id, 'Held');
		expect((await bodiesOf('retrieve', id)).bodies).toEqual([{ operationName: 'Retrieve' }]);
		await stateOf(id, 'Established');
	});

	it('hangup', async () => {
		const id = await established();
		expect((await bodiesOf('hangup', id)).bodies).toEqual([{ operationName: 'Hangup' }]);
		await eventually(
			() => callOf(id),
			(c) => c === undefined || c.state === 'Released',
		);
	});

	it('clearCall (on a conference: GWS offers ClearCall there)', async () => {
		const id = await conference();
		expect((await bodiesOf('clearCall', id)).bodies).toEqual([{ operationName: 'ClearCall' }]);
		await eventually(
			() => callOf(id),
			(c) => c === undefined || c.state === 'Released',
		);
	});

	it('sendDtmf sends the digits as a string', async () => {
		const id = await established();
		expect((await bodiesOf('sendDtmf', id, { digits: '12#' })).bodies).toEqual([
			{ operationName: 'SendDtmf', digits: '12#' },
		]);
		expect(callOf(id)?.dtmf).toBe('12#');
	});

	it('muteCall, then unmuteCall (on a conference: GWS offers MuteCall there)', async () => {
		const id = await conference();
		expect((await bodiesOf('muteCall', id)).bodies).toEqual([{ operationName: 'MuteCall' }]);
		await eventually(
			() => callOf(id),
			(c) => c?.mute === 'On',
		);
		expect((await bodiesOf('unmuteCall', id)).bodies).toEqual([{ operationName: 'UnmuteCall' }]);
		await eventually(
			() => callOf(id),
			(c) => c?.mute === 'Off',
		);
	});

	it('recording: start, pause, resume, stop', async () => {
		const id = await established();
		const steps: Array<[string, string, string]> = [
			['startCallRecording', 'StartCallRecording', 'Recording'],
			['pauseCallRecording', 'PauseCallRecording', 'Paused'],
			['resumeCallRecording', 'ResumeCallRecording', 'Recording'],
			['stopCallRecording', 'StopCallRecording', 'Stopped'],
		];
		for (const [operation, operationName, recordingState] of steps) {
			expect((await bodiesOf(operation, id)).bodies).toEqual([{ operationName }]);
			await eventually(
				() => callOf(id),
				(c) => c?.recordingState === recordingState,
			);
		}
	});
});

describe('user data', () => {
	it('attachUserData, updateUserData, deleteUserDataPair, deleteUserData', async () => {
		const id = await established();
		expect(
			(await bodiesOf('attachUserData', id, { userData: '{"CaseNumber": "12345"}' })).bodies,
		).toEqual([{ operationName: 'AttachUserData', userData: { CaseNumber: '12345' } }]);
		await eventually(
			() => callOf(id),
			(c) => c?.userData.CaseNumber === '12345',
		);

		// An expression may hand the node an object instead of JSON text.
		expect(
			(
				await bodiesOf('updateUserData', id, {
					userData: '={{ { "CaseNumber": "67890", "Priority": 2 } }}',
				})
			).bodies,
		).toEqual([
			{ operationName: 'UpdateUserData', userData: { CaseNumber: '67890', Priority: 2 } },
		]);
		await eventually(
			() => callOf(id),
			(c) => c?.userData.CaseNumber === '67890' && c?.userData.Priority === 2,
		);

		expect((await bodiesOf('deleteUserDataPair', id, { key: 'Priority' })).bodies).toEqual([
			{ operationName: 'DeleteUserDataPair', key: 'Priority' },
		]);
		await eventually(
			() => callOf(id),
			(c) => c !== undefined && !('Priority' in c.userData),
		);

		expect((await bodiesOf('deleteUserData', id)).bodies).toEqual([
			{ operationName: 'DeleteUserData' },
		]);
		await eventually(
			() => callOf(id),
			(c) => c !== undefined && Object.keys(c.userData).length === 0,
		);
	});
});

describe('user data as key/value fields', () => {
	it('sends the pairs as the userData object', async () => {
		const id = await established();
		const { bodies } = await bodiesOf('updateUserData', id, {
			userDataInput: 'fields',
			userDataFields: {
				pair: [
					{ key: 'CaseNumber', value: 'C-9' },
					{ key: ' Lang ', value: 'en' },
				],
			},
		});
		expect(bodies).toEqual([
			{ operationName: 'UpdateUserData', userData: { CaseNumber: 'C-9', Lang: 'en' } },
		]);
		await eventually(
			() => callOf(id),
			(c) => c?.userData.Lang === 'en',
		);
	});

	it('omits userData for an optional use when no pair is given', async () => {
		const id = await established();
		const { bodies } = await bodiesOf('singleStepConference', id, {
			destination: '5550177',
			userDataInput: 'fields',
		});
		expect(bodies).toEqual([
			{ operationName: 'SingleStepConference', destination: { phoneNumber: '5550177' } },
		]);
	});
});

describe('transfers and conferences', () => {
	it('singleStepTransfer with location and userData', async () => {
		const id = await established();
		const { bodies } = await bodiesOf('singleStepTransfer', id, {
			destination: '15001',
			location: 'SiteA',
			userData: '{"Reason": "escalation"}',
		});
		expect(bodies).toEqual([
			{
				operationName: 'SingleStepTransfer',
				destination: { phoneNumber: '15001' },
				location: 'SiteA',
				userData: { Reason: 'escalation' },
			},
		]);
		await eventually(
			() => callOf(id),
			(c) => c === undefined || c.state === 'Released',
		);
		await stateOf(id, 'Ringing', 'agent2');
	});

	it('singleStepConference, then removeParticipantFromConference', async () => {
		const id = await established();
		expect((await bodiesOf('singleStepConference', id, { destination: '5550199' })).bodies).toEqual(
			[{ operationName: 'SingleStepConference', destination: { phoneNumber: '5550199' } }],
		);
		await eventually(
			() => callOf(id),
			(c) => c?.participants.includes('5550199') === true,
		);
		expect(
			(await bodiesOf('removeParticipantFromConference', id, { participant: '5550199' })).bodies,
		).toEqual([{ operationName: 'RemoveParticipantFromConference', participant: '5550199' }]);
		await eventually(
			() => callOf(id),
			(c) => c !== undefined && !c.participants.includes('5550199'),
		);
	});

	it('initiateTransfer, then completeTransfer with the consult call given by id (sent as its URI)', async () => {
		const { parent, consult } = await withConsult('initiateTransfer');
		expect(postedBodies(sim, `/api/v2/me/calls/${parent}`)).toContainEqual({
			operationName: 'InitiateTransfer',
			destination: { phoneNumber: '15001' },
		});
		const agent2Call = (
			await eventually(
				() => sim.calls('agent2'),
				(c) => c.length === 1,
			)
		)[0];
		await call('answer', agent2Call.id, {}, agent2(sim));
		await stateOf(consult, 'Established');
		const { bodies } = await bodiesOf('completeTransfer', parent, { consultCallUri: consult });
		expect(bodies).toEqual([
			{
				operationName: 'CompleteTransfer',
				consultCallUri: `${sim.url}/api/v2/me/calls/${consult}`,
			},
		]);
		await eventually(
			() => sim.calls('agent1'),
			(c) => c.every((x) => x.state === 'Released'),
		);
	});

	it('swapCalls and mergeWithOtherCall take the other call (id or URI)', async () => {
		const first = await established('5551111');
		await call('hold', first);
		await stateOf(first, 'Held');
		const second = await established('5552222');
		expect((await bodiesOf('swapCalls', second, { otherCallUri: first })).bodies).toEqual([
			{ operationName: 'SwapCalls', otherCallUri: `${sim.url}/api/v2/me/calls/${first}` },
		]);
		await stateOf(second, 'Held');
		await stateOf(first, 'Established');
		const uri = `${sim.url}/api/v2/me/calls/${second}`;
		expect((await bodiesOf('mergeWithOtherCall', first, { otherCallUri: uri })).bodies).toEqual([
			{ operationName: 'MergeWithOtherCall', otherCallUri: uri },
		]);
		await eventually(
			() => callOf(first),
			(c) => c?.participants.sort().join() === '5551111,5552222',
		);
	});
});

describe('reads', () => {
	it('get returns the call as it stands', async () => {
		const id = await established();
		const result = await call('get', id);
		expect(result.items).toHaveLength(1);
		expect(result.items[0]).toMatchObject({ id, state: 'Established', callType: 'Inbound' });
		expect(result.items[0].capabilities).toEqual(expect.arrayContaining(['Hold', 'Hangup']));
	});

	it("accepts the call's uri or path where the id belongs", async () => {
		const id = await established();
		for (const ref of [`${sim.url}/api/v2/me/calls/${id}`, `/calls/${id}`]) {
			const result = await call('get', ref);
			expect(result.items[0]).toMatchObject({ id });
		}
	});

	it('getAll returns one item per active call, paired with the input item', async () => {
		const a = await established();
		const b = await ringing();
		const result = await call('getAll', undefined);
		expect(result.items.map((c: IDataObject) => c.id).sort()).toEqual([a, b].sort());
		expect(
			result.output.every(
				(item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }),
			),
		).toBe(true);
	});

	it('getAll returns nothing when there are no calls', async () => {
		expect((await call('getAll', undefined)).items).toEqual([]);
	});

	it('Simplify (the tool node\'s default) keeps what one acts on: id, state, numbers, parties, user data, capabilities', async () => {
		const id = await established();
		const raw = (await call('get', id)).items[0];
		for (const operation of ['get', 'getAll']) {
			const simple = (await call(operation, operation === 'get' ? id : undefined, { simplify: true })).items.find((c) => c.id === id)!;
			expect(simple).toEqual({
				id,
				state: 'Established',
				callType: 'Inbound',
				ani: raw.ani,
				dnis: raw.dnis,
				deviceUri: raw.deviceUri,
				duration: raw.duration,
				mute: raw.mute,
				recordingState: raw.recordingState,
				participants: (raw.participants as IDataObject[]).map((p) => p.phoneNumber),
				userData: raw.userData,
				capabilities: raw.capabilities,
			});
			expect(JSON.stringify(simple).length).toBeLessThan(JSON.stringify(raw).length * 0.8);
		}
	});
});

describe('agent', () => {
	it('setState sends Ready / NotReady / AfterCallWork to /me/channels/voice', async () => {
		for (const agentState of ['NotReady', 'AfterCallWork', 'Ready']) {
			const since = lastSeq(sim);
			const result = await runNode({
				credential: agent1(sim),
				parameters: { resource: 'agent', operation: 'setState', agentState },
			});
			expect(result.status).toBe('success');
			expect(postedBodies(sim, '/api/v2/me/channels/voice', since)).toEqual([
				{ operationName: agentState },
			]);
			const devices = await runNode({
				credential: agent1(sim),
				parameters: { resource: 'agent', operation: 'getDevices' },
			});
			const userState = devices.items[0].userState as IDataObject;
			expect(userState.state).toBe(agentState === 'Ready' ? 'Ready' : 'NotReady');
			if (agentState === 'AfterCallWork') expect(userState.workMode).toBe('AfterCallWork');
		}
	});

	it('getDevices returns one item per device', async () => {
		const result = await runNode({
			credential: agent1(sim),
			parameters: { resource: 'agent', operation: 'getDevices' },
		});
		expect(result.items.length).toBeGreaterThanOrEqual(1);
		expect(result.items[0]).toMatchObject({ phoneNumber: '15000' });
	});
});
