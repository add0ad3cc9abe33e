/**
 * CometD faults against the trigger running in n8n-core's TriggerContext, real CometD long polling:
 * - the simulator restarted 10 times during a 1,000-notification stream,
 * - held long polls dropped by the network while idle (a proxy destroys the socket; a reply cut while it
 *   carries a notification is known-defects.test.ts D11),
 * - 402 unknown client (the server forgot the session),
 * - the handshake refused for a bad password (at activation, and at a re-handshake later),
 * - malformed Bayeux messages and replies (a proxy rewrites what the server sent).
 * Counted: notifications lost, duplicated, crashes (emitError where none is due, unhandled rejections,
 * uncaught exceptions). Every count must be 0.
 *
 * Choice: while the simulator is down, notifications published meanwhile are held by its hub and delivered
 * after the client is back (pause/resume). A CometD server discards the queue of a session that dies with it,
 * which no client can recover for synthetic burst calls; real calls are recovered by the resync, which
 * test/trigger/reconnect.test.ts covers. What is measured here is the client: back in time, nothing twice.
 */
import type { IDataObject } from 'n8n-workflow';

import { NOTIFICATION_CLIENT_DEFAULTS } from '../../nodes/shared/cometd';
import { activateTrigger, contextFor, type ActiveTrigger } from '../trigger/harness';
import { FaultyProxy } from './support/proxy';
import { Figures } from './support/results';
import { recordN8nLogs, SecretScanner } from './support/secrets';
import { lastSeq, startTestSimulator, type Sim } from '../helpers/simulator';
import { credentialOf, RELAGENT, REL_USERS } from '../helpers/users';
import { until } from '../helpers/wait';

let sim: Sim;
const figures = new Figures('cometd-faults', 'CometD faults (trigger)');
const logs = recordN8nLogs();
const scanner = new SecretScanner(REL_USERS);
const savedDefaults = { ...NOTIFICATION_CLIENT_DEFAULTS };
const open: ActiveTrigger[] = [];
const crashes: string[] = [];
const onRejection = (reason: unknown) => crashes.push(`unhandledRejection: ${String((reason as Error)?.message ?? reason)}`);
const onException = (error: Error) => crashes.push(`uncaughtException: ${error.message}`);

beforeAll(async () => {
	// Fast reconnects so the file takes seconds; an outage is "lasting" (emitError) only after 1.5 s.
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, { backoffIncrementMs: 50, maxBackoffMs: 200, failureAfterMs: 1500 });
	process.on('unhandledRejection', onRejection);
	process.on('uncaughtException', onException);
	sim = await startTestSimulator({ users: REL_USERS });
});
afterEach(async () => {
	await Promise.all(open.splice(0).map((t) => t.close()));
	await sim.reset();
});
afterAll(async () => {
	await scanner.captureSession(contextFor(credentialOf(sim.url, RELAGENT)), 'cometd-faults');
	const findings = scanner.finish(logs);
	figures.set('secrets found in errors, logs and items', findings.length, '0');
	figures.set('errors, items and log lines scanned', scanner.scanned);
	figures.set('crashes (unhandled rejections, uncaught exceptions)', crashes.length, '0');
	figures.write();
	process.off('unhandledRejection', onRejection);
	process.off('uncaughtException', onException);
	await sim.close();
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, savedDefaults);
	expect(findings).toEqual([]);
	expect(crashes).toEqual([]);
});

const call = (item: IDataObject) => (item.call ?? {}) as IDataObject;

/**
 * `${burst call id}#${BurstSeq}` of every burst notification received. Only AttachedDataChanged items count:
 * the burst's synthetic call is not listed by GET /api/v2/me/calls, so each resync after a reconnect rightly
 * reports it gone (a StatusChange "Released" item flagged resync, carrying the last userData seen).
 */
function burstKeys(items: IDataObject[]): string[] {
	return items
		.map((i) => (i.notificationType === 'AttachedDataChanged' ? i : {}))
		.map((i) => ((call(i).userData ?? {}) as IDataObject).BurstSeq)
		.map((seq, index) => (seq === undefined ? undefined : `${String(call(items[index]).id)}#${String(seq)}`))
		.filter((k): k is string => k !== undefined);
}

function lossAndDuplicates(items: IDataObject[], expected: number) {
	const keys = burstKeys(items);
	const unique = new Set(keys);
	return { received: keys.length, lost: expected - unique.size, duplicated: keys.length - unique.size };
}

/** Resolves once every burst notification the simulator has published so far has reached `t`. */
async function allPublishedReceived(t: ActiveTrigger): Promise<void> {
	const published = burstKeys(sim.notifications({ user: RELAGENT.username }).map((n) => n.data as IDataObject));
	await until(`the ${published.length} burst notifications published so far`, () => {
		const received = new Set(burstKeys(t.items));
		return published.every((k) => received.has(k));
	});
}

