/**
 * The CometD adapter on its own (as the action node's "wait for confirmation" uses it), with a real n8n-core
 * context, the shared transport and real CometD against the simulator.
 */
import { setTimeout as sleep } from 'timers/promises';

import {
	createNotificationClient,
	NOTIFICATION_CLIENT_DEFAULTS,
	type GwsCometdClient,
	type GwsNotification,
	type NotificationClientStatus,
} from '../../nodes/shared/cometd';
import { clearGwsSessions } from '../../nodes/shared/transport';
import { contextFor, restAs, type TriggerCredential } from './harness';
import { useSimulator } from '../helpers/simulator';
import { until } from '../helpers/wait';
import { watchLeftovers } from './leftovers';

const sim = useSimulator();
let agent1: TriggerCredential;
const clients: GwsCometdClient[] = [];
const savedDefaults = { ...NOTIFICATION_CLIENT_DEFAULTS };

beforeAll(async () => {
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, { backoffIncrementMs: 50, maxBackoffMs: 200, failureAfterMs: 200 });
	agent1 = { baseUrl: sim.url, username: 'agent1', password: 'agent1pass' };
});
afterEach(async () => {
	await Promise.all(clients.splice(0).map((c) => c.stop()));
});
afterAll(async () => {
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, savedDefaults);
});

function client(options: Parameters<typeof createNotificationClient>[1] = {}, credential = agent1) {
	const c = createNotificationClient(contextFor(credential), options);
	clients.push(c);
	return c;
}

const isState = (state: string) => (n: GwsNotification) =>
	(n.data.call as { state?: string } | undefined)?.state === state;


describe('waitFor', () => {
	it('finds a notification that arrived before the call, and one that arrives after', async () => {
		const c = client();
		const seen: GwsNotification[] = [];
		c.onNotification((n) => seen.push(n));
		await c.start();
		expect(c.endpoint).toBe(`${sim.url}/api/v2/notifications`);
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
		await until('the Ringing received (and buffered)', () => seen.some(isState('Ringing')));
		const ringing = await c.waitFor(isState('Ringing'), 1000);
		expect(ringing).toMatchObject({ channel: '/v2/me/calls', data: { notificationType: 'StatusChange' } });
		const established = c.waitFor(isState('Established'), 2000);
		await restAs(agent1)('POST', `/api/v2/me/calls/${callId}`, { operationName: 'Answer' });
		expect((await established).data.call).toMatchObject({ id: callId, state: 'Established' });
		// each notification answers one wait: the Ringing one is used up
		await expect(c.waitFor(isState('Ringing'), 100)).rejects.toThrow(
			`No matching GWS notification arrived within 100 ms on /v2/me/calls (${sim.url}/api/v2/notifications)`,
		);
	});

	it('a predicate that throws is a non-match, not a crash', async () => {
		const c = client();
		await c.start();
		const wait = c.waitFor((n) => {
			if (n.data.notificationType === 'StatusChange') throw new Error('bad predicate');
			return true;
		}, 2000);
		await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
		await sim.burst({ user: 'agent1', count: 1, ratePerSec: 0 });
		expect((await wait).data.notificationType).toBe('AttachedDataChanged');
	});

	it('stop() rejects pending waits and is idempotent; a stopped client cannot start again', async () => {
		const c = client();
		await c.start();
		const wait = expect(c.waitFor(() => false, 10_000)).rejects.toThrow(
			'stopped before a matching notification arrived',
		);
		const stopping = c.stop();
		expect(c.stop()).toBe(stopping); // a second caller waits for the same release
		await stopping;
		await wait;
		await c.stop();
		await expect(c.start()).rejects.toThrow('stopped');
		await expect(c.waitFor(() => true, 10)).rejects.toThrow('stopped');
	});
});

it('subscribes /v2/me/devices when asked, with /v2/me/calls alongside', async () => {
	const c = client({ channels: ['/v2/me/calls', '/v2/me/devices'] });
	const seen: GwsNotification[] = [];
	c.onNotification((n) => seen.push(n));
	await c.start();
	await restAs(agent1)('POST', '/api/v2/me/channels/voice', { operationName: 'Ready' });
	await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
	await c.waitFor((n) => n.channel === '/v2/me/calls', 2000);
	expect(seen.map((n) => n.channel)).toEqual(['/v2/me/devices', '/v2/me/calls']);
	expect(seen[0].data.messageType).toBe('DeviceStateChangeMessage');
});

