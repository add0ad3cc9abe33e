/**
 * The trigger inside real n8n-core (TriggerContext) against the in-process simulator over real HTTP + CometD:
 * every event starts one execution with the notification as GWS sent it; filters include and exclude;
 * manual "test step" mode; odd notifications are skipped without harm.
 */
import { setTimeout as sleep } from 'timers/promises';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { activateTrigger, restAs, type ActiveTrigger, type TriggerCredential } from './harness';
import { useSimulator } from '../helpers/simulator';
import sendDtmfPage from '../simulator/fixtures/CallsSendDTMF.json';
import { until } from '../helpers/wait';

const sim = useSimulator();
let agent1: TriggerCredential;
let rest: ReturnType<typeof restAs>;
const open: ActiveTrigger[] = [];

beforeAll(async () => {
	agent1 = { baseUrl: sim.url, username: 'agent1', password: 'agent1pass' };
	rest = restAs(agent1);
});
afterEach(async () => {
	await Promise.all(open.splice(0).map((t) => t.close()));
});

async function trigger(parameters: INodeParameters, credential = agent1): Promise<ActiveTrigger> {
	const t = await activateTrigger({ credential, parameters });
	open.push(t);
	return t;
}

const op = (callId: string, body: IDataObject) => rest('POST', `/api/v2/me/calls/${callId}`, body);

/** The item without our `_gws` field: must be the notification's data exactly. */
function gwsPart(item: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(item).filter(([key]) => key !== '_gws'));
}

