 
/** Every call operation: its success path (state + notification) and its refusal in a wrong state, over real HTTP/CometD. */
import { DEMO } from '../helpers/users';
import { establishedA1toA2, exactly, isCall, nothingMore, useLoggedInAgents } from './flows';

const { sim, ag } = useLoggedInAgents();

const REMOTE = '5550001';

/** agent1 dials a remote number; the remote answers at once (remoteAnswerDelayMs 0). */
async function establishedToRemote(dn = REMOTE): Promise<string> {
	const from = ag.e1.notifications.length;
	expect((await ag.a1.dial(dn)).body).toEqual({ statusCode: 0 });
	const established = await ag.e1.waitFor(isCall('Established'), 3000, from);
	return established.data.call.id;
}

async function ringingInbound(viaQueue = false): Promise<string> {
	const from = ag.e1.notifications.length;
	const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234', userData: { Source: 'IVR' }, viaQueue });
	await ag.e1.waitFor(isCall('Ringing', callId), 3000, from);
	return callId;
}

async function state(callId: string): Promise<string | undefined> {
	const reply = await ag.a1.get(`/api/v2/me/calls/${callId}`);
	return reply.status === 200 ? reply.body.call.state : undefined;
}

async function expectRefused(callId: string, operationName: string, params: Record<string, unknown>, inState: string) {
	const reply = await ag.a1.op(callId, operationName, params);
	expect(reply.status).toBe(409);
	expect(reply.body.statusCode).toBe(2);
	expect(reply.body.statusMessage).toContain(`Operation '${operationName}' is not allowed for call ${callId} in state ${inState}; allowed: `);
	expect(Object.keys(reply.body)).toEqual(['statusCode', 'statusMessage']);
}

async function opAndNotify(callId: string, operationName: string, params: Record<string, unknown> = {}, count = 1) {
	const from = ag.e1.notifications.length;
	const reply = await ag.a1.op(callId, operationName, params);
	expect(reply.body).toEqual({ statusCode: 0 });
	expect(reply.status).toBe(200);
	if (count > 0) return exactly(ag.e1, from, count);
	await nothingMore(ag.e1, from);
	return [];
}

describe('Dial', () => {
	test('to a remote number: Dialing (Outbound, remote as participant) then Established', async () => {
		const from = ag.e1.notifications.length;
		const deviceId = await ag.a1.deviceId();
		const reply = await ag.a1.post(`/api/v2/me/devices/${deviceId}/calls`, { operationName: 'Dial', destination: { phoneNumber: REMOTE }, userData: { Product: 'Guitars' } });
		expect(reply.body).toEqual({ statusCode: 0 });
		const [dialing, established] = await exactly(ag.e1, from, 2);
		expect(dialing.data.call).toMatchObject({ state: 'Dialing', callType: 'Outbound', dnis: REMOTE, userData: { Product: 'Guitars' } });
		expect(dialing.data.call.participants).toEqual([{ e164Number: '', formattedPhoneNumber: REMOTE, phoneNumber: REMOTE, digits: REMOTE }]);
		expect(dialing.data.call.capabilities).toEqual(['UpdateUserData', 'SendDtmf', 'AttachUserData', 'DeleteUserDataPair', 'DeleteUserData', 'Hangup']);
		expect(established.data.call.state).toBe('Established');
		expect(established.data.call.deviceUri).toBe(`${sim.url}/api/v2/devices/${deviceId}`);
	});

	test('to another agent: Internal on both sides, each with the other as participant', async () => {
		const callId = await establishedA1toA2(ag);
		expect(sim.calls().filter((c) => c.id === callId).map((c) => [c.owner, c.callType, c.participants])).toEqual([
			['agent1', 'Internal', ['15001']],
			['agent2', 'Internal', ['15000']],
		]);
	});

	test('parameter errors name the parameter and the expected shape', async () => {
		const deviceId = await ag.a1.deviceId();
		const url = `/api/v2/me/devices/${deviceId}/calls`;
		const plain = await ag.a1.post(url, { operationName: 'Dial', destination: '15001' });
		expect(plain.status).toBe(400);
		expect(plain.body.statusMessage).toContain("'destination'");
		expect(plain.body.statusMessage).toContain('{"destination":{"phoneNumber":"15002"}}');
		const missing = await ag.a1.post(url, { operationName: 'Dial' });
		expect(missing.body).toEqual({ statusCode: 1, statusMessage: expect.stringContaining("Missing required parameter 'destination'") });
		const badDevice = await ag.a1.post('/api/v2/me/devices/nope/calls', { operationName: 'Dial', destination: { phoneNumber: '1' } });
		expect(badDevice.status).toBe(404);
		expect(badDevice.body.statusCode).toBe(6);
	});

	test('an unreachable number (999...) is accepted, then an ErrorMessage arrives', async () => {
		const from = ag.e1.notifications.length;
		expect((await ag.a1.dial('99999')).body).toEqual({ statusCode: 0 });
		const [error] = await exactly(ag.e1, from, 1);
		expect(error).toEqual({
			channel: '/v2/me/calls',
			data: {
				errorCode: 56,
				errorMessage: expect.stringContaining("Dial to '99999' failed"),
				operationName: 'Dial',
				destination: { phoneNumber: '99999' },
				phoneNumber: '15000',
				messageType: 'ErrorMessage',
			},
		});
		expect(sim.calls('agent1')).toEqual([]);
	});
});

