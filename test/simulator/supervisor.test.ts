/**
 * Supervisor monitoring (docs/FIDELITY.md, "Supervisor monitoring"; the SupervisorListenIn / Coach / BargeIn /
 * CancelMonitoring / SwitchToListenIn / SwitchToBargeIn / MuteMonitoredUser pages), notification by notification
 * over real HTTP and CometD: the device's supervisorMonitoringState, the monitored calls delivered to the
 * supervisor, who sees and hears whom per mode, NextCall, the scopes, the switch rules and muting the agent.
 */
import { startTestSimulator } from '../helpers/simulator';
import switchToListenInPage from './fixtures/SupervisorSwitchToListenIn.json';
import { DEMO } from '../helpers/users';
import { GwsRestClient } from './helpers';
import { answeredInbound, deviceOp, exactly, isCall, drain, nothingMore, useLoggedInAgents } from './flows';

const { sim, ag } = useLoggedInAgents();
let target: string;

beforeAll(async () => {
	target = `${sim.url}/api/v2/devices/${await ag.a1.deviceId()}`;
});

/**
 * The monitoring sample's list (SupervisorSwitchToBargeIn: BargeIn); ListenIn offers SwitchToBargeIn in its place,
 * Coach both (docs/FIDELITY.md M10).
 */
const monitorCaps = (...switchTo: Array<'SwitchToListenIn' | 'SwitchToBargeIn'>) => [
	'AttachUserData',
	'InitiateConference',
	'UpdateUserData',
	'Hold',
	'SingleStepTransfer',
	'DeleteUserData',
	'SingleStepConference',
	'Hangup',
	'DeleteUserDataPair',
	'SendDtmf',
	'InitiateTransfer',
	...switchTo,
	'RemoveParticipantFromConference',
];
/** The fields of the supervisor's leg, in order, as the SupervisorSwitchToListenin sample prints them. */
const SUPERVISOR_LEG_KEYS = Object.keys(switchToListenInPage.notifications[0].data.call);
const numbers = (call: { participants: Array<{ phoneNumber: string }> }) => call.participants.map((p) => p.phoneNumber);
const snapshot = (user: string, callId: string) => sim.calls(user).find((c) => c.id === callId);

/** The supervisor sets monitoring on their device; returns the one device notification it causes. */
async function monitor(operationName: 'ListenIn' | 'Coach' | 'BargeIn', params: Record<string, unknown> = {}) {
	const from = ag.eSup.notifications.length;
	const reply = await deviceOp(ag.sup, operationName, { targetDeviceUri: target, ...params });
	expect(reply.body).toEqual({ statusCode: 0 });
	const [n] = await exactly(ag.eSup, from, 1);
	expect(n.channel).toBe('/v2/me/devices');
	return n.data.devices[0];
}

/** agent1 answers an inbound call while monitored: returns the call id and the supervisor's one notification. */
async function monitoredCall(from = '5551234') {
	const fromSup = ag.eSup.notifications.length;
	const callId = await answeredInbound(ag, 'agent1', from);
	const [delivered] = await exactly(ag.eSup, fromSup, 1);
	return { callId, delivered };
}