it('two clients of one user both get every notification, each with its own Bayeux browser cookie', async () => {
	const a = client();
	const b = client();
	await Promise.all([a.start(), b.start()]);
	await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
	await Promise.all([a.waitFor(isState('Ringing'), 2000), b.waitFor(isState('Ringing'), 2000)]);
	const cookieOf = (c: GwsCometdClient) => (c as unknown as { jar: { header(): string } }).jar.header();
	expect(cookieOf(a)).toMatch(/^BAYEUX_BROWSER=\w+$/);
	expect(cookieOf(b)).toMatch(/^BAYEUX_BROWSER=\w+$/);
	expect(cookieOf(a)).not.toBe(cookieOf(b));
});

it('re-subscribes after the server forgets the session (402) and tells onResubscribed', async () => {
	const hooks: boolean[] = [];
	const c = client({ onResubscribed: ({ first }) => void hooks.push(first) });
	await c.start();
	await until('the first hook', () => hooks.length === 1);
	sim.dropCometdSessions();
	await until('the hook after the re-subscription', () => hooks.length >= 2);
	await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
	await c.waitFor(isState('Ringing'), 2000);
	expect(hooks).toEqual([true, false]); // and no other before the next notification
});

it('reports a lasting outage once, keeps retrying, reports recovery; stop() then leaves nothing running', async () => {
	const leftovers = watchLeftovers();
	const statuses: NotificationClientStatus[] = [];
	const c = client({ onStatus: (s) => statuses.push(s) });
	await c.start();
	await sim.stop();
	// Real time: an outage of four times failureAfterMs, retrying all along, is reported once.
	await sleep(800);
	const failed = statuses.filter((s) => s.state === 'failed');
	expect(failed).toHaveLength(1);
	if (failed[0].state === 'failed') {
		expect(failed[0].error.message).toContain(`${sim.url}/api/v2/notifications`);
		expect(failed[0].error.message).not.toContain('agent1pass');
	}
	await sim.start();
	await until('the recovery', () => statuses.some((s) => s.state === 'recovered'), 3000).catch(() => undefined);
	expect(statuses.some((s) => s.state === 'recovered')).toBe(true);
	await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
	await c.waitFor(isState('Ringing'), 3000);
	expect(statuses.filter((s) => s.state === 'subscribed').map((s) => s.state === 'subscribed' && s.first)).toEqual([
		true,
		false,
	]);
	await c.stop();
	expect(statuses.at(-1)).toEqual({ state: 'stopped' });
	expect(await leftovers.stop()).toEqual([]);
});

it('stop() while GWS is down returns quickly and leaves no timer', async () => {
	const leftovers = watchLeftovers();
	const statuses: NotificationClientStatus[] = [];
	const c = client({ onStatus: (s) => statuses.push(s) });
	await c.start();
	await sim.stop();
	await until('retrying', () => statuses.some((s) => s.state === 'reconnecting'));
	const started = Date.now();
	await c.stop();
	expect(Date.now() - started).toBeLessThan(1500);
	expect(await leftovers.stop()).toEqual([]);
	await sim.start();
});

it('stop() during start() fails the start and leaves nothing running', async () => {
	const leftovers = watchLeftovers();
	await restAs(agent1)('GET', '/api/v2/me'); // the session exists: start() goes straight to the handshake
	// The simulator's CometD server answers the handshake only after 300 ms (its policy hook, wrapped), so
	// stop() comes while start() waits for its first subscription.
	type Policy = (s: unknown, m: unknown, cb: (e: unknown, ok: boolean) => void) => void;
	const server = (sim as unknown as { cometd: { server: { policy: { canHandshake: Policy } } } }).cometd.server;
	const policy = server.policy.canHandshake;
	let asked = false;
	let answered = false;
	server.policy.canHandshake = (s, m, cb) => {
		asked = true;
		setTimeout(() => {
			answered = true;
			policy(s, m, cb);
		}, 300);
	};
	try {
		const c = client();
		const outcome = c.start().then(
			() => 'subscribed',
			(e: Error) => e.message,
		);
		await until('the handshake at the server', () => asked);
		await c.stop();
		expect(await outcome).toBe('The GWS notification client was stopped before it subscribed');
	} finally {
		server.policy.canHandshake = policy;
	}
	await until('the delayed server answer (it goes to an aborted request)', () => answered);
	expect(await leftovers.stop()).toEqual([]);
});

it('a first start against a server that is down fails fast with the URL and cause', async () => {
	await sim.stop();
	try {
		clearGwsSessions();
		const c = client();
		await expect(c.start()).rejects.toThrow(/refused/);
	} finally {
		await sim.start();
	}
});

it('the leftover check itself sees a running client (so an empty list means something)', async () => {
	const leftovers = watchLeftovers();
	const c = client();
	await c.start();
	const whileRunning = await leftovers.stop();
	expect(whileRunning.some((s) => s.startsWith('TCPWRAP'))).toBe(true); // the held /meta/connect
});