describe('each event starts one execution with the notification as GWS sent it', () => {
	it('StatusChange: an inbound call rings, then is answered', async () => {
		const t = await trigger({ events: ['StatusChange'] });
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
		await t.waitForItems(1);
		await op(callId, { operationName: 'Answer' });
		const [ringing, established] = await t.waitForItems(2);
		expect(Object.keys(gwsPart(ringing)).sort()).toEqual(
			['call', 'extensions', 'messageType', 'notificationType', 'phoneNumber'].sort(),
		);
		expect(ringing).toMatchObject({
			messageType: 'CallStateChangeMessage',
			notificationType: 'StatusChange',
			phoneNumber: '15000',
			call: { id: callId, state: 'Ringing', callType: 'Inbound', ani: '5551234' },
			_gws: { event: 'StatusChange', channel: '/v2/me/calls' },
		});
		expect((ringing._gws as IDataObject).resync).toBeUndefined();
		expect(new Date(String((ringing._gws as IDataObject).receivedAt)).getTime()).toBeGreaterThan(0);
		expect(established).toMatchObject({ notificationType: 'StatusChange', call: { id: callId, state: 'Established' } });
		// the call object is the simulator's full resource, not a projection
		const snapshot = sim.calls('agent1').find((c) => c.id === callId)!;
		expect((established.call as IDataObject).capabilities).toEqual(snapshot.capabilities);
		expect(t.executions).toBe(2);
		expect(t.maxItemsPerExecution).toBe(1);
	});

	it('AttachedDataChanged, CallRecordingStateChange and ParticipantsUpdated', async () => {
		const t = await trigger({
			events: ['AttachedDataChanged', 'CallRecordingStateChange', 'ParticipantsUpdated'],
		});
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
		await op(callId, { operationName: 'Answer' });
		await op(callId, { operationName: 'UpdateUserData', userData: { Segment: 'VIP' } });
		await op(callId, { operationName: 'StartCallRecording' });
		await op(callId, { operationName: 'SingleStepConference', destination: { phoneNumber: '15002' } });
		const items = await t.waitForItems(3);
		expect(items.map((i) => i.notificationType)).toEqual([
			'AttachedDataChanged',
			'CallRecordingStateChange',
			'ParticipantsUpdated',
		]);
		expect(items[0]).toMatchObject({ call: { id: callId, userData: { Segment: 'VIP' } } });
		expect(items[1]).toMatchObject({ call: { id: callId, recordingState: 'Recording' } });
		expect((items[2].call as IDataObject).participants).toHaveLength(2);
		expect(items.map((i) => (i._gws as IDataObject).event)).toEqual(items.map((i) => i.notificationType));
	});

	it('MonitoredUserMutedStateChange (published by the simulator burst, as the simulator has no monitoring)', async () => {
		const t = await trigger({ events: ['MonitoredUserMutedStateChange'] });
		await sim.burst({ user: 'agent1', count: 2, ratePerSec: 0, notificationType: 'MonitoredUserMutedStateChange' });
		const items = await t.waitForItems(2);
		expect(items[0]).toMatchObject({
			messageType: 'CallStateChangeMessage',
			notificationType: 'MonitoredUserMutedStateChange',
			_gws: { event: 'MonitoredUserMutedStateChange' },
		});
	});

	it('DeviceStateChangeMessage: agent state changes on /v2/me/devices', async () => {
		const t = await trigger({ events: ['DeviceStateChangeMessage'] });
		await rest('POST', '/api/v2/me/channels/voice', { operationName: 'Ready' });
		await rest('POST', '/api/v2/me/channels/voice', { operationName: 'NotReady' });
		const [ready, notReady] = await t.waitForItems(2);
		expect(ready).toMatchObject({
			messageType: 'DeviceStateChangeMessage',
			devices: [{ userState: { state: 'Ready' } }],
			_gws: { event: 'DeviceStateChangeMessage', channel: '/v2/me/devices' },
		});
		expect(notReady).toMatchObject({ devices: [{ userState: { state: 'NotReady' } }] });
		expect(ready.call).toBeUndefined();
	});

	it('ErrorMessage: an asynchronous operation failure', async () => {
		const t = await trigger({ events: ['ErrorMessage'] });
		const devices = (await rest('GET', '/api/v2/me/devices?fields=*')).devices as IDataObject[];
		await rest('POST', `/api/v2/me/devices/${devices[0].id}/calls`, {
			operationName: 'Dial',
			destination: { phoneNumber: '9991234' },
		});
		const [error] = await t.waitForItems(1);
		expect(error).toMatchObject({ messageType: 'ErrorMessage', _gws: { event: 'ErrorMessage' } });
		expect(JSON.stringify(error)).toContain('9991234');
	});

	it('events not selected start nothing', async () => {
		const t = await trigger({ events: ['AttachedDataChanged'] });
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
		await op(callId, { operationName: 'Answer' });
		await op(callId, { operationName: 'UpdateUserData', userData: { k: 'v' } });
		const items = await t.waitForItems(1);
		await op(callId, { operationName: 'UpdateUserData', userData: { k: 'v2' } });
		await t.waitForItems(2);
		expect(t.items.map((i) => i.notificationType)).toEqual(['AttachedDataChanged', 'AttachedDataChanged']);
		expect(items[0]).toMatchObject({ call: { userData: { k: 'v' } } });
	});
});