/** Publishes markers until one reaches `t` (one may go to a poll the network dropped and GWS still holds). */
async function pollingAgain(t: ActiveTrigger): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		const arrived = await t.quiet(sim, 500).then(
			() => true,
			(error: Error) => {
				if (attempt >= 10) throw error;
				return false;
			},
		);
		if (arrived) return;
	}
}

function resubscriptionsSince(seq: number): number {
	// The trigger reads the current calls after every (re)subscription (its resync).
	return sim.requests().filter((r) => r.seq > seq && r.method === 'GET' && r.path === '/api/v2/me/calls').length;
}

/** Activates the trigger and waits for its first resync (so a later resync marks a re-subscription). */
async function activate(baseUrl = sim.url): Promise<ActiveTrigger> {
	const mark = lastSeq(sim);
	const t = await activateTrigger({ credential: credentialOf(baseUrl, RELAGENT), parameters: { events: ['StatusChange', 'AttachedDataChanged'] } });
	open.push(t);
	await until('the first resync', () => resubscriptionsSince(mark) >= 1);
	return t;
}

it('10 simulator restarts during a 1,000-notification stream: 0 lost, 0 duplicated, 0 errors', async () => {
	const t = await activate();
	let streaming = true;
	const stream = sim.burst({ user: 'relagent', count: 1000, ratePerSec: 400 }).finally(() => (streaming = false));
	let restarts = 0;
	for (let i = 0; i < 10; i++) {
		// Each restart after the stream has moved on (about 120 ms of it), however fast the machine is.
		const received = burstKeys(t.items).length;
		await until(`50 more stream items before restart ${i + 1}`, () => burstKeys(t.items).length >= received + 50 || !streaming);
		sim.pauseNotifications();
		// What was published before the pause is delivered before the stop (a CometD server drops the queue of a
		// session that dies with it); the rest waits in the simulator's hub.
		await allPublishedReceived(t);
		const subscribed = t.subscribes;
		const failed = t.failedPolls;
		await sim.stop();
		await until('a refused connection', () => t.failedPolls > failed);
		await sim.start();
		await until(`the re-subscription after restart ${i + 1}`, () => t.subscribes > subscribed);
		sim.resumeNotifications(true);
		restarts++;
	}
	const published = await stream;
	expect(published.published).toBe(1000);
	await until('1,000 stream items', () => burstKeys(t.items).length >= 1000, 15_000).catch(() => undefined);
	await t.quiet(sim); // a duplicate would be in by now
	const counts = lossAndDuplicates(t.items, 1000);
	scanner.collect('restart stream items', t.items);
	scanner.collect('restart stream errors', t.errors);
	figures.set('restarts during the 1,000-notification stream', restarts, '10');
	figures.set('stream notifications received', counts.received, '1000');
	figures.add('notifications lost', counts.lost, '0');
	figures.add('notifications duplicated', counts.duplicated, '0');
	if (counts.duplicated) {
		const seen = new Map<string, IDataObject[]>();
		t.items.forEach((i) => {
			const seq = ((call(i).userData ?? {}) as IDataObject).BurstSeq;
			if (seq !== undefined) seen.set(String(seq), [...(seen.get(String(seq)) ?? []), i._gws as IDataObject]);
		});
		console.log('duplicates', JSON.stringify([...seen].filter(([, v]) => v.length > 1)));
	}
	expect(counts).toEqual({ received: 1000, lost: 0, duplicated: 0 });
	expect(t.errors).toEqual([]);
	expect(t.executions).toBe(t.items.length);
	figures.add('faults survived', restarts);
});

