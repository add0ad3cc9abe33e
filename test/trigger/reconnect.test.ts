/**
 * No loss, no duplicates across reconnects, with real CometD against the in-process simulator:
 * - a dropped CometD session mid-burst (402 unknown client -> re-handshake -> re-subscribe),
 * - call changes whose notifications are really lost during an outage (recovered by the resync),
 * - a simulator restart (connection refused, new CometD server, REST session gone) with calls changing meanwhile,
 * counted over more than 1,000 notifications; then a lasting outage reaching emitError and recovering alone.
 */
import type { IDataObject } from 'n8n-workflow';

import { NOTIFICATION_CLIENT_DEFAULTS } from '../../nodes/shared/cometd';
import { clearGwsSessions } from '../../nodes/shared/transport';
import type { LoggedNotification } from '../../simulator/api';
import { activateTrigger, restAs, type ActiveTrigger, type TriggerCredential } from './harness';
import { lastSeq, useSimulator } from '../helpers/simulator';
import { agent1 as agent1Of } from '../helpers/users';
import { until } from '../helpers/wait';
import { watchLeftovers } from './leftovers';

// One agent answers several calls at once here: their phone does not hold the others (docs/FIDELITY.md C14).
const sim = useSimulator({ features: { holdOnAnswer: false } });
let agent1: TriggerCredential;
let rest: ReturnType<typeof restAs>;
const open: ActiveTrigger[] = [];
const savedDefaults = { ...NOTIFICATION_CLIENT_DEFAULTS };

beforeAll(async () => {
	// Fast reconnects so the suite takes seconds; the policy is the same as in production.
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, { backoffIncrementMs: 50, maxBackoffMs: 200, failureAfterMs: 300 });
	agent1 = agent1Of(sim);
	rest = restAs(agent1);
});
afterEach(async () => {
	await Promise.all(open.splice(0).map((t) => t.close()));
});
afterAll(async () => {
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, savedDefaults);
});

const op = (callId: string, body: IDataObject) => rest('POST', `/api/v2/me/calls/${callId}`, body);
const call = (item: IDataObject) => item.call as IDataObject;
const meta = (item: IDataObject) => item._gws as IDataObject;

/** Burst items: (burst call id, BurstSeq) pairs, each must appear once. */
function burstKeys(items: IDataObject[]): string[] {
	return items
		.filter((i) => i.notificationType === 'AttachedDataChanged' && call(i).userData)
		.map((i) => `${call(i).id}#${(call(i).userData as IDataObject).BurstSeq}`)
		.filter((k) => !k.endsWith('#undefined'));
}

/** The StatusChange states the trigger reported for one call, in order, with R marking resync items. */
function statesOf(items: IDataObject[], callId: string): string[] {
	return items
		.filter((i) => i.notificationType === 'StatusChange' && call(i).id === callId)
		.map((i) => `${call(i).state}${meta(i).resync ? ' (R)' : ''}`);
}

function resyncsSince(since: number): number {
	return sim.requests().filter((r) => r.seq > since && r.method === 'GET' && r.path === '/api/v2/me/calls').length;
}