describe('the device: ListenIn / Coach / BargeIn / CancelSupervisorMonitoring', () => {
	test('ListenIn with the defaults: supervisorMonitoringState {ListenIn, AllCalls, Call, targetDeviceUri}, CancelSupervisorMonitoring listed', async () => {
		const device = await monitor('ListenIn');
		expect(Object.keys(device)).toEqual(['id', 'deviceState', 'userState', 'phoneNumber', 'e164Number', 'telephonyNetwork', 'doNotDisturb', 'voiceEnvironmentUri', 'capabilities', 'supervisorMonitoringState']);
		expect(device.capabilities).toEqual(['DoNotDisturbOn', 'ForwardCallsOn', 'ListenIn', 'Coach', 'BargeIn', 'CancelSupervisorMonitoring']);
		expect(device.supervisorMonitoringState).toEqual({ state: 'ListenIn', mode: 'AllCalls', scope: 'Call', targetDeviceUri: target });
		expect(device.phoneNumber).toBe(DEMO.supervisor1.dn);
	});

	test('with DND on, the capabilities are exactly the SupervisorListenIn sample\'s', async () => {
		const dndOn = ag.eSup.waitFor((n) => n.data.devices?.[0].doNotDisturb === 'On');
		await deviceOp(ag.sup, 'DoNotDisturbOn');
		await dndOn;
		const device = await monitor('ListenIn');
		expect(device.capabilities).toEqual(['ForwardCallsOn', 'DoNotDisturbOff', 'ListenIn', 'Coach', 'BargeIn', 'CancelSupervisorMonitoring']);
		expect(device.doNotDisturb).toBe('On');
	});

	test('Coach and BargeIn with every optional field (scope Agent, mode NextCall, phoneNumber); a new one replaces the old', async () => {
		const coach = await monitor('Coach', { supervisorMonitoringScope: 'Agent', supervisorMonitoringMode: 'NextCall', phoneNumber: DEMO.agent1.dn });
		expect(coach.supervisorMonitoringState).toEqual({ state: 'Coach', mode: 'NextCall', scope: 'Agent', targetDeviceUri: target });
		const bargeIn = await monitor('BargeIn', { supervisorMonitoringScope: 'Call', supervisorMonitoringMode: 'AllCalls' });
		expect(bargeIn.supervisorMonitoringState).toEqual({ state: 'BargeIn', mode: 'AllCalls', scope: 'Call', targetDeviceUri: target });
		// A device path instead of the full URI names the same device.
		const byPath = await monitor('ListenIn', { targetDeviceUri: `/api/v2/devices/${await ag.a1.deviceId()}` });
		expect(byPath.supervisorMonitoringState.targetDeviceUri).toBe(target);
		expect(sim.agents().find((a) => a.username === 'supervisor1')?.monitoring).toEqual({ target: 'agent1', state: 'ListenIn', mode: 'AllCalls', scope: 'Call' });
	});

	test('CancelSupervisorMonitoring removes supervisorMonitoringState and its capability; refused when not monitoring', async () => {
		await monitor('ListenIn');
		const from = ag.eSup.notifications.length;
		expect((await deviceOp(ag.sup, 'CancelSupervisorMonitoring')).body).toEqual({ statusCode: 0 });
		const [n] = await exactly(ag.eSup, from, 1);
		expect(n.data.devices[0]).not.toHaveProperty('supervisorMonitoringState');
		expect(n.data.devices[0].capabilities).toEqual(['DoNotDisturbOn', 'ForwardCallsOn', 'ListenIn', 'Coach', 'BargeIn']);
		const again = await deviceOp(ag.sup, 'CancelSupervisorMonitoring');
		expect([again.status, again.body.statusCode]).toEqual([409, 2]);
		expect(again.body.statusMessage).toContain("Operation 'CancelSupervisorMonitoring' is not allowed for device");
	});

	test('CancelSupervisorMonitoring or EndContactCenterSession during a monitored call: the supervisor stays on that call; the next call is not delivered', async () => {
		await monitor('Coach');
		const { callId } = await monitoredCall();
		const from = ag.eSup.notifications.length;
		await deviceOp(ag.sup, 'CancelSupervisorMonitoring');
		await exactly(ag.eSup, from, 1);
		expect(snapshot('supervisor1', callId)?.monitoring?.mode).toBe('Coach');
		await ag.a1.op(callId, 'Hangup');
		await ag.e1.waitFor(isCall('Released', callId), 3000, 0);
		// The supervisor's leg is released too, and its notification may come after the agent's: wait for it, so that
		// "nothing more" below is about the next call only.
		await ag.eSup.waitFor(isCall('Released', callId), 3000, from);
		const fromNext = ag.eSup.notifications.length;
		await answeredInbound(ag, 'agent1', '5550009');
		await nothingMore(ag.eSup, fromNext);
		// Logging out ends monitoring too (the device loses supervisorMonitoringState in the logout notification).
		await monitor('ListenIn');
		const fromOut = ag.eSup.notifications.length;
		await ag.sup.post('/api/v2/me', { operationName: 'EndContactCenterSession' });
		const [out] = await exactly(ag.eSup, fromOut, 1);
		expect(out.data.devices[0].userState.state).toBe('LoggedOut');
		expect(out.data.devices[0]).not.toHaveProperty('supervisorMonitoringState');
		await ag.sup.login();
	});

	test('refusals: not a supervisor, missing/malformed/unknown/own target, bad scope, mode or phoneNumber', async () => {
		const agent = await deviceOp(ag.a2, 'ListenIn', { targetDeviceUri: target });
		expect([agent.status, agent.body]).toEqual([403, { statusCode: 5, statusMessage: "Operation 'ListenIn' needs the supervisor role; user 'agent2' has roles: agent" }]);
		expect((await deviceOp(ag.a2, 'CancelSupervisorMonitoring')).status).toBe(403);
		const missing = await deviceOp(ag.sup, 'Coach');
		expect([missing.status, missing.body.statusCode]).toEqual([400, 1]);
		expect(missing.body.statusMessage).toContain("Missing required parameter 'targetDeviceUri'");
		const malformed = await deviceOp(ag.sup, 'Coach', { targetDeviceUri: 'agent1' });
		expect([malformed.status, malformed.body.statusCode]).toEqual([400, 10]);
		expect(malformed.body.statusMessage).toContain("Invalid parameter 'targetDeviceUri': \"agent1\"");
		const unknown = await deviceOp(ag.sup, 'Coach', { targetDeviceUri: `${sim.url}/api/v2/devices/nope` });
		expect([unknown.status, unknown.body.statusCode]).toEqual([404, 6]);
		expect(unknown.body.statusMessage).toContain("targetDeviceUri: device 'nope' not found");
		const own = await deviceOp(ag.sup, 'BargeIn', { targetDeviceUri: `${sim.url}/api/v2/devices/${await ag.sup.deviceId()}` });
		expect([own.status, own.body.statusCode]).toEqual([400, 10]);
		expect(own.body.statusMessage).toContain('a supervisor cannot monitor their own device');
		const scope = await deviceOp(ag.sup, 'ListenIn', { targetDeviceUri: target, supervisorMonitoringScope: 'Team' });
		expect(scope.body).toEqual({ statusCode: 10, statusMessage: 'Invalid parameter \'supervisorMonitoringScope\': "Team" is not valid; expected "Agent" or "Call" (default "Call")' });
		const mode = await deviceOp(ag.sup, 'ListenIn', { targetDeviceUri: target, supervisorMonitoringMode: 'nextcall' });
		expect(mode.body).toEqual({ statusCode: 10, statusMessage: 'Invalid parameter \'supervisorMonitoringMode\': "nextcall" is not valid; expected "NextCall" or "AllCalls" (default "AllCalls")' });
		const phone = await deviceOp(ag.sup, 'ListenIn', { targetDeviceUri: target, phoneNumber: '15001' });
		expect(phone.body.statusMessage).toContain('the monitored device\'s number "15000"');
		// Nothing was set by any of them.
		expect((await ag.sup.get('/api/v2/me/devices?fields=*')).body.devices[0]).not.toHaveProperty('supervisorMonitoringState');
	});

	test('a logged-out supervisor cannot start monitoring (statusCode 2, StartContactCenterSession named)', async () => {
		const out = await startTestSimulator({ agentsLoggedOut: true });
		try {
			const sup = new GwsRestClient(out.url, 'supervisor1', 'supervisor1pass');
			await sup.login();
			const agent1 = new GwsRestClient(out.url, 'agent1', 'agent1pass');
			const reply = await deviceOp(sup, 'ListenIn', { targetDeviceUri: `${out.url}/api/v2/devices/${await agent1.deviceId()}` });
			expect([reply.status, reply.body.statusCode]).toEqual([409, 2]);
			expect(reply.body.statusMessage).toContain('StartContactCenterSession');
		} finally {
			await out.close();
		}
	});
});