it('held long polls dropped by the network: reconnects at once, 0 lost, 0 duplicated', async () => {
	const proxy = new FaultyProxy(sim.port);
	await proxy.start();
	try {
		const seen: string[] = [];
		proxy.decide = (req) => {
			if (req.url.startsWith('/api/v2/notifications')) seen.push(`${Date.now() % 100000} ${req.body.slice(7, 60)}`);
			return { kind: 'pass' };
		};
		const t = await activate(proxy.url);
		const diag = (e: Error) => {
			throw new Error(`${e.message}; got ${burstKeys(t.items).length}; proxy saw: ${seen.slice(-8).join(' | ')}; log: ${logs.lines.slice(-6).map((l) => l.message.slice(0, 120)).join(' | ')}`);
		};
		let total = 0;
		for (let round = 0; round < 5; round++) {
			// The held poll returns with this burst; the next poll is held, and then dropped by the network.
			await sim.burst({ user: 'relagent', count: 100, ratePerSec: 0 });
			total += 100;
			await until(`${total} items`, () => burstKeys(t.items).length >= total).catch(diag);
			await until('the next poll', () => proxy.heldPolls === 1).catch(diag);
			const failed = t.failedPolls;
			expect(proxy.dropHeldPolls()).toBe(1);
			await until('the client seeing the drop', () => t.failedPolls > failed).catch(diag);
			// The client notices and polls again. Until its new poll reaches GWS, the server still holds the dropped
			// one and would send what comes to that dead connection (a reply cut while it carries a notification is
			// D11, not this test): markers, until one arrives, show the new poll is there.
			await pollingAgain(t).catch(diag);
		}
		await sim.burst({ user: 'relagent', count: 100, ratePerSec: 0 });
		total += 100;
		await until(`${total} items`, () => burstKeys(t.items).length >= total).catch(diag);
		await t.quiet(sim);
		const counts = lossAndDuplicates(t.items, total);
		scanner.collect('dropped poll items', t.items);
		expect(proxy.applied.drop).toBe(5);
		expect(counts).toEqual({ received: 600, lost: 0, duplicated: 0 });
		expect(t.errors).toEqual([]);
		figures.add('notifications lost', counts.lost, '0');
		figures.add('notifications duplicated', counts.duplicated, '0');
		figures.add('faults survived', 5);
	} finally {
		await proxy.close();
	}
});

it('402 unknown client (sessions dropped by the server) 5 times: re-handshakes, 0 lost, 0 duplicated', async () => {
	const t = await activate();
	let total = 0;
	for (let round = 0; round < 5; round++) {
		const subscribed = t.subscribes;
		sim.dropCometdSessions();
		await until('the re-subscription', () => t.subscribes > subscribed);
		await sim.burst({ user: 'relagent', count: 100, ratePerSec: 0 });
		total += 100;
		await until(`${total} items`, () => burstKeys(t.items).length >= total);
	}
	await t.quiet(sim);
	const counts = lossAndDuplicates(t.items, total);
	scanner.collect('402 items', t.items);
	expect(counts).toEqual({ received: 500, lost: 0, duplicated: 0 });
	expect(t.errors).toEqual([]);
	figures.add('notifications lost', counts.lost, '0');
	figures.add('notifications duplicated', counts.duplicated, '0');
	figures.add('faults survived', 5);
});

it('handshake refused for a bad password: activation fails with a clear error and leaves nothing running', async () => {
	const before = process.getActiveResourcesInfo().length;
	let failure: unknown;
	try {
		const t = await activateTrigger({
			credential: { ...credentialOf(sim.url, RELAGENT), password: 'Wr0ng#relPW-not-this!5550-kappa' },
			parameters: { events: ['StatusChange'] },
		});
		open.push(t);
	} catch (error) {
		failure = error;
	}
	scanner.addUser('relagent', 'Wr0ng#relPW-not-this!5550-kappa');
	scanner.collect('bad password activation', failure);
	expect(failure).toBeInstanceOf(Error);
	const text = `${(failure as Error).message} ${String((failure as { description?: unknown }).description)}`;
	expect(text).toMatch(/relagent/);
	expect(text).toMatch(/password|credential/i);
	// No reconnect loop left behind: the same number of timers/sockets as before (give or take one closing socket)
	// once the failed attempt's sockets have closed (a reconnect loop always holds a timer or a socket).
	await until('the failed activation\'s sockets closed', () => process.getActiveResourcesInfo().length <= before + 1, 3000).catch(() => undefined);
	expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(before + 1);
	figures.add('faults survived', 1);
});

it('a re-handshake refused later (password changed while active): one emitError, then recovers when accepted', async () => {
	const proxy = new FaultyProxy(sim.port);
	await proxy.start();
	try {
		let refuse = false;
		proxy.decide = (req) =>
			refuse && req.url.startsWith('/api/v2')
				? { kind: 'respond', status: 401, body: JSON.stringify({ statusCode: 20, statusMessage: 'Access denied' }) }
				: { kind: 'pass' };
		const t = await activate(proxy.url);
		// From now on GWS refuses the credential (REST and Bayeux alike), and the CometD session is gone.
		refuse = true;
		sim.dropCometdSessions();
		const error = await t.waitForError(10_000);
		scanner.collect('re-handshake refused error', error);
		expect(error.message).toMatch(/credential|password|refused|401/i);
		refuse = false;
		const { callId } = await sim.placeInboundCall({ to: 'relagent', from: '5550777' });
		await until('the call after recovery', () => t.items.some((i) => call(i).id === callId), 10_000);
		expect(t.errors).toHaveLength(1); // once per outage
		figures.add('faults survived', 1);
	} finally {
		await proxy.close();
	}
});