describe('Answer / Reject / Hangup', () => {
	test('Answer while on another call: the other call is held first (StatusChange Held, then Established), as a SIP phone does', async () => {
		const first = await establishedToRemote();
		const second = await ringingInbound();
		const got = await opAndNotify(second, 'Answer', {}, 2);
		expect(got.map((n) => [n.data.call.id, n.data.call.state])).toEqual([
			[first, 'Held'],
			[second, 'Established'],
		]);
		const heard = (id: string) => sim.calls('agent1').find((c) => c.id === id)?.heardBy;
		expect(heard(first)).toEqual([]);
		expect(heard(second)).toEqual(['5551234']);
	});

	test('Answer: Ringing inbound (Answer offered) -> Established; refused once Established', async () => {
		const callId = await ringingInbound();
		const ringing = (await ag.a1.get(`/api/v2/me/calls/${callId}`)).body.call;
		expect(ringing).toMatchObject({ state: 'Ringing', callType: 'Inbound', ani: '5551234', dnis: '15000', userData: { Source: 'IVR' } });
		expect(ringing.capabilities).toEqual(['Answer', 'UpdateUserData', 'AttachUserData', 'DeleteUserDataPair', 'DeleteUserData']);
		const [n] = await opAndNotify(callId, 'Answer');
		expect(n.data).toMatchObject({ notificationType: 'StatusChange', call: { id: callId, state: 'Established' } });
		await expectRefused(callId, 'Answer', {}, 'Established');
	});

	test('Reject: offered only for calls through a queue; the agent\'s view is Released, the call waits in its queue', async () => {
		const direct = await ringingInbound(false);
		await expectRefused(direct, 'Reject', {}, 'Ringing');
		const queued = await ringingInbound(true);
		expect((await ag.a1.get(`/api/v2/me/calls/${queued}`)).body.call.capabilities).toContain('Reject');
		const [n] = await opAndNotify(queued, 'Reject');
		expect(n.data.call).toMatchObject({ state: 'Released', capabilities: [] });
		expect(await state(queued)).toBeUndefined();
		expect(sim.queue().map((q) => [q.id, q.rejectedBy])).toEqual([[queued, 'agent1']]);
	});

	test('Hangup: Released with capabilities [], the call leaves GET /me/calls, the other agent is released too', async () => {
		const callId = await establishedA1toA2(ag);
		const otherSide = ag.e2.waitFor(isCall('Released', callId));
		const [n] = await opAndNotify(callId, 'Hangup');
		expect(n.data.call).toMatchObject({ id: callId, state: 'Released', capabilities: [] });
		await otherSide;
		expect((await ag.a1.get('/api/v2/me/calls')).body).toEqual({ statusCode: 0, uris: [] });
		const gone = await ag.a1.op(callId, 'Hangup');
		expect(gone.status).toBe(404);
		expect(gone.body).toEqual({ statusCode: 6, statusMessage: expect.stringContaining(`Call '${callId}' not found`) });
	});

	test('Hangup is refused while Ringing (Answer or Reject it)', async () => {
		const callId = await ringingInbound();
		await expectRefused(callId, 'Hangup', {}, 'Ringing');
	});
});

