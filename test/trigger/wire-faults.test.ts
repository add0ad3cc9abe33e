/**
 * Replies GWS (or a proxy) should never send, injected into the real Bayeux exchange between the adapter and
 * the simulator: the client is built from the adapter's own parts with a send that alters one reply.
 */
import { GwsCometdClient, NOTIFICATION_CLIENT_DEFAULTS, type GwsNotification } from '../../nodes/shared/cometd';
import { BayeuxCookieJar } from '../../nodes/shared/cometd/cookieJar';
import { createGwsBayeuxSend, resolveBaseUrl } from '../../nodes/shared/cometd/gwsBayeuxSend';
import type { BayeuxReply, BayeuxSend } from '../../nodes/shared/cometd/longPolling';
import { contextFor, type TriggerCredential } from './harness';
import { isMarker, markerBurst, useSimulator } from '../helpers/simulator';
import { until } from '../helpers/wait';
import { watchLeftovers } from './leftovers';

const sim = useSimulator();
let agent1: TriggerCredential;
const clients: GwsCometdClient[] = [];

beforeAll(async () => {
	agent1 = { baseUrl: sim.url, username: 'agent1', password: 'agent1pass' };
});
afterEach(async () => {
	await Promise.all(clients.splice(0).map((c) => c.stop()));
});

/** A client whose replies pass through `alter` (once it returns something other than undefined, it is used). */
function clientWith(alter: (reply: BayeuxReply) => BayeuxReply | undefined, errors: unknown[]) {
	const ctx = contextFor(agent1);
	const jar = new BayeuxCookieJar();
	const real = createGwsBayeuxSend(ctx, jar);
	const send: BayeuxSend = async (exchange) => {
		const reply = await real(exchange);
		return alter(reply) ?? reply;
	};
	const client = new GwsCometdClient(() => resolveBaseUrl(ctx), send, jar, {
		...NOTIFICATION_CLIENT_DEFAULTS,
		backoffIncrementMs: 50,
		maxBackoffMs: 200,
		watchdogMs: 100,
		onInternalError: (e) => errors.push(e),
	});
	clients.push(client);
	return client;
}

const ringing = (n: GwsNotification) => (n.data.call as { state?: string } | undefined)?.state === 'Ringing';

it('messages without a channel are skipped and reported; the stream goes on', async () => {
	const errors: unknown[] = [];
	let injected = false;
	const c = clientWith((reply) => {
		if (injected || !reply.body.includes('"/v2/me/calls"')) return undefined;
		injected = true;
		const messages = JSON.parse(reply.body) as unknown[];
		return { ...reply, body: JSON.stringify([{ data: { a: 1 } }, { channel: 42, data: {} }, null, ...messages]) };
	}, errors);
	await c.start();
	await sim.placeInboundCall({ to: 'agent1', from: '5550001' });
	await c.waitFor(ringing, 3000); // the real message that shared the altered reply
	expect(injected).toBe(true);
	await sim.placeInboundCall({ to: 'agent1', from: '5550002' });
	const next = await c.waitFor(ringing, 3000);
	expect((next.data.call as { ani?: string }).ani).toBe('5550002');
	expect(errors.map(String)).toEqual(['Error: Skipped 3 malformed Bayeux message(s) without a channel']);
});

