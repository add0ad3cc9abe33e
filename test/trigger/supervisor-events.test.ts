/**
 * What a supervisor flow starts on, in real n8n-core (TriggerContext) against the simulator over real HTTP and
 * CometD: "Supervisor Monitoring Started, Changed or Stopped" from the device's supervisorMonitoringState, live,
 * after a reconnect (resync) and after an n8n restart (static data); the device fields GWS sends (forwardTo,
 * supervisorMonitoringState) passed through and covered by the device resync; and the Monitored Calls filter.
 */
import type { IDataObject, INodeParameters, WorkflowActivateMode } from 'n8n-workflow';

import callResource from '../simulator/fixtures/CallResource.json';
import muteCall from '../simulator/fixtures/CallsMuteCall.json';
import muteMonitoredUser from '../simulator/fixtures/SupervisorMuteMonitoredUser.json';
import switchToBargeIn from '../simulator/fixtures/SupervisorSwitchToBargeIn.json';
import switchToListenIn from '../simulator/fixtures/SupervisorSwitchToListenIn.json';
import unmuteMonitoredUser from '../simulator/fixtures/SupervisorUnmuteMonitoredUser.json';
import { lastSeq, useSimulator } from '../helpers/simulator';
import { agent1, supervisor1 } from '../helpers/users';
import { until } from '../helpers/wait';
import { activateTrigger, restAs, type ActiveTrigger, type TriggerCredential } from './harness';

const sim = useSimulator();
let supervisor: TriggerCredential;
let asSupervisor: ReturnType<typeof restAs>;
let asAgent: ReturnType<typeof restAs>;
let agentDevice: string;
let supervisorDevice: string;
const open: ActiveTrigger[] = [];

beforeAll(() => {
	supervisor = supervisor1(sim);
	asSupervisor = restAs(supervisor);
	asAgent = restAs(agent1(sim));
	const device = (user: string) => sim.agents().find((a) => a.username === user)!.deviceId;
	agentDevice = `${sim.url}/api/v2/devices/${device('agent1')}`;
	supervisorDevice = device('supervisor1');
});
afterEach(async () => {
	await Promise.all(open.splice(0).map((t) => t.close()));
});

const MONITORING = 'SupervisorMonitoringChanged';
const meta = (item: IDataObject) => item._gws as IDataObject;

async function trigger(parameters: INodeParameters, options: { staticData?: IDataObject; activation?: WorkflowActivateMode } = {}): Promise<ActiveTrigger> {
	const t = await activateTrigger({ credential: supervisor, parameters, workflowId: 'wf-supervisor', ...options });
	open.push(t);
	return t;
}

const onDevice = (operationName: string, extra: IDataObject = {}) =>
	asSupervisor('POST', `/api/v2/me/devices/${supervisorDevice}`, { operationName, ...extra });

/** An inbound call agent1 answers; resolves with its id once the monitoring supervisor (if any) has it. */
async function agentAnswers(from: string, monitored = true): Promise<string> {
	const { callId } = await sim.placeInboundCall({ to: 'agent1', from });
	await until('ringing', () => sim.calls('agent1').some((c) => c.id === callId && c.state === 'Ringing'));
	await asAgent('POST', `/api/v2/me/calls/${callId}`, { operationName: 'Answer' });
	if (monitored) await until('delivered to the supervisor', () => sim.calls('supervisor1').some((c) => c.id === callId));
	return callId;
}