describe('monitored calls on the supervisor\'s /v2/me/calls, and who hears whom', () => {
	test('ListenIn: StatusChange Established with mute On, SwitchToBargeIn, the fields of the vendor sample (no monitoring, no recordingState); the agent sees nothing, their own call shows supervisorListeningIn; nobody hears the supervisor', async () => {
		await monitor('ListenIn');
		const from1 = ag.e1.notifications.length;
		const { callId, delivered } = await monitoredCall();
		expect(Object.keys(delivered.data.call)).toEqual(SUPERVISOR_LEG_KEYS);
		expect(delivered.data).toEqual({
			notificationType: 'StatusChange',
			call: expect.objectContaining({
				id: callId,
				state: 'Established',
				callType: 'Internal',
				capabilities: monitorCaps('SwitchToBargeIn'),
				mute: 'On',
				supervisorListeningIn: false,
				monitoredUserMuted: false,
			}),
			phoneNumber: DEMO.supervisor1.dn,
			extensions: { WrapUpTime: 0, BusinessCall: 0 },
			messageType: 'CallStateChangeMessage',
		});
		expect(numbers(delivered.data.call)).toEqual([DEMO.agent1.dn, '5551234']);
		// agent1: Ringing and Established of their own call, nothing about the supervisor.
		const got = await exactly(ag.e1, from1, 2);
		expect(got.map((n) => n.data.call.state)).toEqual(['Ringing', 'Established']);
		expect(numbers(got[1].data.call)).toEqual(['5551234']);
		// The agent's own call, read back: a supervisor listens in (the CallResource 8.5.2 sample), `monitoring` false.
		expect((await ag.a1.get(`/api/v2/me/calls/${callId}`)).body.call).toMatchObject({ supervisorListeningIn: true, monitoring: false });
		expect(snapshot('supervisor1', callId)).toMatchObject({ heardBy: [], monitoring: { mode: 'ListenIn', scope: 'Call', monitoredUser: 'agent1', monitoredUserMuted: false } });
		expect(snapshot('agent1', callId)?.heardBy).toEqual(['5551234', DEMO.supervisor1.dn]);
		expect(snapshot('agent1', callId)?.capabilities).not.toContain('MuteCall');
	});

	test('Coach: mute Off, SwitchToListenIn and SwitchToBargeIn; only the agent sees (ParticipantsUpdated) and hears the supervisor', async () => {
		await monitor('Coach');
		const from1 = ag.e1.notifications.length;
		const { callId, delivered } = await monitoredCall();
		expect(delivered.data.call).toMatchObject({ mute: 'Off', supervisorListeningIn: false, capabilities: monitorCaps('SwitchToListenIn', 'SwitchToBargeIn') });
		expect(delivered.data.call).not.toHaveProperty('monitoring');
		const got = await exactly(ag.e1, from1, 3);
		expect(got.map((n) => [n.data.notificationType, n.data.call.state])).toEqual([['StatusChange', 'Ringing'], ['StatusChange', 'Established'], ['ParticipantsUpdated', 'Established']]);
		expect(numbers(got[2].data.call)).toEqual([DEMO.supervisor1.dn, '5551234']);
		expect(snapshot('supervisor1', callId)?.heardBy).toEqual([DEMO.agent1.dn]);
		expect(snapshot('agent1', callId)?.heardBy).toEqual(['5551234', DEMO.supervisor1.dn]);
	});

	test('BargeIn: the supervisor\'s call as the SupervisorSwitchToBargeIn sample (mute Off, SwitchToListenIn); everybody sees and hears them', async () => {
		await monitor('BargeIn');
		const from1 = ag.e1.notifications.length;
		const { callId, delivered } = await monitoredCall();
		expect(delivered.data.call).toMatchObject({ state: 'Established', callType: 'Internal', mute: 'Off', supervisorListeningIn: false, monitoredUserMuted: false, capabilities: monitorCaps('SwitchToListenIn') });
		expect(delivered.data.extensions).toEqual({ WrapUpTime: 0, BusinessCall: 0 });
		const got = await exactly(ag.e1, from1, 3);
		expect(got[2].data.notificationType).toBe('ParticipantsUpdated');
		expect(numbers(got[2].data.call)).toEqual([DEMO.supervisor1.dn, '5551234']);
		// Three parties from the agent's side: a conference.
		expect(got[2].data.call.capabilities).toEqual(expect.arrayContaining(['RemoveParticipantFromConference', 'MuteCall']));
		expect(snapshot('supervisor1', callId)?.heardBy).toEqual(['5551234', DEMO.agent1.dn]);
	});

	test('BargeIn while the agent is on a call: the supervisor is added to it at once (the SupervisorBargeIn page); ListenIn and Coach wait for the next call', async () => {
		const callId = await answeredInbound(ag, 'agent1', '5550011');
		for (const mode of ['ListenIn', 'Coach'] as const) {
			await monitor(mode);
			// Only the device notification (monitor() took it): the call in progress is not joined.
			await nothingMore(ag.eSup, ag.eSup.notifications.length);
		}
		const from1 = ag.e1.notifications.length;
		const fromSup = ag.eSup.notifications.length;
		expect((await deviceOp(ag.sup, 'BargeIn', { targetDeviceUri: target })).body).toEqual({ statusCode: 0 });
		const [device, joined] = await exactly(ag.eSup, fromSup, 2);
		expect(device.channel).toBe('/v2/me/devices');
		expect(joined.data).toMatchObject({ notificationType: 'StatusChange', call: { id: callId, state: 'Established', mute: 'Off', capabilities: monitorCaps('SwitchToListenIn') } });
		const [sees] = await exactly(ag.e1, from1, 1);
		expect([sees.data.notificationType, numbers(sees.data.call)]).toEqual(['ParticipantsUpdated', [DEMO.supervisor1.dn, '5550011']]);
		expect(snapshot('supervisor1', callId)?.heardBy).toEqual(['5550011', DEMO.agent1.dn]);
	});

	test('AllCalls: each call of the agent is delivered; a call already Established when monitoring starts is not, nor a Retrieve', async () => {
		const before = await answeredInbound(ag, 'agent1', '5550001');
		await monitor('ListenIn');
		const fromSup = ag.eSup.notifications.length;
		await ag.a1.op(before, 'Hold');
		await ag.a1.op(before, 'Retrieve');
		await nothingMore(ag.eSup, fromSup);
		await ag.a1.op(before, 'Hangup');
		const first = await monitoredCall('5550002');
		const released = ag.eSup.waitFor(isCall('Released', first.callId));
		await sim.remoteHangup(first.callId);
		await released;
		const second = await monitoredCall('5550003');
		expect(second.delivered.data.call.id).toBe(second.callId);
		expect((await ag.sup.get('/api/v2/me/devices?fields=*')).body.devices[0].supervisorMonitoringState.mode).toBe('AllCalls');
	});

	test('NextCall: one call is delivered; when the supervisor\'s leg on it ends, monitoring ends (device notification), and the next call is not delivered', async () => {
		await monitor('ListenIn', { supervisorMonitoringMode: 'NextCall' });
		const { callId } = await monitoredCall();
		const fromSup = ag.eSup.notifications.length;
		await sim.remoteHangup(callId);
		const [released, device] = await exactly(ag.eSup, fromSup, 2);
		expect(released.data.call).toMatchObject({ id: callId, state: 'Released', capabilities: [] });
		expect(device.channel).toBe('/v2/me/devices');
		expect(device.data.devices[0]).not.toHaveProperty('supervisorMonitoringState');
		expect(device.data.devices[0].capabilities).not.toContain('CancelSupervisorMonitoring');
		const fromNext = ag.eSup.notifications.length;
		await answeredInbound(ag, 'agent1', '5550009');
		await nothingMore(ag.eSup, fromNext);
	});

	test('the caller hangs up: the agent and the supervisor are both Released', async () => {
		await monitor('BargeIn');
		const { callId } = await monitoredCall();
		const fromSup = ag.eSup.notifications.length;
		const from1 = ag.e1.notifications.length;
		await sim.remoteHangup(callId);
		expect((await exactly(ag.e1, from1, 1))[0].data.call.state).toBe('Released');
		expect((await exactly(ag.eSup, fromSup, 1))[0].data.call.state).toBe('Released');
		expect(sim.calls()).toEqual([]);
	});

	test('the supervisor hangs up their monitoring leg: only they leave; the agent gets ParticipantsUpdated only if they saw them', async () => {
		for (const [mode, agentSees] of [['ListenIn', false], ['BargeIn', true]] as const) {
			await drain(ag);
			await sim.reset();
			await monitor(mode);
			const { callId } = await monitoredCall();
			const from1 = ag.e1.notifications.length;
			const released = ag.eSup.waitFor(isCall('Released', callId));
			expect((await ag.sup.op(callId, 'Hangup')).body).toEqual({ statusCode: 0 });
			await released;
			if (agentSees) {
				const [n] = await exactly(ag.e1, from1, 1);
				expect(n.data.notificationType).toBe('ParticipantsUpdated');
				expect(numbers(n.data.call)).toEqual(['5551234']);
			} else {
				await nothingMore(ag.e1, from1);
			}
			expect(snapshot('agent1', callId)).toMatchObject({ state: 'Established', heardBy: ['5551234'] });
		}
	});
});