describe('filters', () => {
	it('include only calls matching state, type, number and user data', async () => {
		const t = await trigger({
			events: ['StatusChange'],
			filters: {
				callStates: ['Established'],
				callTypes: ['Inbound'],
				numbers: '+1 (555) 9999',
				userDataKey: 'Segment',
				userDataValue: 'VIP',
			},
		});
		const vip = await sim.placeInboundCall({ to: 'agent1', from: '15559999', userData: { Segment: 'VIP' } });
		const otherNumber = await sim.placeInboundCall({ to: 'agent1', from: '5551111', userData: { Segment: 'VIP' } });
		const gold = await sim.placeInboundCall({ to: 'agent1', from: '15559999', userData: { Segment: 'Gold' } });
		for (const c of [otherNumber, gold, vip]) await op(c.callId, { operationName: 'Answer' });
		await t.waitForItems(1);
		// Ringing, the two non-matching calls and Held (state) are all excluded; the next match comes after them.
		await op(vip.callId, { operationName: 'Hold' });
		await op(vip.callId, { operationName: 'Retrieve' });
		await t.waitForItems(2);
		expect(t.items.map((i) => [(i.call as IDataObject).id, (i.call as IDataObject).state])).toEqual([
			[vip.callId, 'Established'],
			[vip.callId, 'Established'],
		]);
	});

	it('Without User Data Key: once the flow has flagged the call, the call Established again starts nothing', async () => {
		const t = await trigger({
			events: ['StatusChange'],
			filters: { callStates: ['Established'], userDataKey: 'VIP', userDataValue: 'true', userDataKeyAbsent: 'SupervisorConferenced' },
		});
		const vip = await sim.placeInboundCall({ to: 'agent1', from: '5551234', userData: { VIP: 'true' } });
		await op(vip.callId, { operationName: 'Answer' });
		await t.waitForItems(1);
		// what the VIP example's conference step attaches
		await op(vip.callId, { operationName: 'UpdateUserData', userData: { SupervisorConferenced: 'true' } });
		await op(vip.callId, { operationName: 'Hold' });
		await op(vip.callId, { operationName: 'Retrieve' });
		await t.quiet(sim);
		expect(t.items.map((i) => (i.call as IDataObject).state)).toEqual(['Established']);
		// a call without the flag still passes
		const other = await sim.placeInboundCall({ to: 'agent1', from: '5551235', userData: { VIP: 'true' } });
		await op(other.callId, { operationName: 'Answer' });
		await t.waitForItems(2);
		expect((t.items[1].call as IDataObject).id).toBe(other.callId);
	});

	it('a bad filter value fails activation with a message naming the parameter and the value', async () => {
		await expect(
			activateTrigger({ credential: agent1, parameters: { events: ['StatusChange'], filters: { numbers: 'abc' } } }),
		).rejects.toThrow('Filter "DNIS or Participant Number" has "abc", which contains no digit');
		await expect(activateTrigger({ credential: agent1, parameters: { events: [] } })).rejects.toThrow(
			'Parameter "Events" is empty',
		);
		await expect(activateTrigger({ credential: agent1, parameters: { events: ['Ringing'] } })).rejects.toThrow(
			'Parameter "Events" has an unknown value "Ringing"',
		);
	});
});

describe('manual "test step" mode', () => {
	it('waits for the next matching notification, emits it once, and closes cleanly', async () => {
		const t = await activateTrigger({
			credential: agent1,
			parameters: { events: ['StatusChange'], filters: { callStates: ['Established'] } },
			mode: 'manual',
		});
		open.push(t);
		const waiting = t.response.manualTriggerFunction!();
		await until('the test step subscribed', () => t.subscribes >= 1);
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
		await op(callId, { operationName: 'Answer' });
		await waiting;
		expect(t.items).toHaveLength(1);
		expect(t.items[0]).toMatchObject({ call: { id: callId, state: 'Established' } });
	});

	it('gives up after the test step timeout with a clear error', async () => {
		const t = await activateTrigger({
			credential: agent1,
			parameters: { events: ['StatusChange'], options: { manualTimeout: 1 } },
			mode: 'manual',
		});
		open.push(t);
		await expect(t.response.manualTriggerFunction!()).rejects.toThrow(/No matching GWS notification arrived within 1000 ms/);
		expect(t.items).toHaveLength(0);
	});

	it('refuses a Test Step Timeout out of range at activation, naming the option, the value and the range', async () => {
		for (const [mode, value] of [['manual', 0], ['manual', 2_147_484], ['trigger', -5], ['trigger', 'soon']] as const) {
			const activation = activateTrigger({ credential: agent1, parameters: { events: ['StatusChange'], options: { manualTimeout: value } }, mode });
			await expect(activation).rejects.toThrow(
				`Option "Test Step Timeout" must be a number of seconds from 1 to 2147483, but is "${value}"`,
			);
		}
		// the largest value is accepted (and does not fire at once)
		const t = await activateTrigger({ credential: agent1, parameters: { events: ['StatusChange'], options: { manualTimeout: 2_147_483 } }, mode: 'manual' });
		open.push(t);
		let settled = false;
		void t.response.manualTriggerFunction!().then(
			() => (settled = true),
			() => (settled = true),
		);
		// Real time: a timeout past setTimeout's limit would fire after 1 ms.
		await sleep(300);
		expect(settled).toBe(false);
	});
});

