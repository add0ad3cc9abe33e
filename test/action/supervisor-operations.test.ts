/**
 * The supervisor resource in real n8n-core executions against the simulator over real HTTP and CometD: the exact
 * request GWS received for each operation with and without its optional fields, Wait for Confirmation (the device's
 * DeviceStateChangeMessage, the monitored call's StatusChange and MonitoredUserMutedStateChange), Check
 * Capabilities First (the device's and the call's capabilities), who hears whom at each step, and bad input.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { callRef, runNode, type GwsTestCredential, type NodeResult } from '../helpers/n8n';
import { useSimulator } from '../helpers/simulator';
import { agent1, deviceOf, eventually, lastSeq, requestsSince, supervisor1 } from './setup';

const sim = useSimulator();

const WAIT = { waitForConfirmation: true, confirmationTimeout: 5 };
const CHECK = { capabilityPreCheck: true };

async function run(
	operation: string,
	params: INodeParameters = {},
	credential: GwsTestCredential = supervisor1(sim),
	resource = 'supervisor',
): Promise<NodeResult> {
	return await runNode({ credential, parameters: { resource, operation, ...params } });
}

async function ok(operation: string, params: INodeParameters = {}, credential?: GwsTestCredential): Promise<IDataObject> {
	const result = await run(operation, params, credential);
	if (result.status !== 'success') throw result.error ?? new Error(`status ${result.status}`);
	return result.items[0];
}

/** GWS requests since `since`, the logins (GET /api/v2/me) left out. */
function sent(since: number) {
	return requestsSince(sim, since).filter((r) => !(r.method === 'GET' && r.path === '/api/v2/me'));
}

const monitoringOf = (username: string) => sim.agents().find((a) => a.username === username)?.device.supervisorMonitoringState;
const callOf = (user: string, id: string) => sim.calls(user).find((c) => c.id === id);

/** agent1 answers an inbound call from 5551234; resolves once the supervisor has the monitored call too (if monitoring). */
async function agentAnswers(monitored = true): Promise<string> {
	const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
	await eventually(() => callOf('agent1', callId), (c) => c?.state === 'Ringing');
	const answer = await runNode({ credential: agent1(sim), parameters: { resource: 'call', operation: 'answer', callId: callRef(callId) } });
	expect(answer.status).toBe('success');
	await eventually(() => callOf('agent1', callId), (c) => c?.state === 'Established');
	if (monitored) await eventually(() => callOf('supervisor1', callId), (c) => c?.state === 'Established');
	return callId;
}