it('a dropped session mid-stream and lost notifications: 1,200 notifications, nothing lost, nothing twice', async () => {
	const t = await activateTrigger({ credential: agent1, parameters: { events: ['StatusChange', 'AttachedDataChanged'] } });
	open.push(t);
	const a = await sim.placeInboundCall({ to: 'agent1', from: '5550001' });
	const b = await sim.placeInboundCall({ to: 'agent1', from: '5550002' });
	await op(a.callId, { operationName: 'Answer' });
	await op(b.callId, { operationName: 'Answer' });

	// 1. The session is dropped in the middle of a burst; what the server holds meanwhile reaches the new session.
	// The drop waits until everything published before the pause has reached us: a CometD server discards the
	// queue of a session it drops, which no client can recover for these synthetic calls (real calls are
	// recovered by the resync, part 2). The simulator's publish counter says how many that is. The pause comes
	// as the burst publishes its 100th notification (the simulator's publish listener), wherever the clock is.
	const hub = (sim as unknown as { hub: { published: number; listen(l: (n: LoggedNotification) => void): () => void } }).hub;
	await until('A and B answered', () => t.items.length === 4);
	const publishedBefore = hub.published - t.items.length;
	let deliverable = -1;
	const stopListening = hub.listen((n) => {
		if (deliverable >= 0 || ((n.data.call as IDataObject | undefined)?.userData as IDataObject | undefined)?.BurstSeq !== 100) return;
		sim.pauseNotifications(); // this 100th one is held with the rest
		deliverable = hub.published - 1 - publishedBefore;
	});
	const firstBurst = sim.burst({ user: 'agent1', count: 600, ratePerSec: 4000 });
	await until('the pause mid-burst', () => deliverable >= 0);
	stopListening();
	await until('everything published before the pause', () => t.items.length === deliverable);
	expect(burstKeys(t.items)).toHaveLength(99);
	const mark = lastSeq(sim);
	sim.dropCometdSessions();
	await until('the re-subscription and its resync', () => resyncsSince(mark) >= 1);
	sim.resumeNotifications(true);
	await firstBurst;
	await until('600 burst items', () => burstKeys(t.items).length >= 600).catch((e) => {
		const seqs = burstKeys(t.items).map((k) => Number(k.split('#')[1]));
		const missing = [...Array(600).keys()].map((i) => i + 1).filter((i) => !seqs.includes(i));
		throw new Error(`${e.message}: ${seqs.length} arrived, missing BurstSeq ${missing.slice(0, 10).join(',')}…`);
	});

	// 2. An outage whose notifications are really lost: the resync must report each change once.
	sim.pauseNotifications();
	await op(a.callId, { operationName: 'UpdateUserData', userData: { Step: 'during-outage' } });
	await sim.remoteHangup(b.callId);
	const c = await sim.placeInboundCall({ to: 'agent1', from: '5550003' });
	const mark2 = lastSeq(sim);
	sim.dropCometdSessions();
	sim.resumeNotifications(false); // dropped: nobody will ever deliver them
	await until('the second resync', () => resyncsSince(mark2) >= 1);

	// 3. Live again: another burst and live call changes.
	await sim.burst({ user: 'agent1', count: 600, ratePerSec: 0 });
	await op(c.callId, { operationName: 'Answer' });
	await op(a.callId, { operationName: 'Hangup' });
	await until('1,200 burst items', () => burstKeys(t.items).length >= 1200);
	await until('the live hangup', () => statesOf(t.items, a.callId).includes('Released'));
	await t.quiet(sim); // anything duplicated is in by now

	const keys = burstKeys(t.items);
	expect(keys).toHaveLength(1200);
	expect(new Set(keys).size).toBe(1200);
	expect(statesOf(t.items, a.callId)).toEqual(['Ringing', 'Established', 'Released']);
	expect(statesOf(t.items, b.callId)).toEqual(['Ringing', 'Established', 'Released (R)']);
	expect(statesOf(t.items, c.callId)).toEqual(['Ringing (R)', 'Established']);
	const aData = t.items.filter((i) => i.notificationType === 'AttachedDataChanged' && call(i).id === a.callId);
	expect(aData).toHaveLength(1);
	expect(aData[0]).toMatchObject({
		messageType: 'CallStateChangeMessage',
		phoneNumber: '15000',
		call: { userData: { Step: 'during-outage' } },
		_gws: { resync: true, resyncReason: 'changed', event: 'AttachedDataChanged' },
	});
	expect(t.executions).toBe(t.items.length);
	expect(t.errors).toEqual([]);
});

