/**
 * Where the simulator used to guess (docs/FIDELITY.md): capabilities and states as the samples list them, the
 * optional features, which operations notify, and the ErrorMessage of each operation that dials an unreachable number.
 */
import { startTestSimulator } from '../helpers/simulator';
import { DEMO } from '../helpers/users';
import { answeredInbound, establishedA1toA2, exactly, isCall, nothingMore, useLoggedInAgents } from './flows';
import muteCallPage from './fixtures/CallsMuteCall.json';
import sendDtmfPage from './fixtures/CallsSendDTMF.json';
import singleStepConference from './fixtures/SingleStepConference.json';

const { sim, ag } = useLoggedInAgents();

const callOf = async (id: string) => (await ag.a1.get(`/api/v2/me/calls/${id}`)).body.call;

describe('capabilities and states (default features: call recording and ClearCall on)', () => {
	test('every new call carries recordingState "Stopped"; an Established call lists StartCallRecording while not recording', async () => {
		const from = ag.e1.notifications.length;
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
		const [ringing] = await exactly(ag.e1, from, 1);
		expect(ringing.data.call.recordingState).toBe('Stopped');
		expect(ringing.data.call.capabilities).not.toContain('StartCallRecording');
		await ag.a1.op(callId, 'Answer');
		const established = await ag.e1.waitFor(isCall('Established', callId), 3000, from);
		expect(established.data.call.recordingState).toBe('Stopped');
		expect(established.data.call.capabilities.slice(-2)).toEqual(['Hangup', 'StartCallRecording']);
		// The key sits where a GWS call resource has it: after mute, before supervisorListeningIn.
		const keys = Object.keys(established.data.call);
		expect(keys.slice(keys.indexOf('mute'), keys.indexOf('mute') + 3)).toEqual(['mute', 'recordingState', 'supervisorListeningIn']);
		expect((await ag.a1.op(callId, 'StartCallRecording')).body).toEqual({ statusCode: 0 });
		const recording = await ag.e1.waitFor((n) => n.data.notificationType === 'CallRecordingStateChange', 3000, from);
		expect(recording.data.call.capabilities).not.toContain('StartCallRecording');
		expect(recording.data.call.capabilities.slice(-2)).toEqual(['PauseCallRecording', 'StopCallRecording']);
	});

	test('a conference lists the page list plus ClearCall after Hangup and StartCallRecording at the end', async () => {
		const callId = await establishedA1toA2(ag);
		const from = ag.e1.notifications.length;
		await ag.a1.op(callId, 'SingleStepConference', { destination: { phoneNumber: '15002' } });
		const [n] = await exactly(ag.e1, from, 1);
		const page = singleStepConference.notifications[0].data.call.capabilities;
		expect(n.data.call.capabilities).toEqual([...page, 'ClearCall', 'StartCallRecording']);
	});

	test('ClearCall and MuteCall are refused on a two-party call (not listed there), accepted on a conference', async () => {
		const callId = await establishedA1toA2(ag);
		for (const op of ['ClearCall', 'MuteCall']) {
			const refused = await ag.a1.op(callId, op);
			expect([refused.status, refused.body.statusCode]).toEqual([409, 2]);
			expect(refused.body.statusMessage).toContain(`Operation '${op}' is not allowed for call ${callId} in state Established; allowed: `);
		}
		await ag.a1.op(callId, 'SingleStepConference', { destination: { phoneNumber: '5550003' } });
		expect((await callOf(callId)).capabilities).toEqual(expect.arrayContaining(['ClearCall', 'MuteCall']));
		// Held, a conference offers neither (the InitiateConference page's Held list).
		await ag.a1.op(callId, 'Hold');
		expect((await callOf(callId)).capabilities).not.toContain('ClearCall');
		expect((await ag.a1.op(callId, 'ClearCall')).status).toBe(409);
		await ag.a1.op(callId, 'Retrieve');
		const released = ag.e2.waitFor(isCall('Released', callId));
		expect((await ag.a1.op(callId, 'ClearCall')).body).toEqual({ statusCode: 0 });
		await released;
	});

	test('CompleteConference/CompleteTransfer posted on the parent with consultCallUri: accepted although the parent does not list them', async () => {
		const callId = await establishedA1toA2(ag);
		const from = ag.e1.notifications.length;
		await ag.a1.op(callId, 'InitiateConference', { destination: { phoneNumber: '5550002' } });
		const [held, dialing] = await exactly(ag.e1, from, 3).then((n) => n.filter((x) => x.data.call.state !== 'Established'));
		expect(held.data.call.capabilities).not.toContain('CompleteConference');
		expect((await callOf(callId)).capabilities).not.toContain('CompleteConference');
		const reply = await ag.a1.op(callId, 'CompleteConference', { consultCallUri: dialing.data.call.uri });
		expect(reply.body).toEqual({ statusCode: 0 });
		await ag.e1.waitFor((n) => n.data.notificationType === 'ParticipantsUpdated' && n.data.call.id === callId);
	});

	test('features off: no recordingState, recording operations and ClearCall are neither listed nor accepted', async () => {
		const plain = await startTestSimulator({ features: { callRecording: false, clearCall: false } });
		try {
			const { callId } = await plain.placeInboundCall({ to: 'agent1', from: '5551234' });
			const rest = new (await import('./helpers')).GwsRestClient(plain.url, 'agent1', 'agent1pass');
			await rest.login();
			await rest.op(callId, 'Answer');
			await rest.op(callId, 'SingleStepConference', { destination: { phoneNumber: '5550003' } });
			const call = (await rest.get(`/api/v2/me/calls/${callId}`)).body.call;
			expect(call).not.toHaveProperty('recordingState');
			expect(call.capabilities).toEqual(singleStepConference.notifications[0].data.call.capabilities);
			for (const op of ['StartCallRecording', 'ClearCall']) expect((await rest.op(callId, op)).status).toBe(409);
		} finally {
			await plain.close();
		}
	});
});

