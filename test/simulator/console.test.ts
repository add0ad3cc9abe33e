/**
 * The simulator console over real HTTP: the page and its files, the live event stream (GET /simulator/events),
 * the control routes the page uses (agent state, operations as an agent, restart, pending faults), the guard
 * that keeps web pages of other origins out, and the stream's resource rules (a client that leaves or reads too
 * slowly is released; the simulator keeps serving).
 */
import * as net from 'net';
import { Script } from 'vm';
import { consoleScript } from '../../simulator/console/script';
import { useSimulator } from '../helpers/simulator';
import { EventStream } from './eventStream';
import { CometdSubscriber, DEMO, GwsRestClient, rawRequest, sleep } from './helpers';

const sim = useSimulator({ remoteAnswerDelayMs: -1 });

afterEach(async () => {
	await EventStream.closeAll();
	await CometdSubscriber.stopAll();
});

async function control(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
	const reply = await rawRequest(method, sim.url + path, body === undefined ? headers : { 'Content-Type': 'application/json', ...headers }, body === undefined ? undefined : JSON.stringify(body));
	return { status: reply.status, body: reply.text.startsWith('{') ? JSON.parse(reply.text) : reply.text };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(25);
	}
}

const consoleClients = async () => (await control('GET', '/simulator/status')).body.consoleClients as number;

describe('the page', () => {
	test('GET /simulator/console serves the page, its script and styles, locked to the simulator origin', async () => {
		const page = await rawRequest('GET', `${sim.url}/simulator/console`, {});
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
		expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		expect(page.text).toContain('<script src="/simulator/console/app.js" defer></script>');
		const script = await rawRequest('GET', `${sim.url}/simulator/console/app.js`, {});
		expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
		expect(script.text).toBe(consoleScript());
		expect(() => new Script(script.text, { filename: 'app.js' })).not.toThrow();
		const style = await rawRequest('GET', `${sim.url}/simulator/console/style.css`, {});
		expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
		expect(style.text).toContain('.call.st-Ringing');
		expect((await control('POST', '/simulator/console')).status).toBe(405);
	});

	test('the page sets what it shows as text, never as HTML', () => {
		// User data and numbers come from users: no innerHTML/outerHTML/insertAdjacentHTML/document.write anywhere.
		expect(consoleScript()).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
	});
});