/** Messages no GWS should send; each must be skipped without an execution, an error or a crash. */
const MALFORMED: unknown[] = [
	{ channel: '/v2/me/calls', data: 'not an object' },
	{ channel: '/v2/me/calls', data: null },
	{ channel: '/v2/me/calls', data: [1, 2, 3] },
	{ channel: '/v2/me/calls', data: { messageType: 'CallStateChangeMessage', notificationType: 'StatusChange' } },
	{ channel: '/v2/me/calls', data: { messageType: 'CallStateChangeMessage', notificationType: 'StatusChange', call: 'x' } },
	{ channel: '/v2/me/calls', data: { messageType: 'CallStateChangeMessage', notificationType: 'StatusChange', call: { id: 42 } } },
	{ channel: '/v2/me/calls', data: { messageType: 'CallStateChangeMessage', notificationType: 'StatusChange', call: { state: 'Ringing' } } },
	{ channel: '/v2/me/calls', data: { messageType: 'CallStateChangeMessage', notificationType: 'NoSuchType', call: { id: 'M1' } } },
	{ channel: '/v2/me/calls', data: { messageType: 'SomethingElse', notificationType: 'StatusChange', call: { id: 'M2' } } },
	{ channel: '/v2/me/calls', data: { notificationType: { nested: true }, call: { id: 'M3' } } },
	{ channel: '/v2/me/calls' },
	{ channel: '/no/such/channel', data: { messageType: 'CallStateChangeMessage' } },
	// Without a string channel: stalled the connect loop for good before ebfbf45 (known-defects.test.ts D5).
	{ data: { messageType: 'CallStateChangeMessage', notificationType: 'StatusChange', call: { id: 'M4' } } },
	{ channel: 42, data: {} },
	null,
	42,
	'a string message',
	[],
];

it('malformed Bayeux messages and replies: skipped, 0 executions from them, 0 errors, the real stream intact', async () => {
	const proxy = new FaultyProxy(sim.port);
	await proxy.start();
	try {
		let injections = 0;
		let garbled = 0;
		proxy.decide = (req) => {
			if (!req.url.startsWith('/api/v2/notifications') || !req.body.includes('/meta/connect')) return { kind: 'pass' };
			return {
				kind: 'rewrite',
				body: (original) => {
					let messages: unknown;
					try {
						messages = JSON.parse(original);
					} catch {
						return original;
					}
					if (!Array.isArray(messages)) return original;
					// The first poll after a (re)handshake (advice timeout 0) is answered at once with the connect
					// reply alone: truncate the first three of those (nothing but the reply is lost).
					if (messages.length === 1 && req.body.includes('"timeout":0') && garbled < 3) {
						garbled++;
						return '[{"channel":"/meta/connect","successful":tr';
					}
					injections++;
					return JSON.stringify([...MALFORMED, ...messages, ...MALFORMED]);
				},
			};
		};
		const t = await activate(proxy.url);
		let total = 0;
		for (let round = 0; round < 5; round++) {
			if (round === 1 || round === 3) {
				// A re-handshake (402) gives another immediate first poll, whose reply gets truncated. (Not a read of
				// the calls since the drop: the resync after a cut reply reads them too, with the old session.)
				const subscribed = t.subscribes;
				sim.dropCometdSessions();
				await until('the re-subscription', () => t.subscribes > subscribed);
			}
			await sim.burst({ user: 'relagent', count: 100, ratePerSec: 0 });
			total += 100;
			await until(`${total} items`, () => burstKeys(t.items).length >= total);
		}
		await t.quiet(sim);
		const counts = lossAndDuplicates(t.items, total);
		scanner.collect('malformed run items', t.items);
		expect(injections).toBeGreaterThan(3);
		expect(garbled).toBe(3);
		// Every execution is a real burst notification (or the resync reporting the synthetic burst call gone
		// after a re-handshake): none came from a malformed message.
		const resync = t.items.filter((i) => (i._gws as IDataObject).resync === true);
		expect(resync.every((i) => (i._gws as IDataObject).resyncReason === 'gone')).toBe(true);
		expect(t.items.length - resync.length).toBe(total);
		expect(t.items.every((i) => typeof call(i).id === 'string' && !/^M\d$/.test(String(call(i).id)))).toBe(true);
		expect(counts).toEqual({ received: 500, lost: 0, duplicated: 0 });
		expect(t.errors).toEqual([]);
		figures.add('malformed messages injected', injections * MALFORMED.length * 2);
		figures.add('malformed (truncated) replies', garbled);
		figures.add('notifications lost', counts.lost, '0');
		figures.add('notifications duplicated', counts.duplicated, '0');
		figures.add('faults survived', 1);
	} finally {
		await proxy.close();
	}
});
