/**
 * Payloads no client, page or users file may use to wedge the simulator (issue 21), over real HTTP: bodies nested
 * thousands of levels deep or larger than 1 MiB (refused early, before they are logged or stored or authenticated),
 * JavaScript property names as operation names and state names, a user-data key "__proto__", and a Bayeux body
 * `[null]`. After each one the read endpoints still answer and the console's live feed still shows every agent.
 */
import * as http from 'http';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../simulator/bodyLimits';
import { useSimulator } from '../helpers/simulator';
import { EventStream } from './eventStream';
import { CometdSubscriber, DEMO, GwsRestClient, rawRequest } from './helpers';

const sim = useSimulator();

afterEach(async () => {
	await EventStream.closeAll();
	await CometdSubscriber.stopAll();
});

/** `{"a":{"a":...}}` nested `levels` deep: about 12 KB at 6,000 levels. */
function nested(levels: number): string {
	return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

const DEEP = nested(6000);
const DEPTH_MESSAGE = `nest at most ${MAX_JSON_DEPTH} levels`;

async function control(method: string, path: string, body?: string): Promise<{ status: number; body: any; text: string }> {
	const reply = await rawRequest(method, sim.url + path, body === undefined ? {} : { 'Content-Type': 'application/json' }, body);
	let parsed: unknown = reply.text;
	try {
		parsed = JSON.parse(reply.text);
	} catch {
		// not JSON
	}
	return { status: reply.status, body: parsed, text: reply.text };
}

/** What must hold after any payload: every read endpoint answers and the live feed's hello shows every agent. */
async function stillWorks(): Promise<void> {
	for (const path of ['/simulator/requests', '/simulator/calls', '/simulator/notifications', '/simulator/agents', '/simulator/status']) {
		const reply = await control('GET', path);
		expect({ path, status: reply.status }).toEqual({ path, status: 200 });
	}
	const stream = new EventStream();
	await stream.connect(sim.url);
	const hello = await stream.waitFor((e) => e.event === 'hello', 'hello');
	expect(hello.data.snapshot.agents.map((a: { username: string }) => a.username).sort()).toEqual(Object.keys(DEMO).sort());
}

const basic = (user: { username: string; password: string }) => 'Basic ' + Buffer.from(`${user.username}:${user.password}`).toString('base64');

describe('a body nested 6,000 levels deep', () => {
	it('on REST without login: 400 naming the depth limit, logged only as a marker, and everything still works', async () => {
		const reply = await rawRequest('POST', `${sim.url}/api/v2/me/calls/x`, { 'Content-Type': 'application/json' }, DEEP);
		expect(reply.status).toBe(400);
		expect(JSON.parse(reply.text).statusMessage).toContain(DEPTH_MESSAGE);
		const logged = sim.requests().at(-1)!;
		expect(logged.status).toBe(400);
		expect(String(logged.body)).toMatch(/^\[not kept: .*nested too deeply/);
		await stillWorks();
	});

	it('on REST with a login: 400 before the route, the same message', async () => {
		const reply = await rawRequest('POST', `${sim.url}/api/v2/me/channels/voice`, { 'Content-Type': 'application/json', Authorization: basic(DEMO.agent1) }, DEEP);
		expect(reply.status).toBe(400);
		expect(JSON.parse(reply.text).statusMessage).toContain(DEPTH_MESSAGE);
		await stillWorks();
	});

	it(`as userData of POST /simulator/calls: 400, and no call is kept`, async () => {
		const reply = await control('POST', '/simulator/calls', `{"to":"agent1","from":"5550100","userData":${DEEP}}`);
		expect(reply.status).toBe(400);
		expect(reply.body.error).toContain(DEPTH_MESSAGE);
		expect(sim.calls()).toEqual([]);
		await stillWorks();
	});

	it('as userData of placeInboundCall (the in-process API) just past the limit: refused, no call kept', async () => {
		const userData = JSON.parse(nested(MAX_JSON_DEPTH + 1)) as Record<string, unknown>;
		await expect(sim.placeInboundCall({ to: 'agent1', from: '5550100', userData })).rejects.toThrow(DEPTH_MESSAGE);
		expect(sim.calls()).toEqual([]);
		// At the limit it is taken, and every log and feed copes with it.
		await sim.placeInboundCall({ to: 'agent1', from: '5550100', userData: JSON.parse(nested(MAX_JSON_DEPTH)) });
		expect(sim.calls()).toHaveLength(1);
		await stillWorks();
	});

	it('in REST AttachUserData with a live subscriber: 400, the subscriber and the logs go on', async () => {
		const rest = new GwsRestClient(sim.url, DEMO.agent1.username, DEMO.agent1.password);
		await rest.login();
		const subscriber = new CometdSubscriber(sim.url, { username: DEMO.agent1.username, password: DEMO.agent1.password, cookieHeader: rest.cookieHeader });
		await subscriber.start();
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5550100' });
		const reply = await rest.post(`/api/v2/me/calls/${callId}`, `{"operationName":"AttachUserData","userData":${DEEP}}`);
		expect(reply.status).toBe(400);
		expect(reply.body.statusMessage).toContain(DEPTH_MESSAGE);
		expect((await rest.op(callId, 'AttachUserData', { userData: { Account: '1' } })).status).toBe(200);
		await subscriber.waitFor((n) => n.data.notificationType === 'AttachedDataChanged', 5000, 0);
		await stillWorks();
	});

	it('on CometD: 400 naming the limit', async () => {
		const reply = await rawRequest('POST', `${sim.url}/api/v2/notifications`, { 'Content-Type': 'application/json', Authorization: basic(DEMO.agent1) }, `[${DEEP}]`);
		expect(reply.status).toBe(400);
		expect(JSON.parse(reply.text).statusMessage).toContain(DEPTH_MESSAGE);
		await stillWorks();
	});
});

describe('a body larger than 1 MiB', () => {
	/** One POST with a body of `bytes`, announced by Content-Length or sent chunked, optionally with Expect: 100-continue. */
	function bigPost(path: string, bytes: number, opts: { chunked?: boolean; expectContinue?: boolean } = {}): Promise<{ status: number; text: string }> {
		return new Promise((resolve, reject) => {
			const headers: Record<string, string> = { 'Content-Type': 'application/json' };
			if (!opts.chunked) headers['Content-Length'] = String(bytes);
			if (opts.expectContinue) headers.Expect = '100-continue';
			const req = http.request(`${sim.url}${path}`, { method: 'POST', headers, agent: false }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
			});
			req.on('error', reject);
			const send = () => {
				const piece = Buffer.alloc(64 * 1024, 'x');
				let left = bytes;
				const more = (): void => {
					while (left > 0) {
						const n = Math.min(left, piece.length);
						left -= n;
						if (!req.write(n === piece.length ? piece : piece.subarray(0, n))) return void req.once('drain', more);
					}
					req.end();
				};
				more();
			};
			if (opts.expectContinue) req.once('continue', send);
			else send();
		});
	}

	for (const [label, path, opts] of [
		['REST, Content-Length', '/api/v2/me/calls/x', {}],
		['REST, Expect: 100-continue', '/api/v2/me/calls/x', { expectContinue: true }],
		['REST, chunked', '/api/v2/me/calls/x', { chunked: true }],
		['the control API, chunked', '/simulator/calls', { chunked: true }],
		['CometD, Content-Length', '/api/v2/notifications', {}],
	] as const) {
		it(`${label}: 413 with a message naming the limit (not a reset)`, async () => {
			const reply = await bigPost(path, MAX_BODY_BYTES + 10_000, opts);
			expect(reply.status).toBe(413);
			expect(reply.text).toContain(`the limit is ${MAX_BODY_BYTES} bytes`);
			await stillWorks();
		});
	}
});

describe('JavaScript property names as names', () => {
	const NAMES = ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__'];
	let rest: GwsRestClient;
	beforeEach(async () => {
		rest = new GwsRestClient(sim.url, DEMO.agent1.username, DEMO.agent1.password);
		await rest.login();
	});

	for (const name of NAMES) {
		it(`operationName "${name}" on /api/v2/me/channels/voice and /api/v2/me/calls/{id}: 400 unknown operation, nothing changed`, async () => {
			const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5550100' });
			const before = sim.agents().find((a) => a.username === 'agent1');
			const voice = await rest.post('/api/v2/me/channels/voice', { operationName: name });
			expect(voice.status).toBe(400);
			expect(voice.body.statusMessage).toContain(`Unknown operationName '${name}'`);
			const call = await rest.op(callId, name);
			expect(call.status).toBe(400);
			expect(call.body.statusMessage).toContain(`Unknown operationName '${name}'`);
			expect(sim.agents().find((a) => a.username === 'agent1')).toEqual(before);
			const state = await control('POST', '/simulator/agents/agent1/state', JSON.stringify({ state: name }));
			expect(state.status).toBe(400);
			expect(state.body.error).toMatch(/"state" must be one of/);
		});
	}

	it('a user-data key "__proto__" is kept as a key, in the call, the notification and GET /simulator/calls', async () => {
		const subscriber = new CometdSubscriber(sim.url, { username: DEMO.agent1.username, password: DEMO.agent1.password, cookieHeader: rest.cookieHeader });
		await subscriber.start();
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5550100' });
		const reply = await rest.post(`/api/v2/me/calls/${callId}`, '{"operationName":"AttachUserData","userData":{"__proto__":"x","Other":"y"}}');
		expect(reply.status).toBe(200);
		const changed = await subscriber.waitFor((n) => n.data.notificationType === 'AttachedDataChanged', 5000, 0);
		expect(Object.keys(changed.data.call.userData)).toEqual(['__proto__', 'Other']);
		const calls = await control('GET', '/simulator/calls');
		expect(calls.text).toContain('"userData":{"__proto__":"x","Other":"y"}');
	});
});

describe('CometD message shapes', () => {
	for (const body of ['[null]', '[1]', '[[]]', '[{"data":{}}]', 'null']) {
		it(`${body}: 400 naming the shape of a Bayeux message`, async () => {
			const reply = await rawRequest('POST', `${sim.url}/api/v2/notifications`, { 'Content-Type': 'application/json', Authorization: basic(DEMO.agent1) }, body);
			expect(reply.status).toBe(400);
			expect(JSON.parse(reply.text).statusMessage).toContain('is not an object with a "channel" string');
		});
	}
});

describe('what is stored and streamed is bounded in bytes', () => {
	it('a 200 KB body is logged once, cut at 64 KiB with a marker; the console frame shows at most 4 KiB of it', async () => {
		const { LOGGED_BODY_CHARS } = await import('../../simulator/traffic');
		const stream = new EventStream();
		await stream.connect(sim.url);
		await stream.waitFor((e) => e.event === 'hello', 'hello');
		const text = JSON.stringify({ operationName: 'Answer', junk: 'y'.repeat(200_000) });
		expect((await rawRequest('POST', `${sim.url}/api/v2/me/calls/x`, { 'Content-Type': 'application/json' }, text)).status).toBe(401);
		const logged = sim.requests().at(-1)!;
		expect(logged.rawBody).toBe(`${text.slice(0, LOGGED_BODY_CHARS)}… [truncated: ${text.length} characters in all, ${LOGGED_BODY_CHARS} kept]`);
		expect(logged.body).toBe(logged.rawBody);
		const frame = await stream.waitFor((e) => e.event === 'log' && e.data.requests.some((r: { seq: number }) => r.seq === logged.seq), 'the log frame');
		const shown = frame.data.requests.find((r: { seq: number }) => r.seq === logged.seq);
		expect(String(shown.body)).toMatch(/… \[truncated: \d+ characters in all, 4096 kept\]$/);
		expect(String(shown.body).length).toBeLessThan(4200);
		expect(shown.rawBody).toBeUndefined();
	});

	it('the notification log keeps about 32 M characters at most, dropping the oldest; the console shows large user data as a marker', async () => {
		const stream = new EventStream();
		await stream.connect(sim.url);
		await stream.waitFor((e) => e.event === 'hello', 'hello');
		const blob = 'z'.repeat(600_000);
		const placed: string[] = [];
		for (let i = 0; i < 70; i++) placed.push((await sim.placeInboundCall({ to: 'agent1', from: `5557${String(i).padStart(3, '0')}`, userData: { Blob: blob } })).callId);
		const logged = sim.notifications();
		const chars = logged.reduce((sum, n) => sum + JSON.stringify(n.data).length, 0);
		expect(chars).toBeLessThan(34 * 2 ** 20);
		expect(logged.length).toBeLessThan(70);
		// The newest are kept.
		expect(JSON.stringify(logged.at(-1)!.data)).toContain(placed.at(-1)!);
		const frame = await stream.waitFor((e) => e.event === 'log' && e.data.notifications.length > 0, 'a log frame with notifications');
		expect(frame.data.notifications[0].data.call.userData).toEqual({ '[truncated]': expect.stringContaining('user data of more than 4096 characters') });
		await stillWorks();
	});
});