describe('the event stream', () => {
	test('recently ended calls are kept by the simulator: a page that connects later (a reload) gets them in its hello', async () => {
		const { callId } = (await control('POST', '/simulator/calls', { to: 'agent1', from: '5551234', userData: { VIP: 'true' } })).body;
		await control('POST', `/simulator/agents/agent1/calls/${callId}`, { operationName: 'Answer' });
		await control('POST', `/simulator/calls/${callId}/hangup`);
		const stream = new EventStream();
		await stream.connect(sim.url);
		const hello = await stream.waitFor((e) => e.event === 'hello', 'hello');
		expect(hello.data.snapshot.calls).toEqual([]);
		expect(hello.data.snapshot.ended).toEqual([
			{ call: expect.objectContaining({ id: callId, owner: 'agent1', state: 'Established', participants: ['5551234'], userData: { VIP: 'true' } }), endedAt: expect.any(Number) },
		]);
		// the console's copy adds only what the leg also accepts (nothing, once ended)
		const withoutAccepted = hello.data.snapshot.ended.map(({ call: { alsoAccepted, ...call }, endedAt }: any) => (expect(alsoAccepted).toEqual([]), { call, endedAt }));
		expect((await control('GET', '/simulator/calls/ended?user=agent1')).body.ended).toEqual(withoutAccepted);
		expect((await control('GET', '/simulator/calls/ended?user=agent2')).body).toEqual({ ended: [] });
		// Bounded: each user's last five, newest first.
		const more: string[] = [];
		for (let i = 0; i < 6; i++) {
			const placed = (await control('POST', '/simulator/calls', { to: 'agent1', from: `555000${i}` })).body;
			await control('POST', `/simulator/calls/${placed.callId}/hangup`);
			more.push(placed.callId);
		}
		const ended = (await control('GET', '/simulator/calls/ended')).body.ended;
		expect(ended.map((e: any) => e.call.id)).toEqual(more.slice(1).reverse());
		expect(ended.map((e: any) => e.call.state)).toEqual(['Ringing', 'Ringing', 'Ringing', 'Ringing', 'Ringing']);
		await control('POST', '/simulator/reset');
		expect((await control('GET', '/simulator/calls/ended')).body).toEqual({ ended: [] });
	});

	test('hello on connect, then the notifications, requests and snapshots of a placed call as they happen', async () => {
		const stream = new EventStream();
		await stream.connect(sim.url);
		expect(stream.status).toBe(200);
		expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
		const hello = await stream.waitFor((e) => e.event === 'hello', 'hello');
		expect(hello.data.snapshot.agents.map((a: any) => a.username)).toEqual(['agent1', 'agent2', 'supervisor1']);
		expect(hello.data.snapshot.agents[0].device).toMatchObject({ phoneNumber: '15000', userState: { state: 'NotReady' } });
		expect(hello.data.snapshot.calls).toEqual([]);

		const { callId } = (await control('POST', '/simulator/calls', { to: 'agent1', from: '5551234', userData: { VIP: 'true' } })).body;
		const ringing = await stream.waitFor((e) => e.event === 'log' && e.data.notifications.some((n: any) => n.data.call?.id === callId), 'log with the Ringing notification');
		const notification = ringing.data.notifications.find((n: any) => n.data.call?.id === callId);
		expect(notification).toMatchObject({ username: 'agent1', channel: '/v2/me/calls', data: { notificationType: 'StatusChange', call: { state: 'Ringing', userData: { VIP: 'true' } } } });
		expect(typeof notification.seq).toBe('number');
		await stream.waitFor((e) => e.event === 'snapshot' && e.data.calls.some((c: any) => c.id === callId && c.state === 'Ringing'), 'snapshot with the call');

		// A REST request from the agent's client appears once answered, with its status and secrets redacted.
		const rest = new GwsRestClient(sim.url, DEMO.agent1.username, DEMO.agent1.password);
		await rest.login();
		await rest.op(callId, 'Answer');
		const answered = await stream.waitFor(
			(e) => e.event === 'log' && e.data.requests.some((r: any) => r.method === 'POST' && r.path === `/api/v2/me/calls/${callId}`),
			'log with the Answer request',
		);
		const request = answered.data.requests.find((r: any) => r.method === 'POST');
		expect(request).toMatchObject({ username: 'agent1', status: 200, body: { operationName: 'Answer' } });
		expect(request.headers.authorization).toBe('[REDACTED]');
		expect(request.headers.cookie).toBe('[REDACTED]');
		expect(request.rawBody).toBeUndefined();
		expect(JSON.stringify(stream.events)).not.toContain(DEMO.agent1.password);
		expect(JSON.stringify(stream.events)).not.toContain(Buffer.from(`${DEMO.agent1.username}:${DEMO.agent1.password}`).toString('base64'));
		await stream.waitFor((e) => e.event === 'snapshot' && e.data.calls.some((c: any) => c.id === callId && c.state === 'Established'), 'snapshot with the call Established');
	});

	test('a new client gets the recent log in its hello; a reset starts every client over', async () => {
		const { callId } = await sim.placeInboundCall({ to: 'agent2', from: '5550100' });
		const stream = new EventStream();
		await stream.connect(sim.url);
		const hello = await stream.waitFor((e) => e.event === 'hello', 'hello');
		expect(hello.data.notifications.map((n: any) => n.data.call?.id)).toContain(callId);
		expect(hello.data.snapshot.calls.map((c: any) => c.id)).toEqual([callId]);
		await control('POST', '/simulator/reset');
		const second = await stream.waitFor((e) => e.event === 'hello' && e !== hello, 'a second hello after reset');
		expect(second.data.snapshot.calls).toEqual([]);
		expect(second.data.notifications).toEqual([]);
	});

	test('a snapshot follows changes no notification announces: a CometD session appearing', async () => {
		const stream = new EventStream();
		await stream.connect(sim.url);
		await stream.waitFor((e) => e.event === 'hello', 'hello');
		const events = new CometdSubscriber(sim.url, { username: DEMO.agent2.username, password: DEMO.agent2.password });
		await events.start();
		await stream.waitFor((e) => e.event === 'snapshot' && e.data.cometdSessions.agent2 === 1, 'a snapshot counting the session', 3000);
	});

	test('a client that disconnects is released at once', async () => {
		expect(await consoleClients()).toBe(0);
		const streams = [new EventStream(), new EventStream()];
		for (const s of streams) await s.connect(sim.url);
		await until(async () => (await consoleClients()) === 2, 'two console clients');
		streams[0].close();
		await until(async () => (await consoleClients()) === 1, 'the closed client released');
		streams[1].close();
		await until(async () => (await consoleClients()) === 0, 'every client released');
		// Nobody listens: publishing costs the feed nothing and breaks nothing.
		await sim.placeInboundCall({ to: 'agent1', from: '5551000' });
		expect(sim.calls('agent1')).toHaveLength(1);
	});

	test('a client that stops reading is cut off before it holds much memory; a reading client and the simulator carry on', async () => {
		const reader = new EventStream();
		await reader.connect(sim.url);
		// A client that sends its request and then never reads a byte.
		const stalled = net.connect(sim.port, '127.0.0.1');
		await new Promise<void>((resolve) => stalled.once('connect', () => resolve()));
		stalled.on('error', () => undefined);
		stalled.write(`GET /simulator/events HTTP/1.1\r\nHost: 127.0.0.1:${sim.port}\r\n\r\n`);
		stalled.pause();
		try {
			await until(async () => (await consoleClients()) === 2, 'both clients connected');
			const before = process.memoryUsage().rss;
			// About 0.5 MB of notifications per second goes to each client; the kernel's socket buffers take a few MB
			// before the simulator has to hold anything itself.
			await until(
				async () => {
					await control('POST', '/simulator/burst', { user: 'agent1', count: 2000, ratePerSec: 10000 });
					return (await consoleClients()) === 1;
				},
				'the stalled client cut off',
				60_000,
			);
			expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
			expect(reader.events.filter((e) => e.event === 'log').length).toBeGreaterThan(0);
			// The simulator still answers, and the reading client still gets events.
			const seen = reader.events.length;
			await sim.placeInboundCall({ to: 'agent2', from: '5552000' });
			await reader.waitFor((e) => reader.events.indexOf(e) >= seen && e.event === 'log', 'a log event after the cut-off');
		} finally {
			stalled.destroy();
		}
	}, 90_000);
});