describe('Hold / Retrieve / Mute / DTMF', () => {
	test('Hold -> Held (page capability list), Retrieve -> Established; each refused in the other state', async () => {
		const callId = await establishedToRemote();
		await expectRefused(callId, 'Retrieve', {}, 'Established');
		const [held] = await opAndNotify(callId, 'Hold');
		expect(held.data.call.state).toBe('Held');
		expect(held.data.call.capabilities).toEqual(['UpdateUserData', 'Retrieve', 'InitiateConference', 'SingleStepTransfer', 'InitiateTransfer', 'AttachUserData', 'DeleteUserDataPair', 'SingleStepConference', 'DeleteUserData', 'Hangup']);
		await expectRefused(callId, 'Hold', {}, 'Held');
		const [retrieved] = await opAndNotify(callId, 'Retrieve');
		expect(retrieved.data.call.state).toBe('Established');
	});

	test('MuteCall on a conference -> mute "On" (UnmuteCall offered), UnmuteCall -> "Off", one StatusChange each; refused while Ringing, on a two-party call, when not muted', async () => {
		const ringing = await ringingInbound();
		await expectRefused(ringing, 'MuteCall', {}, 'Ringing');
		const callId = await establishedToRemote();
		await expectRefused(callId, 'MuteCall', {}, 'Established');
		await expectRefused(callId, 'UnmuteCall', {}, 'Established');
		await opAndNotify(callId, 'SingleStepConference', { destination: { phoneNumber: '5550003' } });
		const [mutedNote] = await opAndNotify(callId, 'MuteCall');
		expect(mutedNote.data).toMatchObject({ notificationType: 'StatusChange', call: { mute: 'On' } });
		const muted = (await ag.a1.get(`/api/v2/me/calls/${callId}`)).body.call;
		expect(muted.mute).toBe('On');
		expect(muted.capabilities).toContain('UnmuteCall');
		expect(muted.capabilities).not.toContain('MuteCall');
		const heardBy = () => sim.calls('agent1').find((c) => c.id === callId)?.heardBy;
		expect(heardBy()).toEqual([]);
		const [unmuted] = await opAndNotify(callId, 'UnmuteCall');
		expect(unmuted.data).toMatchObject({ notificationType: 'StatusChange', call: { mute: 'Off' } });
		expect((await ag.a1.get(`/api/v2/me/calls/${callId}`)).body.call.mute).toBe('Off');
		expect(heardBy()).toEqual([REMOTE, '5550003']);
	});

	test('SendDtmf records the digits (one DtmfSent each); bad digits are a parameter error; refused while Held', async () => {
		const callId = await establishedToRemote();
		expect((await opAndNotify(callId, 'SendDtmf', { digits: '12' }))[0].data.notificationType).toBe('DtmfSent');
		await opAndNotify(callId, 'SendDtmf', { digits: '3*#' });
		expect(sim.calls('agent1')[0].dtmf).toBe('123*#');
		const bad = await ag.a1.op(callId, 'SendDtmf', { digits: '12a' });
		expect(bad.status).toBe(400);
		expect(bad.body.statusMessage).toContain("Invalid parameter 'digits': \"12a\"");
		const missing = await ag.a1.op(callId, 'SendDtmf');
		expect(missing.body.statusCode).toBe(1);
		await opAndNotify(callId, 'Hold');
		await expectRefused(callId, 'SendDtmf', { digits: '1' }, 'Held');
	});
});