describe('listenIn / coach / bargeIn / cancelMonitoring on the supervisor device', () => {
	it('listenIn with only the target (a bare device id): the first device, the URI built on the Base URL, nothing else sent', async () => {
		const agent = deviceOf(sim, 'agent1');
		const own = deviceOf(sim, 'supervisor1');
		const since = lastSeq(sim);
		const item = await ok('listenIn', { targetDeviceUri: agent.id });
		expect(sent(since)).toEqual([
			{ method: 'GET', path: '/api/v2/me/devices', body: undefined },
			{ method: 'POST', path: `/api/v2/me/devices/${own.id}`, body: { operationName: 'ListenIn', targetDeviceUri: agent.uri } },
		]);
		expect(item).toMatchObject({ operation: 'listenIn', operationName: 'ListenIn', statusCode: 0 });
		// GWS's defaults: AllCalls, Call.
		expect(monitoringOf('supervisor1')).toEqual({ state: 'ListenIn', mode: 'AllCalls', scope: 'Call', targetDeviceUri: agent.uri });
	});

	it('listenIn with every optional field, the target as a call\'s deviceUri, the device given', async () => {
		const agent = deviceOf(sim, 'agent1');
		const own = deviceOf(sim, 'supervisor1');
		const since = lastSeq(sim);
		await ok('listenIn', {
			deviceId: own.id,
			targetDeviceUri: agent.uri,
			supervisorMonitoringScope: 'Agent',
			supervisorMonitoringMode: 'NextCall',
			phoneNumber: '15000',
		});
		expect(sent(since)).toEqual([
			{
				method: 'POST',
				path: `/api/v2/me/devices/${own.id}`,
				body: {
					operationName: 'ListenIn',
					targetDeviceUri: agent.uri,
					supervisorMonitoringScope: 'Agent',
					supervisorMonitoringMode: 'NextCall',
					phoneNumber: '15000',
				},
			},
		]);
		expect(monitoringOf('supervisor1')).toEqual({ state: 'ListenIn', mode: 'NextCall', scope: 'Agent', targetDeviceUri: agent.uri });
	});

	it.each([
		['coach', 'Coach'],
		['bargeIn', 'BargeIn'],
		['listenIn', 'ListenIn'],
	])('%s with Wait for Confirmation and Check Capabilities First: confirmed by the device showing %s on the target', async (operation, state) => {
		const agent = deviceOf(sim, 'agent1');
		const own = deviceOf(sim, 'supervisor1');
		const since = lastSeq(sim);
		const item = await ok(operation, {
			targetDeviceUri: agent.uri,
			supervisorMonitoringMode: 'AllCalls',
			options: { ...WAIT, ...CHECK },
		});
		// One read of the devices serves both the first device and the capability check.
		expect(sent(since)).toEqual([
			{ method: 'GET', path: '/api/v2/me/devices', body: undefined },
			{
				method: 'POST',
				path: `/api/v2/me/devices/${own.id}`,
				body: { operationName: state, targetDeviceUri: agent.uri, supervisorMonitoringMode: 'AllCalls' },
			},
		]);
		expect(item).toMatchObject({
			confirmed: true,
			notification: { channel: '/v2/me/devices', messageType: 'DeviceStateChangeMessage' },
		});
		const [device] = item.devices as IDataObject[];
		expect(device).toMatchObject({ id: own.id, supervisorMonitoringState: { state, mode: 'AllCalls', targetDeviceUri: agent.uri } });
		expect(device.capabilities).toContain('CancelSupervisorMonitoring');
	});

	it('cancelMonitoring sends only its operationName, confirmed by the device without supervisorMonitoringState', async () => {
		await ok('listenIn', { targetDeviceUri: deviceOf(sim, 'agent1').id });
		const own = deviceOf(sim, 'supervisor1');
		const since = lastSeq(sim);
		const item = await ok('cancelMonitoring', { deviceId: own.id, options: { ...WAIT, ...CHECK } });
		expect(sent(since).filter((r) => r.method === 'POST')).toEqual([
			{ method: 'POST', path: `/api/v2/me/devices/${own.id}`, body: { operationName: 'CancelSupervisorMonitoring' } },
		]);
		expect(item.confirmed).toBe(true);
		expect((item.devices as IDataObject[])[0].supervisorMonitoringState).toBeUndefined();
		expect(monitoringOf('supervisor1')).toBeUndefined();
	});

	it('Check Capabilities First refuses, without sending, what the device does not list: Cancel while not monitoring, Listen In by an agent', async () => {
		const since = lastSeq(sim);
		const cancel = await run('cancelMonitoring', { options: CHECK });
		expect(cancel.status).toBe('error');
		expect(cancel.error?.message).toBe(`"Cancel Monitoring" is not allowed on device "${deviceOf(sim, 'supervisor1').id}" now`);
		expect(cancel.error?.description).toBe(
			'GWS allows now: DoNotDisturbOn, ForwardCallsOn, ListenIn, Coach, BargeIn. CancelSupervisorMonitoring is not among them, so the request was not sent.',
		);
		const byAgent = await run('listenIn', { targetDeviceUri: deviceOf(sim, 'agent2').id, options: CHECK }, agent1(sim));
		expect(byAgent.status).toBe('error');
		expect(byAgent.error?.message).toMatch(/^"Listen In" is not allowed on device ".+" now$/);
		expect(sent(since).filter((r) => r.method === 'POST')).toEqual([]);
	});

	it('Check Capabilities First with a Device ID that is not the user\'s: refused naming the devices GWS lists', async () => {
		const since = lastSeq(sim);
		const result = await run('listenIn', { deviceId: 'not-my-device', targetDeviceUri: deviceOf(sim, 'agent1').id, options: CHECK });
		expect(result.error?.message).toBe('Device "not-my-device" is not one of your devices');
		expect(result.error?.description).toContain(deviceOf(sim, 'supervisor1').id);
		expect(sent(since).filter((r) => r.method === 'POST')).toEqual([]);
	});

	it('without the check, GWS refuses a non-supervisor (HTTP 403, statusCode 5) and the node says so', async () => {
		const result = await run('listenIn', { targetDeviceUri: deviceOf(sim, 'agent2').id }, agent1(sim));
		expect(result.status).toBe('error');
		expect(`${result.error?.message} ${result.error?.description}`).toMatch(/supervisor/);
	});
});