describe('switching modes and muting the agent', () => {
	test('ListenIn -> SwitchToBargeIn -> SwitchToListenIn: StatusChange to the supervisor (mute Off / On), ParticipantsUpdated to the agent', async () => {
		await monitor('ListenIn');
		const { callId } = await monitoredCall();
		const refused = await ag.sup.op(callId, 'SwitchToListenIn');
		expect([refused.status, refused.body.statusCode]).toEqual([409, 2]);
		expect(refused.body.statusMessage).toContain(`allowed: ${monitorCaps('SwitchToBargeIn').join(', ')}`);

		let fromSup = ag.eSup.notifications.length;
		let from1 = ag.e1.notifications.length;
		expect((await ag.sup.op(callId, 'SwitchToBargeIn')).body).toEqual({ statusCode: 0 });
		const [barged] = await exactly(ag.eSup, fromSup, 1);
		expect(barged.data).toMatchObject({ notificationType: 'StatusChange', call: { state: 'Established', mute: 'Off', supervisorListeningIn: false, monitoredUserMuted: false, capabilities: monitorCaps('SwitchToListenIn') } });
		const [sees] = await exactly(ag.e1, from1, 1);
		expect([sees.data.notificationType, numbers(sees.data.call)]).toEqual(['ParticipantsUpdated', [DEMO.supervisor1.dn, '5551234']]);
		expect(snapshot('supervisor1', callId)?.heardBy).toEqual(['5551234', DEMO.agent1.dn]);
		expect((await ag.sup.op(callId, 'SwitchToBargeIn')).status).toBe(409);

		fromSup = ag.eSup.notifications.length;
		from1 = ag.e1.notifications.length;
		expect((await ag.sup.op(callId, 'SwitchToListenIn')).body).toEqual({ statusCode: 0 });
		const [silent] = await exactly(ag.eSup, fromSup, 1);
		expect(silent.data.call).toMatchObject({ mute: 'On', supervisorListeningIn: false, capabilities: monitorCaps('SwitchToBargeIn') });
		const [gone] = await exactly(ag.e1, from1, 1);
		expect(numbers(gone.data.call)).toEqual(['5551234']);
		expect(snapshot('supervisor1', callId)?.heardBy).toEqual([]);
	});

	test('Coach offers both switches (the SwitchToListenin page: Coach -> ListenIn); from ListenIn only BargeIn, and nothing returns to Coach', async () => {
		await monitor('Coach');
		const { callId } = await monitoredCall();
		let fromSup = ag.eSup.notifications.length;
		expect((await ag.sup.op(callId, 'SwitchToListenIn')).body).toEqual({ statusCode: 0 });
		const [silent] = await exactly(ag.eSup, fromSup, 1);
		expect(silent.data.call).toMatchObject({ mute: 'On', capabilities: monitorCaps('SwitchToBargeIn') });
		expect(snapshot('supervisor1', callId)).toMatchObject({ heardBy: [], monitoring: { mode: 'ListenIn' } });
		expect((await ag.sup.op(callId, 'SwitchToListenIn')).status).toBe(409);
		fromSup = ag.eSup.notifications.length;
		expect((await ag.sup.op(callId, 'SwitchToBargeIn')).body).toEqual({ statusCode: 0 });
		expect((await exactly(ag.eSup, fromSup, 1))[0].data.call.capabilities).toEqual(monitorCaps('SwitchToListenIn'));
		expect(snapshot('supervisor1', callId)?.monitoring?.mode).toBe('BargeIn');
		const unknown = await ag.sup.op(callId, 'SwitchToCoach');
		expect([unknown.status, unknown.body.statusCode]).toEqual([400, 10]);
	});

	test('Coach -> SwitchToBargeIn: the agent already saw the coach, so no ParticipantsUpdated to them', async () => {
		await monitor('Coach');
		const { callId } = await monitoredCall();
		const fromSup = ag.eSup.notifications.length;
		const from1 = ag.e1.notifications.length;
		expect((await ag.sup.op(callId, 'SwitchToBargeIn')).body).toEqual({ statusCode: 0 });
		await exactly(ag.eSup, fromSup, 1);
		await nothingMore(ag.e1, from1);
	});

	test('MuteMonitoredUser / UnmuteMonitoredUser: MonitoredUserMutedStateChange to supervisor and agent; the muted agent is heard only by the supervisor', async () => {
		await monitor('BargeIn');
		const { callId } = await monitoredCall();
		let fromSup = ag.eSup.notifications.length;
		let from1 = ag.e1.notifications.length;
		expect((await ag.sup.op(callId, 'MuteMonitoredUser')).body).toEqual({ statusCode: 0 });
		const [supMuted] = await exactly(ag.eSup, fromSup, 1);
		expect(supMuted.data).toMatchObject({ notificationType: 'MonitoredUserMutedStateChange', call: { id: callId, monitoredUserMuted: true }, extensions: { WrapUpTime: 0, BusinessCall: 0 } });
		expect(supMuted.data.call.capabilities).toEqual(monitorCaps('SwitchToListenIn'));
		const [agentMuted] = await exactly(ag.e1, from1, 1);
		expect(agentMuted.data).toMatchObject({ notificationType: 'MonitoredUserMutedStateChange', call: { id: callId, monitoredUserMuted: true }, extensions: { BusinessCall: 0 } });
		expect(snapshot('agent1', callId)).toMatchObject({ heardBy: [DEMO.supervisor1.dn], monitoredUserMuted: true });
		expect((await ag.sup.op(callId, 'MuteMonitoredUser')).status).toBe(409);

		fromSup = ag.eSup.notifications.length;
		from1 = ag.e1.notifications.length;
		expect((await ag.sup.op(callId, 'UnmuteMonitoredUser')).body).toEqual({ statusCode: 0 });
		expect((await exactly(ag.eSup, fromSup, 1))[0].data).toMatchObject({ notificationType: 'MonitoredUserMutedStateChange', call: { monitoredUserMuted: false } });
		expect((await exactly(ag.e1, from1, 1))[0].data).toMatchObject({ notificationType: 'MonitoredUserMutedStateChange', call: { monitoredUserMuted: false } });
		expect(snapshot('agent1', callId)?.heardBy).toEqual(['5551234', DEMO.supervisor1.dn]);
		expect((await ag.sup.op(callId, 'UnmuteMonitoredUser')).status).toBe(409);
		// Only on a monitoring leg: the agent cannot mute themselves this way.
		expect((await ag.a1.op(callId, 'MuteMonitoredUser')).status).toBe(409);
	});
});