describe('user data', () => {
	test('AttachUserData duplicates keys (rendered as an array), UpdateUserData replaces, DeleteUserDataPair, DeleteUserData', async () => {
		const callId = await establishedToRemote();
		let [n] = await opAndNotify(callId, 'AttachUserData', { userData: { AccountNumber: '12345', Tier: 'Gold' } });
		expect(n.data).toMatchObject({ notificationType: 'AttachedDataChanged', call: { userData: { AccountNumber: '12345', Tier: 'Gold' } } });
		[n] = await opAndNotify(callId, 'AttachUserData', { userData: { AccountNumber: '67890' } });
		expect(n.data.call.userData).toEqual({ AccountNumber: ['12345', '67890'], Tier: 'Gold' });
		[n] = await opAndNotify(callId, 'UpdateUserData', { userData: { AccountNumber: '1', New: true } });
		expect(n.data.call.userData).toEqual({ AccountNumber: '1', Tier: 'Gold', New: true });
		[n] = await opAndNotify(callId, 'DeleteUserDataPair', { key: 'Tier' });
		expect(n.data.call.userData).toEqual({ AccountNumber: '1', New: true });
		const missingKey = await ag.a1.op(callId, 'DeleteUserDataPair', { key: 'Nope' });
		expect(missingKey.status).toBe(404);
		expect(missingKey.body.statusMessage).toContain("'Nope'");
		[n] = await opAndNotify(callId, 'DeleteUserData');
		expect(n.data.call).not.toHaveProperty('userData');
	});

	test('user data parameters are checked and a Released call refuses them', async () => {
		const callId = await establishedToRemote();
		const notObject = await ag.a1.op(callId, 'AttachUserData', { userData: 'x' });
		expect(notObject.body).toEqual({ statusCode: 10, statusMessage: expect.stringContaining("Invalid parameter 'userData'") });
		const noKey = await ag.a1.op(callId, 'DeleteUserDataPair', { key: 5 });
		expect(noKey.body.statusMessage).toContain("'key'");
		await opAndNotify(callId, 'Hangup');
		expect((await ag.a1.op(callId, 'UpdateUserData', { userData: { a: 1 } })).status).toBe(404);
	});
});

describe('recording', () => {
	test('Start -> Recording (GSIP_RECORD ON), Pause -> Paused, Resume, Stop; Pause refused when not recording', async () => {
		const callId = await establishedToRemote();
		await expectRefused(callId, 'PauseCallRecording', {}, 'Established');
		let [n] = await opAndNotify(callId, 'StartCallRecording');
		expect(n.data).toMatchObject({ notificationType: 'CallRecordingStateChange', call: { recordingState: 'Recording', userData: { GSIP_RECORD: 'ON' } } });
		expect(n.data.call.capabilities).toEqual(expect.arrayContaining(['PauseCallRecording', 'StopCallRecording']));
		[n] = await opAndNotify(callId, 'PauseCallRecording');
		expect(n.data.call).toMatchObject({ recordingState: 'Paused', userData: { GSIP_RECORD: 'PAUSED' } });
		expect(n.data.call.capabilities).toEqual(expect.arrayContaining(['ResumeCallRecording', 'StopCallRecording']));
		[n] = await opAndNotify(callId, 'ResumeCallRecording');
		expect(n.data.call.recordingState).toBe('Recording');
		[n] = await opAndNotify(callId, 'StopCallRecording');
		expect(n.data.call).toMatchObject({ recordingState: 'Stopped', userData: { GSIP_RECORD: 'OFF' } });
		await expectRefused(callId, 'StopCallRecording', {}, 'Established');
	});
});