describe('Supervisor Monitoring Started, Changed or Stopped', () => {
	it('started, changed (another mode), nothing for a DND change, stopped: one execution each, the notification as GWS sent it', async () => {
		const t = await trigger({ events: [MONITORING] });
		await onDevice('ListenIn', { targetDeviceUri: agentDevice, supervisorMonitoringMode: 'NextCall' });
		await t.waitForItems(1);
		await onDevice('Coach', { targetDeviceUri: agentDevice });
		await t.waitForItems(2);
		await onDevice('DoNotDisturbOn');
		await onDevice('CancelSupervisorMonitoring');
		await t.waitForItems(3);
		// A later, known change: whatever else those caused would have arrived before it.
		await onDevice('BargeIn', { targetDeviceUri: agentDevice });
		await t.waitForItems(4);
		expect(meta(t.items[3]).monitoring).toMatchObject({ change: 'started', current: { state: 'BargeIn' } });
		expect(t.executions).toBe(4);
		const items = t.items.slice(0, 3);

		const listenIn = { state: 'ListenIn', mode: 'NextCall', scope: 'Call', targetDeviceUri: agentDevice };
		const coach = { state: 'Coach', mode: 'AllCalls', scope: 'Call', targetDeviceUri: agentDevice };
		expect(items.map((i) => meta(i).monitoring)).toEqual([
			{ change: 'started', deviceId: supervisorDevice, current: listenIn, previous: null },
			{ change: 'changed', deviceId: supervisorDevice, current: coach, previous: listenIn },
			{ change: 'stopped', deviceId: supervisorDevice, current: null, previous: coach },
		]);
		expect(items[0]).toMatchObject({
			messageType: 'DeviceStateChangeMessage',
			devices: [{ id: supervisorDevice, supervisorMonitoringState: listenIn }],
			_gws: { event: MONITORING, channel: '/v2/me/devices' },
		});
		expect(meta(items[0]).resync).toBeUndefined();
		// Stopped: the device as GWS sent it, without the field and with DND still on.
		expect((items[2].devices as IDataObject[])[0]).toMatchObject({ doNotDisturb: 'On' });
		expect((items[2].devices as IDataObject[])[0].supervisorMonitoringState).toBeUndefined();
	});

	it('with Agent or Device State Changed selected too, a change starts one execution for each event', async () => {
		const t = await trigger({ events: ['DeviceStateChangeMessage', MONITORING] });
		await onDevice('BargeIn', { targetDeviceUri: agentDevice });
		const items = await t.waitForItems(2);
		await onDevice('DoNotDisturbOn');
		await t.waitForItems(3);
		await onDevice('DoNotDisturbOff'); // a later, known change: nothing else came before it
		await t.waitForItems(4);
		expect(t.items.map((i) => meta(i).event)).toEqual(['DeviceStateChangeMessage', MONITORING, 'DeviceStateChangeMessage', 'DeviceStateChangeMessage']);
		expect((t.items[3].devices as IDataObject[])[0]).toMatchObject({ doNotDisturb: 'Off' });
		expect(meta(items[0]).monitoring).toBeUndefined();
		expect(items[1].devices).toEqual(items[0].devices);
	});

	it('NextCall ends when the monitored call does: stopped, without any request from the supervisor', async () => {
		const t = await trigger({ events: [MONITORING] });
		await onDevice('ListenIn', { targetDeviceUri: agentDevice, supervisorMonitoringMode: 'NextCall' });
		await t.waitForItems(1);
		const callId = await agentAnswers('5551234');
		await asAgent('POST', `/api/v2/me/calls/${callId}`, { operationName: 'Hangup' });
		const items = await t.waitForItems(2);
		expect(meta(items[1]).monitoring).toMatchObject({ change: 'stopped', current: null, previous: { state: 'ListenIn', mode: 'NextCall' } });
	});

	it('missed while disconnected: the resync reports it once, flagged; the device fields pass through as GWS has them', async () => {
		const t = await trigger({ events: [MONITORING, 'DeviceStateChangeMessage'] });
		sim.pauseNotifications();
		await onDevice('ListenIn', { targetDeviceUri: agentDevice });
		await onDevice('ForwardCallsOn', { destination: '5009' });
		sim.dropCometdSessions();
		sim.resumeNotifications(false);
		const [device, monitoring] = await t.waitForItems(2);
		expect(device).toMatchObject({
			devices: [{ forwardTo: '5009', supervisorMonitoringState: { state: 'ListenIn' } }],
			_gws: { event: 'DeviceStateChangeMessage', resync: true, resyncReason: 'changed' },
		});
		expect(monitoring).toMatchObject({
			messageType: 'DeviceStateChangeMessage',
			devices: [{ id: supervisorDevice }],
			_gws: { event: MONITORING, resync: true, resyncReason: 'changed', monitoring: { change: 'started', previous: null } },
		});

		// Forwarding alone is a device change too (the fingerprint covers forwardTo), not a monitoring change.
		// (Anything more from the first resync would come before this second one's item.)
		sim.pauseNotifications();
		await onDevice('ForwardCallsOff');
		const mark = lastSeq(sim);
		sim.dropCometdSessions();
		sim.resumeNotifications(false);
		await t.waitForItems(3);
		await until('the second resync read', () => sim.requests().some((r) => r.seq > mark && r.path === '/api/v2/me/devices'));
		await t.restSettled();
		// A later, known live change: nothing else came before it.
		await onDevice('DoNotDisturbOn');
		await t.waitForItems(4);
		expect(t.items.map((i) => `${String(meta(i).event)}${meta(i).resync ? ' (R)' : ''}`)).toEqual([
			'DeviceStateChangeMessage (R)',
			`${MONITORING} (R)`,
			'DeviceStateChangeMessage (R)',
			'DeviceStateChangeMessage',
		]);
		expect(t.items[2]).toMatchObject({ _gws: { event: 'DeviceStateChangeMessage', resync: true } });
		expect((t.items[2].devices as IDataObject[])[0].forwardTo).toBeUndefined();
		expect((t.items[3].devices as IDataObject[])[0]).toMatchObject({ doNotDisturb: 'On' });
	});

	it('across an n8n restart: stopped while n8n was down is reported once; monitoring that went on unchanged is not', async () => {
		const db: IDataObject = {};
		const first = await trigger({ events: [MONITORING] }, { staticData: db });
		await onDevice('ListenIn', { targetDeviceUri: agentDevice });
		await first.waitForItems(1);
		await first.close();
		open.splice(open.indexOf(first), 1);
		const saved = JSON.parse(JSON.stringify(db)) as IDataObject;

		// n8n starts again, nothing changed: no execution (no false "started").
		const same = await trigger({ events: [MONITORING] }, { staticData: JSON.parse(JSON.stringify(saved)) as IDataObject, activation: 'init' });
		// Its resync ran before activation returned; a later, known change shows nothing else came.
		await onDevice('Coach', { targetDeviceUri: agentDevice });
		await same.waitForItems(1);
		expect(same.items.map((i) => meta(i).monitoring)).toEqual([expect.objectContaining({ change: 'changed', current: expect.objectContaining({ state: 'Coach' }) })]);
		expect(meta(same.items[0]).resync).toBeUndefined();
		await same.close();
		open.splice(open.indexOf(same), 1);

		await onDevice('CancelSupervisorMonitoring'); // while n8n is down
		const after = await trigger({ events: [MONITORING] }, { staticData: JSON.parse(JSON.stringify(saved)) as IDataObject, activation: 'init' });
		const [item] = await after.waitForItems(1);
		await onDevice('ListenIn', { targetDeviceUri: agentDevice }); // a later, known change
		await after.waitForItems(2);
		expect(meta(after.items[1])).toMatchObject({ monitoring: { change: 'started', previous: null } });
		expect(meta(after.items[1]).resync).toBeUndefined();
		expect(meta(item)).toMatchObject({ resync: true, monitoring: { change: 'stopped', current: null, previous: { state: 'ListenIn' } } });
	});

	it('in "test step" mode: the next monitoring change is the test item', async () => {
		const t = await activateTrigger({ credential: supervisor, parameters: { events: [MONITORING] }, mode: 'manual' });
		open.push(t);
		const mark = lastSeq(sim);
		const running = t.response.manualTriggerFunction!();
		await until('subscribed', () => sim.cometdSessionCount('supervisor1') === 1);
		await until('the test step\'s read of the devices', () => sim.requests().some((r) => r.seq > mark && r.path === '/api/v2/me/devices'));
		await t.restSettled(); // and what it read is its baseline
		await onDevice('DoNotDisturbOn'); // not a monitoring change
		await onDevice('Coach', { targetDeviceUri: agentDevice });
		await running;
		expect(t.items).toHaveLength(1);
		expect(meta(t.items[0])).toMatchObject({ event: MONITORING, monitoring: { change: 'started', current: { state: 'Coach' } } });
	});
});