it('a simulator restart with calls changing while it is down: recovered once, then live again', async () => {
	const t = await activateTrigger({ credential: agent1, parameters: { events: ['StatusChange', 'AttachedDataChanged'] } });
	open.push(t);
	const a = await sim.placeInboundCall({ to: 'agent1', from: '5550001' });
	await op(a.callId, { operationName: 'Answer' });
	await until('A established', () => statesOf(t.items, a.callId).length === 2);

	await sim.stop();
	// T-Server keeps going while GWS restarts: A ends, B starts ringing.
	await sim.remoteHangup(a.callId);
	const b = await sim.placeInboundCall({ to: 'agent1', from: '5550002', userData: { Segment: 'VIP' } });
	const failed = t.failedPolls;
	await until('a refused reconnect', () => t.failedPolls >= failed + 2);
	await sim.start();

	await until('the resync after the restart', () => statesOf(t.items, b.callId).length === 1);
	await sim.burst({ user: 'agent1', count: 300, ratePerSec: 0 });
	await op(b.callId, { operationName: 'Answer' });
	await until('300 burst items and B answered', () => burstKeys(t.items).length >= 300 && statesOf(t.items, b.callId).length === 2);
	await t.quiet(sim);

	expect(statesOf(t.items, a.callId)).toEqual(['Ringing', 'Established', 'Released (R)']);
	expect(statesOf(t.items, b.callId)).toEqual(['Ringing (R)', 'Established']);
	expect(new Set(burstKeys(t.items)).size).toBe(300);
	expect(burstKeys(t.items)).toHaveLength(300);
	// B's user data was set before we saw it: reported as part of the new call, not as a separate change
	expect(t.items.filter((i) => call(i).id === b.callId && i.notificationType === 'AttachedDataChanged')).toEqual([]);
	expect(t.errors).toEqual([]);
});

it('a reconnect with nothing changed starts no execution; agent state changed meanwhile is resynced once', async () => {
	const t = await activateTrigger({
		credential: agent1,
		parameters: { events: ['StatusChange', 'AttachedDataChanged', 'DeviceStateChangeMessage'] },
	});
	open.push(t);
	const before = await sim.placeInboundCall({ to: 'agent1', from: '5550001', userData: { k: 'v' } });
	await rest('POST', '/api/v2/me/channels/voice', { operationName: 'Ready' });
	await until('Ringing and Ready', () => t.items.length === 2);

	const mark = lastSeq(sim);
	sim.dropCometdSessions();
	await until('resync', () => resyncsSince(mark) >= 1);
	await t.quiet(sim);
	expect(t.items).toHaveLength(2); // nothing changed: nothing reported

	sim.pauseNotifications();
	await rest('POST', '/api/v2/me/channels/voice', { operationName: 'NotReady' });
	const mark2 = lastSeq(sim);
	sim.dropCometdSessions();
	sim.resumeNotifications(false);
	await until('device resync', () => t.items.length === 3);
	await t.quiet(sim);
	expect(resyncsSince(mark2)).toBe(1);
	expect(t.items).toHaveLength(3);
	expect(t.items[2]).toMatchObject({
		messageType: 'DeviceStateChangeMessage',
		devices: [{ userState: { state: 'NotReady' } }],
		_gws: { event: 'DeviceStateChangeMessage', channel: '/v2/me/devices', resync: true },
	});
	expect(statesOf(t.items, before.callId)).toEqual(['Ringing']);
});

it('a lasting outage reaches emitError naming the URL and the cause, never a secret, and recovers alone', async () => {
	const leftovers = watchLeftovers();
	const t = await activateTrigger({ credential: agent1, parameters: { events: ['StatusChange'] } });
	open.push(t); // closed below; also after a failure
	await sim.stop();
	const error = await t.waitForError(10_000);
	expect(error.message).toContain(`${sim.url}/api/v2/notifications`);
	expect(error.message).toMatch(/refused|ECONNREFUSED|not reachable|unreachable/i);
	const serialized = JSON.stringify(error, Object.getOwnPropertyNames(error)) + String(error.stack);
	expect(serialized).not.toContain('agent1pass');
	expect(serialized).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}|JSESSIONID=/);
	expect(t.errors).toHaveLength(1); // once per outage, not once per attempt

	await sim.start();
	const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5550009' });
	const [item] = await t.waitForItems(1, 10_000);
	expect(call(item)).toMatchObject({ id: callId, state: 'Ringing' });
	expect(t.errors).toHaveLength(1);
	// deactivation after all that leaves no timer or socket of ours
	await t.close();
	expect(await leftovers.stop()).toEqual([]);
});