describe('transfer', () => {
	test('SingleStepTransfer: the agent is Released, the destination agent rings', async () => {
		const callId = await establishedToRemote();
		const ringing = ag.e2.waitFor(isCall('Ringing', callId));
		const [n] = await opAndNotify(callId, 'SingleStepTransfer', { destination: { phoneNumber: DEMO.agent2.dn } });
		expect(n.data.call).toMatchObject({ id: callId, state: 'Released' });
		expect((await ringing).data.call.participants.map((p: any) => p.phoneNumber)).toEqual([REMOTE]);
		const ringingCall = await ringingInbound();
		await expectRefused(ringingCall, 'SingleStepTransfer', { destination: { phoneNumber: '1' } }, 'Ringing');
	});

	test('InitiateTransfer + CompleteTransfer (posted on the parent with consultCallUri): both Released, agent2 talks to the remote', async () => {
		const callId = await establishedToRemote();
		const [held, dialing] = await opAndNotify(callId, 'InitiateTransfer', { destination: { phoneNumber: DEMO.agent2.dn } }, 2);
		expect(held.data.call.state).toBe('Held');
		expect(dialing.data.call).toMatchObject({ state: 'Dialing', callType: 'Consult', parentCallUri: `${sim.url}/api/v2/me/calls/${callId}` });
		const consultId = dialing.data.call.id;
		const [c, p] = await opAndNotify(callId, 'CompleteTransfer', { consultCallUri: dialing.data.call.uri }, 2);
		expect([c.data.call.id, c.data.call.state]).toEqual([consultId, 'Released']);
		expect([p.data.call.id, p.data.call.state]).toEqual([callId, 'Released']);
		expect(sim.calls('agent1')).toEqual([]);
		expect(sim.calls('agent2')).toEqual([expect.objectContaining({ id: callId, state: 'Ringing', participants: [REMOTE] })]);
	});

	test('CompleteTransfer/CompleteConference without a consult call are refused', async () => {
		const callId = await establishedToRemote();
		await expectRefused(callId, 'CompleteTransfer', {}, 'Established');
		await expectRefused(callId, 'CompleteConference', {}, 'Established');
	});

	test('consultCallUri / otherCallUri accept the full URI or a path ending in the call id, and reject others', async () => {
		const callId = await establishedToRemote();
		const [, dialing] = await opAndNotify(callId, 'InitiateConference', { destination: { phoneNumber: '5550002' } }, 3).then((n) => n.filter((x) => x.data.call.id !== undefined));
		void dialing;
		const consultId = sim.calls('agent1').find((c) => c.callType === 'Consult')!.id;
		const bad = await ag.a1.op(callId, 'CompleteConference', { consultCallUri: 'not-a-uri' });
		expect(bad.status).toBe(400);
		expect(bad.body.statusMessage).toContain("'consultCallUri'");
		const [released, updated] = await opAndNotify(callId, 'CompleteConference', { consultCallUri: `/api/v2/me/calls/${consultId}` }, 2);
		expect(released.data.call).toMatchObject({ id: consultId, state: 'Released' });
		expect(updated.data).toMatchObject({ notificationType: 'ParticipantsUpdated', call: { id: callId, state: 'Established' } });
		expect(updated.data.call.participants.map((p: any) => p.phoneNumber)).toEqual(['5550002', REMOTE]);
	});

	test('SwapCalls: active call Held, held call Established; MergeWithOtherCall joins them; both need a held other call', async () => {
		const first = await establishedToRemote('5550011');
		await opAndNotify(first, 'Hold');
		const second = await establishedToRemote('5550012');
		const caps = (await ag.a1.get(`/api/v2/me/calls/${second}`)).body.call.capabilities;
		expect(caps).toEqual(expect.arrayContaining(['SwapCalls', 'MergeWithOtherCall']));
		const [a, b] = await opAndNotify(second, 'SwapCalls', { otherCallUri: `${sim.url}/api/v2/me/calls/${first}` }, 2);
		expect([a.data.call.id, a.data.call.state, b.data.call.id, b.data.call.state]).toEqual([second, 'Held', first, 'Established']);
		const [released, merged] = await opAndNotify(first, 'MergeWithOtherCall', { otherCallUri: `/calls/${second}` }, 2);
		expect([released.data.call.id, released.data.call.state]).toEqual([second, 'Released']);
		expect(merged.data.call.participants.map((p: any) => p.phoneNumber)).toEqual(['5550012', '5550011']);
		const notHeld = await establishedToRemote('5550013');
		await opAndNotify(first, 'Hold');
		await opAndNotify(first, 'Retrieve');
		const refused = await ag.a1.op(notHeld, 'SwapCalls', { otherCallUri: `/calls/${first}` });
		expect(refused.status).toBe(409);
		expect(refused.body.statusMessage).toContain('is not allowed');
	});
});