describe('Monitored Calls filter', () => {
	/** The vendor pages' samples, replayed verbatim to the supervisor's trigger (test/simulator/fixtures). */
	const page = (fixture: { notifications: Array<{ channel: string; data: IDataObject }> }) => fixture.notifications[0];
	const replay = (n: { channel: string; data: IDataObject }) => sim.replayNotification('supervisor1', n as { channel: string; data: Record<string, unknown> });
	const callOf = (n: { data: IDataObject }) => n.data.call as IDataObject;

	it('the vendor samples replayed verbatim: every supervisor-leg sample passes Only (and not Exclude), the supervisor\'s ordinary call passes Exclude (and not Only), a Released monitoring leg still counts', async () => {
		const events = ['StatusChange', 'MonitoredUserMutedStateChange'];
		const all = await trigger({ events });
		const own = await trigger({ events, filters: { monitoredCalls: 'exclude' } });
		const monitored = await trigger({ events, filters: { monitoredCalls: 'only' } });
		const legs = [switchToBargeIn, switchToListenIn, muteMonitoredUser, unmuteMonitoredUser].map(page);
		for (const n of legs) replay(n);
		// The supervisor's own ordinary call (the MuteCall page's sample): no switch operation, not monitored.
		const ordinary = page(muteCall);
		replay(ordinary);
		// The monitoring leg ends: GWS's Released view lists no capabilities; the trigger recognised the leg before.
		const leg = callOf(legs[0]);
		replay({ channel: '/v2/me/calls', data: { ...legs[0].data, call: { ...leg, state: 'Released', capabilities: [] } } });
		await all.waitForItems(6);
		await Promise.all([all, own, monitored].map((t) => t.quiet(sim)));
		const seen = (t: ActiveTrigger) => t.items.map((i) => `${String((i.call as IDataObject).id)} ${String(i.notificationType)} ${String((i.call as IDataObject).state)}`);
		const legId = String(leg.id);
		expect(seen(monitored)).toEqual([
			`${legId} StatusChange Established`,
			`${legId} StatusChange Established`,
			`${legId} MonitoredUserMutedStateChange Established`,
			`${legId} MonitoredUserMutedStateChange Established`,
			`${legId} StatusChange Released`,
		]);
		expect(seen(own)).toEqual([`${String(callOf(ordinary).id)} StatusChange Established`]);
		expect(all.items).toHaveLength(6);
		// Passed through as GWS sent it.
		expect(monitored.items[0]).toEqual({ ...legs[0].data, _gws: expect.any(Object) });
	});

	it('Only My Calls a Supervisor Listens In On: the agent\'s own call as the CallResource 8.5.2 sample shows it (supervisorListeningIn true) passes; the same call without a supervisor does not', async () => {
		const listened = await trigger({ events: ['StatusChange'], filters: { monitoredCalls: 'listenedIn' } });
		const resource = callResource.resource as IDataObject;
		const notification = (call: IDataObject) => ({
			channel: '/v2/me/calls',
			data: { notificationType: 'StatusChange', call, phoneNumber: callResource.phoneNumber, messageType: 'CallStateChangeMessage' },
		});
		replay(notification({ ...resource, id: 'NOT-LISTENED', supervisorListeningIn: false }));
		replay(notification(resource));
		await listened.waitForItems(1);
		await listened.quiet(sim);
		expect(listened.items.map((i) => (i.call as IDataObject).id)).toEqual([resource.id]);
	});

	it('on the simulator: the supervisor\'s monitoring leg passes Only, their own call Exclude; the agent\'s listened-in call passes Only My Calls a Supervisor Listens In On', async () => {
		const all = await trigger({ events: ['StatusChange'], filters: { callStates: ['Established'] } });
		const own = await trigger({ events: ['StatusChange'], filters: { callStates: ['Established'], monitoredCalls: 'exclude' } });
		const monitored = await trigger({ events: ['StatusChange'], filters: { callStates: ['Established'], monitoredCalls: 'only' } });
		const agentSide = await activateTrigger({ credential: agent1(sim), parameters: { events: ['StatusChange', 'AttachedDataChanged'], filters: { monitoredCalls: 'listenedIn' } } });
		open.push(agentSide);
		await onDevice('ListenIn', { targetDeviceUri: agentDevice });
		const monitoredCall = await agentAnswers('5551234');
		// The supervisor's own call: dialled out, answered by the remote party.
		await asSupervisor('POST', `/api/v2/me/devices/${supervisorDevice}/calls`, { operationName: 'Dial', destination: { phoneNumber: '5550777' } });
		await all.waitForItems(2);
		await own.waitForItems(1);
		await monitored.waitForItems(1);
		// The agent's next notification about the call shows the supervisor listening in.
		await asAgent('POST', `/api/v2/me/calls/${monitoredCall}`, { operationName: 'AttachUserData', userData: { Note: 'x' } });
		await agentSide.waitForItems(1);
		await Promise.all([all, own, monitored, agentSide].map((t) => t.quiet(sim)));
		const ids = (t: ActiveTrigger) => t.items.map((i) => (i.call as IDataObject).id);
		const ownCall = ids(own)[0];
		expect(ownCall).not.toBe(monitoredCall);
		expect(ids(all).sort()).toEqual([monitoredCall, ownCall].sort());
		expect(ids(own)).toEqual([ownCall]);
		expect(ids(monitored)).toEqual([monitoredCall]);
		expect(monitored.items[0]).toMatchObject({ call: { mute: 'On', supervisorListeningIn: false }, extensions: { WrapUpTime: 0, BusinessCall: 0 } });
		expect(agentSide.items.map((i) => [i.notificationType, (i.call as IDataObject).id, (i.call as IDataObject).supervisorListeningIn])).toEqual([
			['AttachedDataChanged', monitoredCall, true],
		]);
	});

	it('an unknown value fails activation naming the filter', async () => {
		await expect(activateTrigger({ credential: supervisor, parameters: { events: ['StatusChange'], filters: { monitoredCalls: 'some' } } })).rejects.toThrow(
			'Filter "Monitored Calls" has an unknown value "some"',
		);
	});
});