it('a handshake the server denies (advice reconnect: none) is reported at once and retried until accepted', async () => {
	const t = await activateTrigger({ credential: agent1, parameters: { events: ['StatusChange'] } });
	open.push(t);
	// No public simulator control denies handshakes: swap its CometD server's policy (a real denial reply).
	const server = (sim as unknown as { cometd: { server: { policy: { canHandshake: unknown } } } }).cometd.server;
	const policy = server.policy.canHandshake;
	server.policy.canHandshake = (_s: unknown, _m: unknown, callback: (e: unknown, ok: boolean) => void) =>
		callback(undefined, false);
	try {
		sim.dropCometdSessions();
		const error = await t.waitForError(5000);
		expect(error.message).toContain(`${sim.url}/api/v2/notifications`);
		expect(error.message).toContain('403::handshake_denied');
	} finally {
		server.policy.canHandshake = policy;
	}
	const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5550009' });
	const [item] = await t.waitForItems(1, 5000); // live or via the resync after the accepted handshake
	expect(call(item)).toMatchObject({ id: callId, state: 'Ringing' });
	expect(t.errors).toHaveLength(1);
});

it('with "Resync After Reconnect" off, a reconnect reads nothing and reports nothing', async () => {
	const mark = lastSeq(sim);
	const t = await activateTrigger({
		credential: agent1,
		parameters: { events: ['StatusChange'], options: { resync: false } },
	});
	open.push(t);
	const subscribed = t.subscribes;
	sim.pauseNotifications();
	await sim.placeInboundCall({ to: 'agent1', from: '5550001' });
	sim.dropCometdSessions();
	sim.resumeNotifications(false);
	await until('the re-subscription', () => t.subscribes > subscribed);
	const after = await sim.placeInboundCall({ to: 'agent1', from: '5550002' });
	const [item] = await t.waitForItems(1);
	expect(call(item).id).toBe(after.callId); // the call rung during the outage is not reported
	expect(resyncsSince(mark)).toBe(0);
});

it('after n8n closes the trigger for its error and activates it again, changes meanwhile are reported once', async () => {
	const parameters = { events: ['StatusChange'] };
	const mark = lastSeq(sim);
	const first = await activateTrigger({ credential: agent1, parameters, workflowId: 'wf-reactivated' });
	const a = await sim.placeInboundCall({ to: 'agent1', from: '5550001' });
	await first.waitForItems(1);
	// Activation returns once the first read of the calls (the baseline) is done.
	expect(resyncsSince(mark)).toBe(1);
	await sim.stop();
	await first.waitForError(10_000);
	await first.close(); // what n8n does after emitError
	await sim.remoteHangup(a.callId);
	const b = await sim.placeInboundCall({ to: 'agent1', from: '5550002' });
	await sim.start();
	const second = await activateTrigger({ credential: agent1, parameters, workflowId: 'wf-reactivated' });
	open.push(second);
	await until('both changes', () => second.items.length >= 2);
	await second.quiet(sim);
	expect(second.items.map((i) => `${call(i).id === a.callId ? 'A' : 'B'} ${call(i).state} ${meta(i).resyncReason}`)).toEqual([
		'B Ringing new',
		'A Released gone',
	]);
	void b;

	// A deliberate deactivation keeps nothing: activating again takes the calls as they are.
	await second.close();
	const third = await activateTrigger({ credential: agent1, parameters, workflowId: 'wf-reactivated' });
	open.push(third);
	await sim.remoteHangup(b.callId);
	const [released] = await third.waitForItems(1);
	expect(call(released)).toMatchObject({ id: b.callId, state: 'Released' });
	expect(meta(released).resync).toBeUndefined();
});

it('a refused credential fails activation with a clear message and no secret', async () => {
	const wrong = { ...agent1, password: 'wrong-secret-pw' };
	for (const cachedSession of [false, true]) {
		// Without a session the login fails; with agent1's session cached (same user, right password elsewhere)
		// GWS refuses the handshake and the renewed login.
		if (cachedSession) await rest('GET', '/api/v2/me');
		else clearGwsSessions();
		const error = await activateTrigger({ credential: wrong, parameters: { events: ['StatusChange'] } }).then(
			() => undefined,
			(e: Error) => e,
		);
		expect(error?.message).toMatch(/agent1.*\(HTTP 401\)|username and password/);
		expect(JSON.stringify(error, Object.getOwnPropertyNames(error)) + String(error?.stack)).not.toContain(
			'wrong-secret-pw',
		);
	}
});