describe('which operations notify (docs/FIDELITY.md, "Notifications")', () => {
	test('SwapCalls: StatusChange Held then StatusChange Established, nothing else', async () => {
		const first = await answeredInbound(ag, 'agent1', '5550011');
		await ag.a1.op(first, 'Hold');
		const second = await answeredInbound(ag, 'agent1', '5550012');
		const from = ag.e1.notifications.length;
		await ag.a1.op(second, 'SwapCalls', { otherCallUri: `/calls/${first}` });
		const got = await exactly(ag.e1, from, 2);
		expect(got.map((n) => [n.data.notificationType, n.data.call.id, n.data.call.state])).toEqual([
			['StatusChange', second, 'Held'],
			['StatusChange', first, 'Established'],
		]);
	});

	test('MergeWithOtherCall: the other call Released, then ParticipantsUpdated on this one, nothing else', async () => {
		const first = await answeredInbound(ag, 'agent1', '5550011');
		await ag.a1.op(first, 'Hold');
		const second = await answeredInbound(ag, 'agent1', '5550012');
		const from = ag.e1.notifications.length;
		await ag.a1.op(second, 'MergeWithOtherCall', { otherCallUri: `/calls/${first}` });
		const got = await exactly(ag.e1, from, 2);
		expect(got.map((n) => [n.data.notificationType, n.data.call.id, n.data.call.state])).toEqual([
			['StatusChange', first, 'Released'],
			['ParticipantsUpdated', second, 'Established'],
		]);
	});

	test('MuteCall / UnmuteCall: StatusChange with mute On / Off to the agent only, the fields of the CallsMuteCall sample; SendDtmf: DtmfSent as the CallsSendDTMF sample', async () => {
		const callId = await establishedA1toA2(ag);
		const updated = ag.e1.waitFor((n) => n.data.notificationType === 'ParticipantsUpdated');
		const updated2 = ag.e2.waitFor((n) => n.data.notificationType === 'ParticipantsUpdated');
		await ag.a1.op(callId, 'SingleStepConference', { destination: { phoneNumber: '5550003' } });
		await Promise.all([updated, updated2]);
		const sorted = (o: object) => Object.keys(o).sort();
		const from2 = ag.e2.notifications.length;
		let from = ag.e1.notifications.length;
		expect((await ag.a1.op(callId, 'MuteCall')).body).toEqual({ statusCode: 0 });
		const [muted] = await exactly(ag.e1, from, 1);
		const mutePage = muteCallPage.notifications[0];
		expect(muted.data).toMatchObject({ notificationType: 'StatusChange', messageType: 'CallStateChangeMessage', call: { id: callId, mute: 'On', capabilities: expect.arrayContaining(['UnmuteCall']) } });
		expect(sorted(muted.data)).toEqual(sorted(mutePage.data));
		// userData aside: this conference has some (FirstConferencePartyDN), the page's call none.
		expect(sorted(muted.data.call).filter((k) => k !== 'userData')).toEqual(sorted(mutePage.data.call));
		from = ag.e1.notifications.length;
		expect((await ag.a1.op(callId, 'UnmuteCall')).body).toEqual({ statusCode: 0 });
		const [unmuted] = await exactly(ag.e1, from, 1);
		expect(unmuted.data).toMatchObject({ notificationType: 'StatusChange', call: { id: callId, mute: 'Off' } });
		from = ag.e1.notifications.length;
		expect((await ag.a1.op(callId, 'SendDtmf', { digits: '1' })).body).toEqual({ statusCode: 0 });
		const [dtmf] = await exactly(ag.e1, from, 1);
		const dtmfPage = sendDtmfPage.notifications[0];
		expect(Object.keys(dtmf.data)).toEqual(Object.keys(dtmfPage.data));
		expect(dtmf.data).toMatchObject({ notificationType: 'DtmfSent', call: { id: callId, state: 'Established' } });
		// The other agent on the conference learns nothing of it.
		await nothingMore(ag.e2, from2);
	});
});