it('a stalled connect loop (a /meta/connect reply that matches no request) is noticed and reconnected', async () => {
	const errors: unknown[] = [];
	let connects = 0;
	let mismatched = false;
	const c = clientWith((reply) => {
		if (mismatched || !reply.body.includes('"/meta/connect"')) return undefined;
		if (++connects < 2) return undefined; // the second held connect's reply gets a wrong id
		mismatched = true;
		const messages = JSON.parse(reply.body) as Array<{ channel: string; id?: string }>;
		for (const m of messages) if (m.channel === '/meta/connect') m.id = 'no-such-request';
		return { ...reply, body: JSON.stringify(messages) };
	}, errors);
	const statuses: string[] = [];
	(c as unknown as { options: { onStatus: (s: { state: string; cause?: string }) => void } }).options.onStatus = (s) =>
		statuses.push(`${s.state}${s.cause ? `: ${s.cause}` : ''}`);
	const leftovers = watchLeftovers();
	await c.start();
	// the first held connect is answered when a notification arrives; the second one is the altered reply
	await sim.placeInboundCall({ to: 'agent1', from: '5550001' });
	await c.waitFor(ringing, 3000);
	await sim.placeInboundCall({ to: 'agent1', from: '5550002' });
	await c.waitFor(ringing, 3000);
	await until('the altered reply', () => mismatched, 3000).catch(() => undefined);
	expect(mismatched).toBe(true);
	// the loop is dead now; the watchdog must bring it back
	await until('the stall noticed and subscribed again', () => statuses.filter((s) => s.startsWith('subscribed')).length === 2, 5000);
	await sim.placeInboundCall({ to: 'agent1', from: '5550003' });
	const after = await c.waitFor(ringing, 3000);
	expect((after.data.call as { ani?: string }).ani).toBe('5550003');
	expect(statuses.some((s) => s.startsWith('reconnecting: the notification connection stalled'))).toBe(true);
	expect(statuses.filter((s) => s.startsWith('subscribed'))).toHaveLength(2);
	await c.stop();
	expect(await leftovers.stop()).toEqual([]);
});

it("cometd.js warnings (e.g. a message with neither data nor a result) go to the client's error sink, not stdout", async () => {
	const errors: unknown[] = [];
	const consoleWarn = jest.spyOn(console, 'warn');
	let injected = false;
	const c = clientWith((reply) => {
		if (injected || !reply.body.includes('"/v2/me/calls"')) return undefined;
		injected = true;
		const messages = JSON.parse(reply.body) as unknown[];
		return { ...reply, body: JSON.stringify([{ channel: '/v2/me/calls' }, ...messages]) };
	}, errors);
	try {
		await c.start();
		await sim.placeInboundCall({ to: 'agent1', from: '5550001' });
		await c.waitFor(ringing, 3000);
		expect(errors.map(String)).toEqual(['Error: CometD: Unknown Bayeux Message {"channel":"/v2/me/calls"}']);
		expect(consoleWarn).not.toHaveBeenCalled();
	} finally {
		consoleWarn.mockRestore();
	}
});

it('a /meta/connect reply lost on the way (cut by the network) makes onResubscribed run once the same session connects again', async () => {
	const hooks: boolean[] = [];
	let cut = false;
	let handshakes = 0;
	const c = clientWith((reply) => {
		if (reply.body.includes('"/meta/handshake"')) handshakes++;
		if (cut || !reply.body.includes('"/meta/connect"') || !reply.body.includes('"/v2/me/calls"')) return undefined;
		// GWS wrote this reply (it counts the Ringing as delivered); the client never gets it.
		cut = true;
		throw new Error('socket hang up');
	}, []);
	(c as unknown as { options: { onResubscribed: (i: { first: boolean }) => void } }).options.onResubscribed = ({ first }) =>
		void hooks.push(first);
	await c.start();
	expect(hooks).toEqual([true]);
	await sim.placeInboundCall({ to: 'agent1', from: '5550001' });
	await until('the resync hook after the cut', () => hooks.length >= 2, 3000).catch(() => undefined);
	expect(cut).toBe(true);
	expect(hooks).toEqual([true, false]);
	expect(handshakes).toBe(1); // the same clientId went on: only the resync hook can find the lost Ringing
	// the stream goes on, and a connect that never failed resyncs nothing
	await sim.placeInboundCall({ to: 'agent1', from: '5550002' });
	await c.waitFor(ringing, 3000);
	// A marker published now comes after every connect that could run the hook again.
	const marker = markerBurst('agent1');
	const marked = c.waitFor((n) => isMarker(n.data, marker.type), 3000);
	await sim.burst(marker.burst);
	await marked;
	expect(hooks).toEqual([true, false]);
});
