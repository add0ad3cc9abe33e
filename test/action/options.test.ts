/**
 * The node's options in real executions: wait for confirmation (over real CometD), capability pre-check,
 * include call; the transport's session handling (renewal after a GWS restart); the credential test.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { clearGwsSessions } from '../../nodes/shared/transport';
import { callRef, listSearch, runNode, testCredential } from '../helpers/n8n';
import { agent1, eventually, lastSeq, leakedSecrets, ringingCallOf } from './setup';
import { useSimulator } from '../helpers/simulator';

const sim = useSimulator();

const ringingCall = async () => await ringingCallOf(sim);

async function ok(parameters: INodeParameters) {
	const result = await runNode({ credential: agent1(sim), parameters });
	if (result.status !== 'success') throw result.error ?? new Error(result.status);
	return result.items[0];
}

const WAIT = { waitForConfirmation: true, confirmationTimeout: 5 };

describe('wait for confirmation', () => {
	it('answer outputs the call once it is Established', async () => {
		const id = await ringingCall();
		const out = await ok({
			resource: 'call',
			operation: 'answer',
			callId: callRef(id),
			options: WAIT,
		});
		expect(out).toMatchObject({
			operation: 'answer',
			statusCode: 0,
			confirmed: true,
			notification: {
				channel: '/v2/me/calls',
				messageType: 'CallStateChangeMessage',
				notificationType: 'StatusChange',
			},
			call: { id, state: 'Established' },
		});
	});

	it('hold, attach user data, recording, mute, unmute and DTMF wait for their own notification', async () => {
		const id = await ringingCall();
		await ok({ resource: 'call', operation: 'answer', callId: callRef(id), options: WAIT });
		const held = await ok({
			resource: 'call',
			operation: 'hold',
			callId: callRef(id),
			options: WAIT,
		});
		expect(held.call).toMatchObject({ state: 'Held' });
		await ok({ resource: 'call', operation: 'retrieve', callId: callRef(id), options: WAIT });
		const data = await ok({
			resource: 'call',
			operation: 'updateUserData',
			callId: callRef(id),
			userData: '{"CaseNumber": "C-1"}',
			options: WAIT,
		});
		expect(data.notification).toMatchObject({ notificationType: 'AttachedDataChanged' });
		expect((data.call as IDataObject).userData).toMatchObject({ CaseNumber: 'C-1' });
		const recording = await ok({
			resource: 'call',
			operation: 'startCallRecording',
			callId: callRef(id),
			options: WAIT,
		});
		expect(recording.call).toMatchObject({ recordingState: 'Recording' });
		// GWS offers MuteCall on conferences: conference a remote party in first.
		await ok({ resource: 'call', operation: 'singleStepConference', callId: callRef(id), destination: '5550188', options: WAIT });
		const muted = await ok({
			resource: 'call',
			operation: 'muteCall',
			callId: callRef(id),
			options: WAIT,
		});
		expect(muted.call).toMatchObject({ mute: 'On' });
		// The CallsMuteCall page's notification: StatusChange with mute On.
		expect(muted).toMatchObject({ confirmed: true, notification: { notificationType: 'StatusChange' } });
		const unmuted = await ok({ resource: 'call', operation: 'unmuteCall', callId: callRef(id), options: WAIT });
		expect(unmuted).toMatchObject({ confirmed: true, notification: { notificationType: 'StatusChange' }, call: { mute: 'Off' } });
		const dtmf = await ok({ resource: 'call', operation: 'sendDtmf', callId: callRef(id), digits: '42', options: WAIT });
		expect(dtmf).toMatchObject({ confirmed: true, notification: { notificationType: 'DtmfSent' }, call: { id } });
	});

	it('dial outputs the new call (its id is only known from the notification)', async () => {
		const out = await ok({
			resource: 'call',
			operation: 'dial',
			destination: '5550123',
			options: WAIT,
		});
		const call = out.call as IDataObject;
		expect(call.state).toBe('Dialing');
		expect(sim.calls('agent1').map((c) => c.id)).toContain(call.id);
	});

	it('agent setState waits for the device state', async () => {
		const out = await ok({
			resource: 'agent',
			operation: 'setState',
			agentState: 'AfterCallWork',
			options: WAIT,
		});
		expect(out.notification).toMatchObject({
			channel: '/v2/me/devices',
			messageType: 'DeviceStateChangeMessage',
		});
		expect(((out.devices as IDataObject[])[0].userState as IDataObject).workMode).toBe(
			'AfterCallWork',
		);
	});

	it('a missing confirmation is a clear error after the timeout', async () => {
		const id = await ringingCall();
		sim.pauseNotifications();
		try {
			const result = await runNode({
				credential: agent1(sim),
				parameters: {
					resource: 'call',
					operation: 'answer',
					callId: callRef(id),
					options: { waitForConfirmation: true, confirmationTimeout: 1 },
				},
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('GWS accepted "Answer" but did not confirm it within 1 s');
			expect(result.error?.description).toContain('StatusChange, Established');
			expect(leakedSecrets(JSON.stringify(result.run.data), 'agent1pass')).toEqual([]);
		} finally {
			sim.resumeNotifications(false);
		}
	});
});

describe('capability pre-check', () => {
	it('refuses an operation the call does not allow, naming state and allowed operations, without sending it', async () => {
		const id = await ringingCall();
		const seq = lastSeq(sim);
		const result = await runNode({
			credential: agent1(sim),
			parameters: {
				resource: 'call',
				operation: 'hold',
				callId: callRef(id),
				options: { capabilityPreCheck: true },
			},
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`"Hold" is not allowed on call "${id}" in state Ringing`);
		expect(result.error?.description).toMatch(
			/^GWS allows now: Answer, .*\. Hold is not among them/,
		);
		expect(sim.requests().filter((r) => r.seq > seq && r.method === 'POST')).toEqual([]);
	});

	it('covers recording: Start Recording is refused while the call records, allowed once it stopped', async () => {
		const id = await ringingCall();
		await ok({ resource: 'call', operation: 'answer', callId: callRef(id), options: WAIT });
		const start = { resource: 'call', operation: 'startCallRecording', callId: callRef(id), options: { capabilityPreCheck: true } };
		await ok(start);
		await eventually(
			() => sim.calls('agent1'),
			(c) => c.some((x) => x.id === id && x.recordingState === 'Recording'),
		);
		const seq = lastSeq(sim);
		const again = await runNode({ credential: agent1(sim), parameters: start });
		expect(again.error?.message).toBe(`"Start Recording" is not allowed on call "${id}" in state Established`);
		expect(again.error?.description).toMatch(/PauseCallRecording, StopCallRecording.*StartCallRecording is not among them/);
		expect(sim.requests().filter((r) => r.seq > seq && r.method === 'POST')).toEqual([]);
		await ok({ resource: 'call', operation: 'stopCallRecording', callId: callRef(id), options: WAIT });
		expect((await ok(start)).statusCode).toBe(0);
	});

	it('does not apply to Clear Call, which no GWS sample lists among capabilities', async () => {
		const id = await ringingCall();
		await ok({ resource: 'call', operation: 'answer', callId: callRef(id), options: WAIT });
		await ok({ resource: 'call', operation: 'singleStepConference', callId: callRef(id), destination: '5550177', options: WAIT });
		const seq = lastSeq(sim);
		const out = await ok({ resource: 'call', operation: 'clearCall', callId: callRef(id), options: { capabilityPreCheck: true } });
		expect(out.statusCode).toBe(0);
		// Sent without reading the call first.
		expect(sim.requests().filter((r) => r.seq > seq).map((r) => r.method)).toEqual(['POST']);
	});

	it('lets an allowed operation through', async () => {
		const id = await ringingCall();
		const out = await ok({
			resource: 'call',
			operation: 'answer',
			callId: callRef(id),
			options: { capabilityPreCheck: true },
		});
		expect(out.statusCode).toBe(0);
	});
});

describe('include call', () => {
	it('adds the call as it stands after the operation, or null once it is gone', async () => {
		const id = await ringingCall();
		const answered = await ok({
			resource: 'call',
			operation: 'answer',
			callId: callRef(id),
			options: { includeCall: true },
		});
		expect(answered.call).toMatchObject({ id, state: 'Established' });
		const hungUp = await ok({
			resource: 'call',
			operation: 'hangup',
			callId: callRef(id),
			options: { includeCall: true },
		});
		expect(hungUp).toHaveProperty('call');
		if (hungUp.call !== null) expect((hungUp.call as IDataObject).state).toBe('Released');
	});
});

describe('session', () => {
	it('logs in once, then reuses the JSESSIONID cookie and CSRF token', async () => {
		const id = await ringingCall();
		clearGwsSessions();
		const seq = lastSeq(sim);
		await ok({ resource: 'call', operation: 'answer', callId: callRef(id) });
		await ok({ resource: 'call', operation: 'hold', callId: callRef(id) });
		const sent = sim.requests().filter((r) => r.seq > seq);
		expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /api/v2/me',
			`POST /api/v2/me/calls/${id}`,
			`POST /api/v2/me/calls/${id}`,
		]);
		// The simulator logs cookie and token values redacted; that it accepted both POSTs (CSRF is on) proves
		// they were the session's.
		for (const post of sent.slice(1)) {
			expect(post.status).toBe(200);
			expect(post.headers.cookie).toBeTruthy();
			expect(post.headers['x-csrf-token']).toBeTruthy();
		}
	});

	it('renews the session once when GWS restarted (old cookie and CSRF token refused)', async () => {
		const id = await ringingCall();
		await ok({ resource: 'call', operation: 'get', callId: callRef(id) });
		await sim.stop();
		await sim.start();
		const seq = lastSeq(sim);
		const out = await ok({ resource: 'call', operation: 'answer', callId: callRef(id) });
		expect(out.statusCode).toBe(0);
		const sent = sim
			.requests()
			.filter((r) => r.seq > seq)
			.map((r) => `${r.method} ${r.path} ${r.status}`);
		expect(sent).toEqual([
			`POST /api/v2/me/calls/${id} 403`,
			'GET /api/v2/me 200',
			`POST /api/v2/me/calls/${id} 200`,
		]);
	});
});

describe('credential test', () => {
	it('OK for a working login', async () => {
		expect(await testCredential(agent1(sim))).toEqual({
			status: 'OK',
			message: `Logged in to GWS at ${sim.url} as agent1`,
		});
	});

	it('accepts a Base URL with a trailing /api/v2/', async () => {
		expect((await testCredential({ ...agent1(sim), baseUrl: `${sim.url}/api/v2/` })).status).toBe(
			'OK',
		);
	});

	it('says why: wrong password', async () => {
		const result = await testCredential({ ...agent1(sim), password: 'nope' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('check username and password');
		expect(result.message).not.toContain('nope');
	});

	it('says why: connection refused', async () => {
		const server = http.createServer();
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const port = (server.address() as AddressInfo).port;
		await new Promise((r) => server.close(r));
		const result = await testCredential({ ...agent1(sim), baseUrl: `http://127.0.0.1:${port}` });
		expect(result).toMatchObject({ status: 'Error' });
		expect(result.message).toContain(
			`Could not connect to GWS at http://127.0.0.1:${port}: the connection was refused`,
		);
	});

	it('says why: not a URL', async () => {
		const result = await testCredential({ ...agent1(sim), baseUrl: 'ftp://x' });
		expect(result).toEqual({
			status: 'Error',
			message:
				'Base URL "ftp://x" must start with http:// or https://. Set Base URL in the Genesys GWS credential to the server root, e.g. https://gws.example.com.',
		});
	});

	it('says why: not GWS (non-JSON reply)', async () => {
		sim.injectFault({ count: 1, status: 200, body: 'hello', pathPrefix: '/api/v2/me' });
		const result = await testCredential(agent1(sim));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('GWS sent a reply that is not JSON');
	});
});

describe('call picker (list search)', () => {
	it("lists the user's active calls with state, type and numbers, filtered by text", async () => {
		const a = (await sim.placeInboundCall({ to: 'agent1', from: '5551111' })).callId;
		const b = (await sim.placeInboundCall({ to: 'agent1', from: '5552222' })).callId;
		await sim.placeInboundCall({ to: 'agent2', from: '5553333' });
		const all = await listSearch('searchCalls', agent1(sim));
		expect(all.results.map((r) => r.value).sort()).toEqual([a, b].sort());
		expect(all.results.find((r) => r.value === a)?.name).toBe(`Ringing · Inbound · 5551111 (${a})`);
		const filtered = await listSearch('searchCalls', agent1(sim), '2222');
		expect(filtered.results.map((r) => r.value)).toEqual([b]);
	});
});

describe('wait for confirmation: the remaining operations match the notifications GWS sends', () => {
	async function answered(from = '5551234'): Promise<string> {
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from });
		await eventually(
			() => sim.calls('agent1'),
			(c) => c.some((x) => x.id === callId && x.state === 'Ringing'),
		);
		await ok({ resource: 'call', operation: 'answer', callId: callRef(callId), options: WAIT });
		return callId;
	}
	const waitOn = (operation: string, id: string, extra: INodeParameters = {}) =>
		ok({ resource: 'call', operation, callId: callRef(id), ...extra, options: WAIT });

	it('hangup, clearCall, reject, singleStepTransfer end in Released', async () => {
		expect((await waitOn('hangup', await answered())).call).toMatchObject({ state: 'Released' });
		// GWS offers ClearCall on conferences: conference a remote party in first.
		const conference = await answered();
		await waitOn('singleStepConference', conference, { destination: '5550188' });
		expect((await waitOn('clearCall', conference)).call).toMatchObject({ state: 'Released' });
		const queued = (await sim.placeInboundCall({ to: 'agent1', from: '5554444', viaQueue: true }))
			.callId;
		await eventually(
			() => sim.calls('agent1'),
			(c) => c.some((x) => x.id === queued),
		);
		expect((await waitOn('reject', queued)).call).toMatchObject({ state: 'Released' });
		expect(
			(await waitOn('singleStepTransfer', await answered(), { destination: '15001' })).call,
		).toMatchObject({
			state: 'Released',
		});
	});

	it('user data and recording operations', async () => {
		const id = await answered();
		const attached = await waitOn('attachUserData', id, { userData: '{"A": "1", "B": "2"}' });
		expect((attached.call as IDataObject).userData).toMatchObject({ A: '1', B: '2' });
		const pair = await waitOn('deleteUserDataPair', id, { key: 'A' });
		expect((pair.call as IDataObject).userData).not.toHaveProperty('A');
		const cleared = await waitOn('deleteUserData', id);
		expect(cleared.notification).toMatchObject({ notificationType: 'AttachedDataChanged' });
		await waitOn('startCallRecording', id);
		expect((await waitOn('pauseCallRecording', id)).call).toMatchObject({
			recordingState: 'Paused',
		});
		expect((await waitOn('resumeCallRecording', id)).call).toMatchObject({
			recordingState: 'Recording',
		});
		expect((await waitOn('stopCallRecording', id)).call).toMatchObject({
			recordingState: 'Stopped',
		});
		// GWS offers MuteCall on conferences: conference a remote party in first.
		await waitOn('singleStepConference', id, { destination: '5550188' });
		await waitOn('muteCall', id);
		expect((await waitOn('unmuteCall', id)).call).toMatchObject({ mute: 'Off' });
	});

	it('swapCalls, mergeWithOtherCall, initiateTransfer and completeTransfer', async () => {
		const first = await answered('5551111');
		await waitOn('hold', first);
		const second = await answered('5552222');
		expect((await waitOn('swapCalls', second, { otherCallUri: first })).call).toMatchObject({
			id: second,
			state: 'Held',
		});
		// GWS documents no notification for SwapCalls / MergeWithOtherCall: confirmed by reading the calls back.
		const merged = await waitOn('mergeWithOtherCall', first, { otherCallUri: second });
		expect(merged).toMatchObject({ confirmed: true, confirmedBy: { readBack: expect.any(Number) } });
		expect(merged.notification).toBeUndefined();
		const parties = ((merged.call as IDataObject).participants as IDataObject[]).map((p) => p.phoneNumber);
		expect(parties).toEqual(expect.arrayContaining(['5551111', '5552222']));
		expect(sim.calls('agent1').map((c) => c.id)).not.toContain(second);

		const consult = (await waitOn('initiateTransfer', first, { destination: '5553333' }))
			.call as IDataObject;
		expect(consult).toMatchObject({ callType: 'Consult', state: 'Dialing' });
		await eventually(
			() => sim.calls('agent1'),
			(c) => c.some((x) => x.id === consult.id && x.state === 'Established'),
		);
		const done = await waitOn('completeTransfer', String(consult.id));
		expect(done.call).toMatchObject({ id: consult.id, state: 'Released' });
	});
});