describe('conference', () => {
	test('SingleStepConference to a remote number, RemoveParticipantFromConference; removal refused on a two-party call', async () => {
		const callId = await establishedToRemote();
		await expectRefused(callId, 'RemoveParticipantFromConference', { participant: REMOTE }, 'Established');
		const [n] = await opAndNotify(callId, 'SingleStepConference', { destination: { phoneNumber: '5550003' } });
		expect(n.data.call.participants.map((p: any) => p.phoneNumber)).toEqual(['5550003', REMOTE]);
		expect(n.data.call.capabilities).toEqual(expect.arrayContaining(['RemoveParticipantFromConference', 'MuteCall']));
		const notOnCall = await ag.a1.op(callId, 'RemoveParticipantFromConference', { participant: '123' });
		expect(notOnCall.status).toBe(400);
		expect(notOnCall.body.statusMessage).toContain('5550003, 5550001');
		const [removed] = await opAndNotify(callId, 'RemoveParticipantFromConference', { participant: '5550003' });
		expect(removed.data.call.participants.map((p: any) => p.phoneNumber)).toEqual([REMOTE]);
	});

	test('InitiateConference is refused while Ringing; CompleteConference refused while the consult is Dialing', async () => {
		const ringing = await ringingInbound();
		await expectRefused(ringing, 'InitiateConference', { destination: { phoneNumber: '15001' } }, 'Ringing');
		await sim.reset();
		const callId = await establishedA1toA2(ag);
		const [, dialing] = await opAndNotify(callId, 'InitiateConference', { destination: { phoneNumber: DEMO.supervisor1.dn } }, 2);
		const refused = await ag.a1.op(dialing.data.call.id, 'CompleteConference');
		expect(refused.status).toBe(409);
		expect(refused.body.statusMessage).toContain('Dialing');
	});

	test('ClearCall ends the conference for every party', async () => {
		const callId = await establishedA1toA2(ag);
		await opAndNotify(callId, 'SingleStepConference', { destination: { phoneNumber: DEMO.supervisor1.dn } });
		const a2 = ag.e2.waitFor(isCall('Released', callId));
		const sup = ag.eSup.waitFor(isCall('Released', callId));
		const [n] = await opAndNotify(callId, 'ClearCall');
		expect(n.data.call.state).toBe('Released');
		await Promise.all([a2, sup]);
		expect(sim.calls()).toEqual([]);
	});
});