describe('control routes the page uses', () => {
	test('POST /simulator/agents/{username}/state sends the notification the REST agent-state operation sends', async () => {
		const events = new CometdSubscriber(sim.url, { username: DEMO.agent1.username, password: DEMO.agent1.password });
		await events.start();
		const rest = new GwsRestClient(sim.url, DEMO.agent1.username, DEMO.agent1.password);
		await rest.login();
		for (const state of ['Ready', 'AfterCallWork', 'NotReady']) {
			const viaRest = events.waitFor((n) => n.channel === '/v2/me/devices');
			expect((await rest.post('/api/v2/me/channels/voice', { operationName: state })).body).toEqual({ statusCode: 0 });
			const expected = await viaRest;
			// Somewhere else first, and its notification received, so the next one is the control route's.
			const away = events.waitFor((n) => (n.data.devices as any)?.[0]?.userState?.workMode === 'AuxWork');
			await control('POST', '/simulator/agents/agent1/state', { state: 'AuxWork' });
			await away;
			const viaControl = events.waitFor((n) => n.channel === '/v2/me/devices');
			expect((await control('POST', '/simulator/agents/agent1/state', { state })).body).toEqual({ ok: true });
			expect(await viaControl).toEqual(expected);
		}
		const loggedOut = events.waitFor((n) => n.data.devices?.[0]?.userState?.state === 'LoggedOut');
		expect((await control('POST', '/simulator/agents/agent1/state', { state: 'LoggedOut' })).status).toBe(200);
		await loggedOut;
		expect(sim.agents()[0].device.userState).toMatchObject({ state: 'LoggedOut' });
		await control('POST', '/simulator/agents/agent1/state', { state: 'LoggedIn' });
		expect(sim.agents()[0].device.userState).toMatchObject({ state: 'NotReady' });
	});

	test('POST /simulator/agents/{username}/calls/{id} runs a call operation as the agent: hang up ends the call on every side', async () => {
		const agent1 = new CometdSubscriber(sim.url, { username: 'agent1', password: 'agent1pass' });
		const supervisor = new CometdSubscriber(sim.url, { username: 'supervisor1', password: 'supervisor1pass' });
		await Promise.all([agent1.start(), supervisor.start()]);
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5553000' });
		expect((await control('POST', `/simulator/agents/agent1/calls/${callId}`, { operationName: 'Answer' })).body).toEqual({ ok: true });
		await control('POST', `/simulator/agents/agent1/calls/${callId}`, { operationName: 'SingleStepConference', destination: { phoneNumber: '15002' } });
		await supervisor.waitFor((n) => n.data.call?.id === callId && n.data.call.state === 'Established');
		const released = [agent1, supervisor].map((s) => s.waitFor((n) => n.data.call?.id === callId && n.data.call.state === 'Released'));
		// With three parties, agent1 leaving keeps the call for the others; then the supervisor hangs up too.
		expect((await control('POST', `/simulator/agents/agent1/calls/${callId}`, { operationName: 'Hangup' })).status).toBe(200);
		await released[0];
		await control('POST', `/simulator/agents/supervisor1/calls/${callId}`, { operationName: 'Hangup' });
		await released[1];
		expect(sim.calls()).toEqual([]);
	});

	test('POST /simulator/agents/{username}/device runs a device operation as the agent', async () => {
		expect((await control('POST', '/simulator/agents/agent2/device', { operationName: 'DoNotDisturbOn' })).body).toEqual({ ok: true });
		expect(sim.agents()[1].device).toMatchObject({ doNotDisturb: 'On' });
		expect(sim.notifications({ user: 'agent2' }).at(-1)?.data).toMatchObject({ messageType: 'DeviceStateChangeMessage', devices: [{ doNotDisturb: 'On' }] });
	});

	test('bad input is answered with what to fix, and the simulator keeps serving', async () => {
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5554000' });
		const cases: Array<[string, string, unknown, number, string]> = [
			['POST', '/simulator/agents/nobody/state', { state: 'Ready' }, 404, 'agent "nobody" is not a configured username (configured: agent1, agent2, supervisor1)'],
			['POST', '/simulator/agents/agent1/state', { state: 'Busy' }, 400, '"state" must be one of Ready, NotReady, AfterCallWork, AuxWork, LoggedIn, LoggedOut (got "Busy")'],
			['POST', '/simulator/agents/agent1/state', {}, 400, '(got nothing)'],
			['POST', `/simulator/agents/agent1/calls/${callId}`, {}, 400, '"operationName" is required'],
			['POST', `/simulator/agents/agent1/calls/${callId}`, { operationName: 'Hold' }, 400, `GWS refused Hold for agent1 (HTTP 409, statusCode 2): Operation 'Hold' is not allowed for call ${callId} in state Ringing`],
			['POST', `/simulator/agents/agent1/calls/${callId}`, { operationName: 'SingleStepConference' }, 400, "(HTTP 400, statusCode 1): Missing required parameter 'destination'"],
			['POST', '/simulator/agents/agent2/calls/NOPE', { operationName: 'Hangup' }, 404, "Call 'NOPE' not found for user 'agent2'"],
			['POST', '/simulator/agents/agent1/device', { operationName: 'Explode' }, 400, "Unknown operationName 'Explode'"],
			['POST', '/simulator/calls', { to: 'agent1', from: '5551234', userData: 'VIP' }, 400, '"userData" must be an object'],
			['POST', '/simulator/restart', { downMs: 'soon' }, 400, 'downMs must be a whole number of ms from 0 to 60000 (got "soon")'],
		];
		for (const [method, path, body, status, message] of cases) {
			const reply = await control(method, path, body);
			expect({ path, status: reply.status }).toEqual({ path, status });
			expect(reply.body.error).toContain(message);
		}
		const malformed = await rawRequest('POST', `${sim.url}/simulator/agents/agent1/state`, { 'Content-Type': 'application/json' }, '{"state": Ready}');
		expect(malformed.status).toBe(400);
		expect(JSON.parse(malformed.text).error).toContain('Malformed JSON body');
		expect(sim.calls('agent1')).toEqual([expect.objectContaining({ id: callId, state: 'Ringing' })]);
	});

	test('GET /simulator/faults lists injected faults until they are used up', async () => {
		await control('POST', '/simulator/faults', { count: 2, status: 503, pathPrefix: '/api/v2/me/calls' });
		expect((await control('GET', '/simulator/faults')).body.faults).toEqual([{ count: 2, status: 503, pathPrefix: '/api/v2/me/calls', mode: 'status' }]);
		await control('DELETE', '/simulator/faults');
		expect((await control('GET', '/simulator/faults')).body.faults).toEqual([]);
	});

	test('POST /simulator/restart answers, stops for downMs, starts on the same port: calls kept, sessions gone, the stream comes back', async () => {
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5555000' });
		const events = new CometdSubscriber(sim.url, { username: 'agent1', password: 'agent1pass' });
		await events.start();
		const stream = new EventStream();
		await stream.connect(sim.url);
		await stream.waitFor((e) => e.event === 'hello', 'hello');
		const port = sim.port;
		expect((await control('POST', '/simulator/restart', { downMs: 400 })).body).toEqual({ ok: true, restarting: true, downMs: 400 });
		await sleep(150);
		await expect(rawRequest('GET', `${sim.url}/simulator/status`, {})).rejects.toThrow(/ECONNREFUSED/);
		await until(async () => (await rawRequest('GET', `${sim.url}/simulator/status`, {}).catch(() => ({ status: 0 }))).status === 200, 'the simulator back', 5000);
		expect(sim.port).toBe(port);
		expect(sim.calls('agent1').map((c) => c.id)).toEqual([callId]);
		// The stream ended with the restart; a reconnecting client gets a fresh hello.
		const again = new EventStream();
		await again.connect(sim.url);
		const hello = await again.waitFor((e) => e.event === 'hello', 'hello after restart');
		expect(hello.data.snapshot.calls.map((c: any) => c.id)).toEqual([callId]);
		// The CometD client handshakes again by itself (its old session is unknown after the restart).
		await until(() => events.handshakes.filter((h) => h.successful).length >= 2, 'a new CometD handshake', 10_000);
	}, 30_000);
});

describe('only this machine, and only the console page, may use /simulator/', () => {
	test('a browser request from another origin, or a request to a non-loopback host name, is refused', async () => {
		const foreign = await control('POST', '/simulator/calls', { to: 'agent1', from: '1' }, { Origin: 'http://evil.example' });
		expect(foreign.status).toBe(403);
		expect(foreign.body.error).toContain('refuses requests from web pages of other origins');
		const nullOrigin = await control('POST', '/simulator/reset', undefined, { Origin: 'null' });
		expect(nullOrigin.status).toBe(403);
		const rebound = await control('GET', '/simulator/events', undefined, { Host: 'attacker.example:80' });
		expect(rebound.status).toBe(403);
		expect(rebound.body.error).toContain('loopback host');
		expect(sim.calls()).toEqual([]);
		// The console's own requests carry its origin and pass.
		const own = await control('POST', '/simulator/calls', { to: 'agent1', from: '5556000' }, { Origin: sim.url });
		expect(own.status).toBe(200);
		expect((await control('GET', '/simulator/status', undefined, { Host: `localhost:${sim.port}` })).status).toBe(200);
	});
});