describe('bad input', () => {
	it('skips notifications it does not offer and keeps working', async () => {
		const t = await trigger({ events: ['StatusChange', 'AttachedDataChanged'] });
		await sim.burst({ user: 'agent1', count: 20, ratePerSec: 0, notificationType: 'SomethingNew' });
		await sim.burst({ user: 'agent1', count: 1, ratePerSec: 0 });
		const [item] = await t.waitForItems(1);
		expect(item.notificationType).toBe('AttachedDataChanged');
		expect(t.errors).toEqual([]);
	});

	it('logs and skips malformed notifications, passes odd-but-usable ones through, never crashes', async () => {
		const t = await trigger({
			events: ['StatusChange', 'DeviceStateChangeMessage'],
			filters: { numbers: '5551234' },
		});
		const warnings: string[] = [];
		const warn = jest.spyOn(t.ctx.logger, 'warn').mockImplementation((m: string) => void warnings.push(m));
		// The public simulator API only publishes well-formed notifications; these go through its internal hub,
		// and so over real CometD like any other.
		const hub = (sim as unknown as { hub: { publish(user: string, n: { channel: string; data: unknown }): void } })
			.hub;
		const calls = '/v2/me/calls';
		const base = { messageType: 'CallStateChangeMessage', notificationType: 'StatusChange' };
		hub.publish('agent1', { channel: calls, data: 'not an object' });
		hub.publish('agent1', { channel: calls, data: base }); // no call
		hub.publish('agent1', { channel: calls, data: { ...base, call: 'C1' } });
		hub.publish('agent1', { channel: calls, data: { ...base, call: { state: 'Ringing', ani: '5551234' } } }); // no id
		hub.publish('agent1', { channel: calls, data: { ...base, notificationType: null, call: { id: 'X' } } });
		hub.publish('agent1', { channel: '/v2/me/devices', data: { messageType: 'Nope' } });
		// older GWS builds: participants as strings; unknown fields stay as they are
		const old = { ...base, call: { id: 'OLD1', state: 'Ringing', participants: ['5551234'], brandNew: { x: 1 } } };
		hub.publish('agent1', { channel: calls, data: old });
		await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
		const items = await t.waitForItems(2);
		await t.quiet(sim);
		expect(t.items).toHaveLength(2);
		expect(gwsPart(items[0])).toEqual(old);
		expect(items[1]).toMatchObject({ call: { ani: '5551234', state: 'Ringing' } });
		expect(t.errors).toEqual([]);
		warn.mockRestore();
		expect(warnings).toEqual([
			'Genesys GWS Trigger: skipped a notification on /v2/me/calls whose data is not an object',
			'Genesys GWS Trigger: skipped a StatusChange notification without call.id',
			'Genesys GWS Trigger: skipped a StatusChange notification without call.id',
			'Genesys GWS Trigger: skipped a StatusChange notification without call.id',
		]);
	});
});

describe('DTMF Sent', () => {
	it("the CallsSendDTMF page's notification, replayed verbatim, is one DtmfSent execution; the simulator's own too", async () => {
		const t = await trigger({ events: ['DtmfSent'] });
		const page = sendDtmfPage.notifications[0];
		sim.replayNotification('agent1', page as { channel: string; data: Record<string, unknown> });
		await t.waitForItems(1);
		expect(t.items[0]).toEqual({ ...page.data, _gws: expect.objectContaining({ event: 'DtmfSent', channel: '/v2/me/calls' }) });
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5554321' });
		await until('ringing', () => sim.calls('agent1').some((c) => c.id === callId && c.state === 'Ringing'));
		await op(callId, { operationName: 'Answer' });
		await until('established', () => sim.calls('agent1').some((c) => c.id === callId && c.state === 'Established'));
		await op(callId, { operationName: 'SendDtmf', digits: '7' });
		await t.waitForItems(2);
		await t.quiet(sim);
		expect(t.items.map((i) => [i.notificationType, (i.call as IDataObject).id])).toEqual([
			['DtmfSent', (page.data.call as IDataObject).id],
			['DtmfSent', callId],
		]);
	});
});