describe('scopes when the agent transfers the call', () => {
	test('scope Agent: the agent transfers, the supervisor is Released', async () => {
		await monitor('ListenIn', { supervisorMonitoringScope: 'Agent' });
		const { callId } = await monitoredCall();
		const fromSup = ag.eSup.notifications.length;
		const ringing = ag.e2.waitFor(isCall('Ringing', callId));
		await ag.a1.op(callId, 'SingleStepTransfer', { destination: { phoneNumber: DEMO.agent2.dn } });
		const [released] = await exactly(ag.eSup, fromSup, 1);
		expect(released.data.call).toMatchObject({ id: callId, state: 'Released', capabilities: [] });
		expect(numbers((await ringing).data.call)).toEqual(['5551234']);
		expect(sim.calls('supervisor1')).toEqual([]);
	});

	test('scope Call: the supervisor follows the call to the new agent (ParticipantsUpdated), and coaches them', async () => {
		await monitor('Coach', { supervisorMonitoringScope: 'Call' });
		const { callId } = await monitoredCall();
		const fromSup = ag.eSup.notifications.length;
		const ringing = ag.e2.waitFor(isCall('Ringing', callId));
		await ag.a1.op(callId, 'SingleStepTransfer', { destination: { phoneNumber: DEMO.agent2.dn } });
		const [updated] = await exactly(ag.eSup, fromSup, 1);
		expect(updated.data).toMatchObject({ notificationType: 'ParticipantsUpdated', call: { id: callId, state: 'Established' } });
		expect(numbers(updated.data.call)).toEqual([DEMO.agent2.dn, '5551234']);
		// agent2 sees the coach among the participants from the start.
		expect(numbers((await ringing).data.call)).toEqual([DEMO.supervisor1.dn, '5551234']);
		expect(snapshot('supervisor1', callId)?.monitoring?.monitoredUser).toBe('agent2');
		await ag.a2.op(callId, 'Answer');
		expect(snapshot('supervisor1', callId)?.heardBy).toEqual([DEMO.agent2.dn]);
	});
});