describe('a monitored call: who hears whom, switching, muting the agent', () => {
	it('ListenIn NextCall: the call reaches the supervisor silently; Switch to Barge In, back to Listen In, Mute and Unmute the agent', async () => {
		await ok('listenIn', { targetDeviceUri: deviceOf(sim, 'agent1').uri, supervisorMonitoringMode: 'NextCall', options: WAIT });
		const callId = await agentAnswers();
		// Silent: nobody hears the supervisor, who hears both; the agent is heard by the caller and the supervisor.
		expect(callOf('supervisor1', callId)).toMatchObject({ mute: 'On', heardBy: [], monitoring: { mode: 'ListenIn', monitoredUser: 'agent1' } });
		expect(callOf('agent1', callId)?.heardBy).toEqual(['5551234', '15002']);
		expect(callOf('agent1', callId)?.participants).toEqual(['5551234']);

		let since = lastSeq(sim);
		const barge = await ok('switchToBargeIn', { callId: callRef(callId), options: { ...WAIT, ...CHECK } });
		expect(sent(since)).toEqual([
			{ method: 'GET', path: `/api/v2/me/calls/${callId}`, body: undefined },
			{ method: 'POST', path: `/api/v2/me/calls/${callId}`, body: { operationName: 'SwitchToBargeIn' } },
		]);
		expect(barge).toMatchObject({ confirmed: true, notification: { notificationType: 'StatusChange' }, call: { id: callId, mute: 'Off' } });
		expect((barge.call as IDataObject).capabilities).toContain('SwitchToListenIn');
		expect(callOf('supervisor1', callId)?.heardBy).toEqual(['5551234', '15000']);

		since = lastSeq(sim);
		const listen = await ok('switchToListenIn', { callId: callRef(callId), options: WAIT });
		expect(sent(since)).toEqual([{ method: 'POST', path: `/api/v2/me/calls/${callId}`, body: { operationName: 'SwitchToListenIn' } }]);
		expect(listen).toMatchObject({ confirmed: true, call: { id: callId, mute: 'On' } });
		expect(callOf('supervisor1', callId)?.heardBy).toEqual([]);

		since = lastSeq(sim);
		const mute = await ok('muteMonitoredUser', { callId: callRef(callId), options: WAIT });
		expect(sent(since)).toEqual([{ method: 'POST', path: `/api/v2/me/calls/${callId}`, body: { operationName: 'MuteMonitoredUser' } }]);
		expect(mute).toMatchObject({
			confirmed: true,
			notification: { notificationType: 'MonitoredUserMutedStateChange' },
			call: { id: callId, monitoredUserMuted: true },
		});
		// The supervisor takes over: the agent is heard only by the supervisor.
		expect(callOf('agent1', callId)?.heardBy).toEqual(['15002']);

		since = lastSeq(sim);
		const unmute = await ok('unmuteMonitoredUser', { callId: callRef(callId), options: WAIT });
		expect(sent(since)).toEqual([{ method: 'POST', path: `/api/v2/me/calls/${callId}`, body: { operationName: 'UnmuteMonitoredUser' } }]);
		expect(unmute).toMatchObject({ confirmed: true, call: { monitoredUserMuted: false } });
		expect(callOf('agent1', callId)?.heardBy).toEqual(['5551234', '15002']);
	});

	it('without Wait for Confirmation each operation answers GWS\'s statusCode (and Include Call adds the call)', async () => {
		await ok('coach', { targetDeviceUri: deviceOf(sim, 'agent1').id });
		const callId = await agentAnswers();
		expect(callOf('supervisor1', callId)?.heardBy).toEqual(['15000']); // a coach: only the agent hears them
		const item = await ok('switchToBargeIn', { callId: callRef(callId), options: { includeCall: true } });
		expect(item).toMatchObject({ operation: 'switchToBargeIn', operationName: 'SwitchToBargeIn', statusCode: 0, callId });
		expect(item.call).toMatchObject({ id: callId, mute: 'Off' });
		await eventually(() => callOf('supervisor1', callId), (c) => c?.heardBy?.length === 2);
	});

	it('Check Capabilities First refuses Switch to Listen In while listening in (the call offers Switch to Barge In), without sending', async () => {
		await ok('listenIn', { targetDeviceUri: deviceOf(sim, 'agent1').id });
		const callId = await agentAnswers();
		const since = lastSeq(sim);
		const result = await run('switchToListenIn', { callId: callRef(callId), options: CHECK });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`"Switch to Listen In" is not allowed on call "${callId}" in state Established`);
		expect(result.error?.description).toContain('SwitchToBargeIn');
		expect(sent(since).filter((r) => r.method === 'POST')).toEqual([]);
	});

	it('Mute Monitored User is sent with Check Capabilities First on (GWS accepts it although no call lists it)', async () => {
		await ok('bargeIn', { targetDeviceUri: deviceOf(sim, 'agent1').id });
		const callId = await agentAnswers();
		const since = lastSeq(sim);
		const item = await ok('muteMonitoredUser', { callId: callRef(callId), options: CHECK });
		expect(item.statusCode).toBe(0);
		expect(sent(since)).toEqual([{ method: 'POST', path: `/api/v2/me/calls/${callId}`, body: { operationName: 'MuteMonitoredUser' } }]);
		await eventually(() => callOf('agent1', callId), (c) => c?.monitoredUserMuted === true);
	});
});