describe('unreachable numbers: accepted, then one ErrorMessage naming the request, and nothing changes', () => {
	const DEST = '9990042';

	test('Dial: the ErrorMessage names Dial and the dialled number (there is no call yet)', async () => {
		const from = ag.e1.notifications.length;
		expect((await ag.a1.dial(DEST)).body).toEqual({ statusCode: 0 });
		const [error] = await exactly(ag.e1, from, 1);
		expect(error).toEqual({
			channel: '/v2/me/calls',
			data: {
				errorCode: 56,
				errorMessage: `Dial to '${DEST}' failed: destination unreachable (simulated: numbers starting with 999 never connect)`,
				operationName: 'Dial',
				destination: { phoneNumber: DEST },
				phoneNumber: DEMO.agent1.dn,
				messageType: 'ErrorMessage',
			},
		});
		expect(Object.keys(error.data)).toEqual(['errorCode', 'errorMessage', 'operationName', 'destination', 'phoneNumber', 'messageType']);
		expect(sim.calls()).toEqual([]);
	});

	test.each(['SingleStepTransfer', 'SingleStepConference', 'InitiateConference', 'InitiateTransfer'])(
		'%s: the ErrorMessage names the operation, the call (callId, callUri) and the destination',
		async (operationName) => {
			const callId = await establishedA1toA2(ag);
			const before = sim.calls();
			const from = ag.e1.notifications.length;
			const from2 = ag.e2.notifications.length;
			expect((await ag.a1.op(callId, operationName, { destination: { phoneNumber: DEST } })).body).toEqual({ statusCode: 0 });
			const [error] = await exactly(ag.e1, from, 1);
			expect(error).toEqual({
				channel: '/v2/me/calls',
				data: {
					errorCode: 56,
					errorMessage: `${operationName} to '${DEST}' failed: destination unreachable (simulated: numbers starting with 999 never connect)`,
					operationName,
					callId,
					callUri: `${sim.url}/api/v2/me/calls/${callId}`,
					destination: { phoneNumber: DEST },
					phoneNumber: DEMO.agent1.dn,
					messageType: 'ErrorMessage',
				},
			});
			expect(Object.keys(error.data)).toEqual(['errorCode', 'errorMessage', 'operationName', 'callId', 'callUri', 'destination', 'phoneNumber', 'messageType']);
			await nothingMore(ag.e2, from2);
			// Nothing changed: no hold, no consult call, nobody left or joined.
			expect(sim.calls().map((c) => [c.owner, c.state, c.participants])).toEqual(before.map((c) => [c.owner, c.state, c.participants]));
		},
	);
});