describe('refusals on a Ringing call (valid parameters, wrong state)', () => {
	const dest = { destination: { phoneNumber: '5550009' } };
	const cases: Array<[string, Record<string, unknown>]> = [
		['Hangup', {}],
		['Hold', {}],
		['Retrieve', {}],
		['SendDtmf', { digits: '1' }],
		['MuteCall', {}],
		['UnmuteCall', {}],
		['SingleStepTransfer', dest],
		['SingleStepConference', dest],
		['InitiateTransfer', dest],
		['InitiateConference', dest],
		['CompleteTransfer', {}],
		['CompleteConference', {}],
		['RemoveParticipantFromConference', { participant: '5551234' }],
		['SwapCalls', { otherCallUri: '/calls/OTHER' }],
		['MergeWithOtherCall', { otherCallUri: '/calls/OTHER' }],
		['ClearCall', {}],
		['StartCallRecording', {}],
		['PauseCallRecording', {}],
		['ResumeCallRecording', {}],
		['StopCallRecording', {}],
	];
	test.each(cases)('%s is refused with HTTP 409 statusCode 2 and the allowed list', async (operationName, params) => {
		const callId = await ringingInbound();
		await expectRefused(callId, operationName, params, 'Ringing');
		const reply = await ag.a1.op(callId, operationName, params);
		expect(reply.body.statusMessage).toMatch(/allowed: Answer, UpdateUserData, AttachUserData, DeleteUserDataPair, DeleteUserData$/);
		expect(sim.calls('agent1')[0].state).toBe('Ringing');
	});

	test('StartCallRecording is refused while recording; SendDtmf, MergeWithOtherCall and MuteCall are refused on a Held call', async () => {
		const callId = await establishedToRemote();
		await opAndNotify(callId, 'StartCallRecording');
		await expectRefused(callId, 'StartCallRecording', {}, 'Established');
		await opAndNotify(callId, 'Hold');
		await expectRefused(callId, 'SendDtmf', { digits: '5' }, 'Held');
		await expectRefused(callId, 'MergeWithOtherCall', { otherCallUri: '/calls/X' }, 'Held');
		await expectRefused(callId, 'MuteCall', {}, 'Held');
	});
});

describe('request errors', () => {
	test('unknown operationName, missing operationName, unknown call, malformed JSON, non-object JSON', async () => {
		const callId = await establishedToRemote();
		const unknown = await ag.a1.op(callId, 'Fly');
		expect(unknown.status).toBe(400);
		expect(unknown.body).toEqual({ statusCode: 10, statusMessage: expect.stringContaining("Unknown operationName 'Fly'") });
		const missing = await ag.a1.post(`/api/v2/me/calls/${callId}`, {});
		expect(missing.body).toEqual({ statusCode: 1, statusMessage: expect.stringContaining("'operationName'") });
		const noCall = await ag.a1.op('NOPE', 'Hold');
		expect(noCall.status).toBe(404);
		expect(noCall.body.statusCode).toBe(6);
		const malformed = await ag.a1.post(`/api/v2/me/calls/${callId}`, '{"operationName":');
		expect(malformed.status).toBe(400);
		expect(malformed.body.statusMessage).toContain('Malformed JSON request body');
		const array = await ag.a1.post(`/api/v2/me/calls/${callId}`, '[1]');
		expect(array.status).toBe(400);
		const route = await ag.a1.get('/api/v2/nothing');
		expect(route.status).toBe(404);
		expect(route.body.statusCode).toBe(6);
		const method = await ag.a1.request('DELETE', `/api/v2/me/calls/${callId}`);
		expect(method.status).toBe(405);
		expect(method.body.statusMessage).toBe(`Method DELETE is not supported on /api/v2/me/calls/${callId}; use GET or POST`);
		const nullBody = await ag.a1.post(`/api/v2/me/calls/${callId}`, 'null');
		expect(nullBody.body.statusMessage).toContain('must be a JSON object');
		const numericName = await ag.a1.post(`/api/v2/me/calls/${callId}`, { operationName: 7 });
		expect(numericName.body).toEqual({ statusCode: 10, statusMessage: expect.stringContaining("Invalid parameter 'operationName': 7") });
	});

	test("another agent's call is not found for this user", async () => {
		const callId = await establishedToRemote();
		const reply = await ag.a2.op(callId, 'Hangup');
		expect(reply.status).toBe(404);
	});
});