describe('bad input is refused before any request, naming the parameter', () => {
	const cases: Array<[string, INodeParameters, RegExp]> = [
		['a target with a path that is no device', { targetDeviceUri: 'calls/abc' }, /^Parameter "Target Device" of "Listen In" is neither a device URI nor a device ID: "calls\/abc"$/],
		['a call URI as target', { targetDeviceUri: 'http://gws.example.com/api/v2/me/calls/abc' }, /^Parameter "Target Device" of "Listen In" is not a device URI: /],
		['a target that is empty', { targetDeviceUri: '  ' }, /^Parameter "Target Device" is required for "Listen In" but is empty$/],
		['a scope outside the list', { targetDeviceUri: 'dev-1', supervisorMonitoringScope: 'Everyone' }, /^Parameter "Monitoring Scope" has an unknown value "Everyone"$/],
		['a mode outside the list', { targetDeviceUri: 'dev-1', supervisorMonitoringMode: 'Once' }, /^Parameter "Monitoring Mode" has an unknown value "Once"$/],
		['a target id of "..', { targetDeviceUri: '..' }, /^Parameter "Target Device" of "Listen In" cannot be "\.\."/],
	];
	it.each(cases)('%s', async (_label, params, message) => {
		const since = lastSeq(sim);
		const result = await run('listenIn', params);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toEqual(expect.any(String));
		expect(sent(since)).toEqual([]);
	});

	it('the description of a wrong target says what to give, and lists the allowed scopes', async () => {
		const target = await run('listenIn', { targetDeviceUri: 'a/b' });
		expect(target.error?.description).toContain('{{ $json.call.deviceUri }}');
		const scope = await run('coach', { targetDeviceUri: 'dev-1', supervisorMonitoringScope: 'agent' });
		expect(scope.error?.description).toBe('Use one of: Agent, Call.');
	});
});
