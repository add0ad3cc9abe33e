/** Basic auth, JSESSIONID sessions, CSRF, EndContactCenterSession and restart semantics, over real HTTP and CometD. */
import { CometdSubscriber, GwsRestClient } from './helpers';
import { startTestSimulator, useSimulator } from '../helpers/simulator';
import { DEMO } from '../helpers/users';
import { until } from '../helpers/wait';

// Declared before useSimulator(): jest runs afterAll hooks in order, and these need the simulator running.
afterAll(async () => {
	await CometdSubscriber.stopAll();
});
const sim = useSimulator();

const client = (user: { username: string; password: string } = DEMO.agent1) => new GwsRestClient(sim.url, user.username, user.password);

describe('basic auth', () => {
	test('missing credentials: HTTP 401 statusCode 20', async () => {
		const res = await fetch(`${sim.url}/api/v2/me`);
		expect(res.status).toBe(401);
		expect(await res.json()).toEqual({ statusCode: 20, statusMessage: expect.stringContaining('Access denied') });
	});

	test('a wrong password: 401 statusCode 20, and the password is never echoed', async () => {
		const rest = new GwsRestClient(sim.url, 'agent1', 'S3cret-Wrong!');
		const reply = await rest.get('/api/v2/me');
		expect(reply.status).toBe(401);
		expect(reply.body.statusCode).toBe(20);
		expect(reply.text).not.toContain('S3cret-Wrong!');
		const unknownUser = await new GwsRestClient(sim.url, 'nobody', 'x').get('/api/v2/me');
		expect(unknownUser.status).toBe(401);
		expect(sim.requests().every((r) => !JSON.stringify(r).includes('S3cret-Wrong!'))).toBe(true);
	});

	test('valid basic auth creates a session cookie; the cookie alone then authenticates', async () => {
		const rest = client();
		const reply = await rest.login();
		expect(reply.headers.get('set-cookie')).toMatch(/^JSESSIONID=[0-9A-F]+; Path=\/; HttpOnly$/);
		expect(reply.body.user).toMatchObject({ userName: 'agent1', roles: ['agent'] });
		rest.sendBasicAuth = false;
		const again = await rest.get('/api/v2/me');
		expect(again.status).toBe(200);
		expect(again.headers.get('set-cookie')).toBeNull();
		const bogus = await fetch(`${sim.url}/api/v2/me`, { headers: { Cookie: 'JSESSIONID=NOTASESSION' } });
		expect(bogus.status).toBe(401);
	});
});

describe('CSRF', () => {
	test('GET answers carry X-CSRF-HEADER and X-CSRF-TOKEN (one token per session)', async () => {
		const a = client();
		const b = client(DEMO.agent2);
		const ra = await a.login();
		await b.login();
		expect(ra.headers.get('x-csrf-header')).toBe('X-CSRF-TOKEN');
		expect(a.csrfToken).toMatch(/^[0-9a-f-]{36}$/);
		expect(b.csrfToken).not.toBe(a.csrfToken);
		expect((await a.get('/api/v2/me/calls')).headers.get('x-csrf-token')).toBe(a.csrfToken);
	});

	test('POST without the token, with a wrong token, or without the session cookie: 403 "Missing or invalid Csrf token"', async () => {
		const rest = client();
		await rest.login();
		const body = { operationName: 'Ready' };
		const noToken = await rest.post('/api/v2/me/channels/voice', body, { 'X-CSRF-TOKEN': '' });
		expect(noToken.status).toBe(403);
		expect(noToken.text).toBe('Missing or invalid Csrf token');
		const wrong = await rest.post('/api/v2/me/channels/voice', body, { 'X-CSRF-TOKEN': '00000000-0000-0000-0000-000000000000' });
		expect(wrong.status).toBe(403);
		const auth = 'Basic ' + Buffer.from('agent1:agent1pass').toString('base64');
		const noCookie = await fetch(`${sim.url}/api/v2/me/channels/voice`, {
			method: 'POST',
			headers: { Authorization: auth, 'X-CSRF-TOKEN': rest.csrfToken!, 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		expect(noCookie.status).toBe(403);
		expect((await rest.post('/api/v2/me/channels/voice', body)).body).toEqual({ statusCode: 0 });
	});

	test('csrf:false accepts POSTs without a token and sends no CSRF headers', async () => {
		const open = await startTestSimulator({ csrf: false });
		try {
			const rest = new GwsRestClient(open.url, 'agent1', 'agent1pass');
			const me = await rest.get('/api/v2/me');
			expect(me.headers.get('x-csrf-header')).toBeNull();
			expect((await rest.post('/api/v2/me/channels/voice', { operationName: 'Ready' })).body).toEqual({ statusCode: 0 });
		} finally {
			await open.close();
		}
	});
});

describe('contact center session and agent state', () => {
	test('StartContactCenterSession, Ready/NotReady/AfterCallWork -> DeviceStateChangeMessage, EndContactCenterSession invalidates the session', async () => {
		const rest = client();
		await rest.login();
		const events = new CometdSubscriber(sim.url, { cookieHeader: rest.cookieHeader });
		await events.start();
		try {
			expect((await rest.post('/api/v2/me', { operationName: 'StartContactCenterSession', channels: ['voice'] })).body).toEqual({ statusCode: 0 });
			const missing = await rest.post('/api/v2/me', { operationName: 'StartContactCenterSession' });
			expect(missing.body).toEqual({ statusCode: 1, statusMessage: expect.stringContaining("'channels'") });
			for (const [op, state] of [['Ready', { state: 'Ready', displayName: 'Ready' }], ['NotReady', { state: 'NotReady', displayName: 'Not Ready' }], ['AfterCallWork', { state: 'NotReady', workMode: 'AfterCallWork' }]] as const) {
				const from = events.notifications.length;
				expect((await rest.post('/api/v2/me/channels/voice', { operationName: op })).body).toEqual({ statusCode: 0 });
				const n = await events.waitFor((x) => x.channel === '/v2/me/devices', 3000, from);
				expect(n.data.messageType).toBe('DeviceStateChangeMessage');
				expect(n.data.devices[0]).toMatchObject({ deviceState: 'Active', phoneNumber: '15000', telephonyNetwork: 'Private', userState: state });
			}
			const devices = await rest.get('/api/v2/me/devices?fields=*');
			expect(devices.body.devices[0].userState.workMode).toBe('AfterCallWork');
			const bad = await rest.post('/api/v2/me/channels/voice', { operationName: 'Dance' });
			expect(bad.body).toEqual({ statusCode: 10, statusMessage: expect.stringContaining("Unknown operationName 'Dance'") });
			expect((await rest.post('/api/v2/me', { operationName: 'EndContactCenterSession' })).body).toEqual({ statusCode: 0 });
			rest.sendBasicAuth = false;
			expect((await rest.get('/api/v2/me')).status).toBe(401);
		} finally {
			await events.stop();
		}
	});
});

describe('CometD auth', () => {
	test('a handshake with bad credentials is refused; the REST session cookie alone works', async () => {
		const bad = new CometdSubscriber(sim.url, { username: 'agent1', password: 'wrong' });
		// cometd.js warns (with a stack trace) about the refused handshake: expected here, so asserted, not printed.
		const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
		try {
			await expect(bad.start(2000)).rejects.toThrow(/handshake refused/);
			expect(warn.mock.calls.map((args) => args.join(' ')).join('\n')).toMatch(/Could not negotiate transport/);
		} finally {
			warn.mockRestore();
			await bad.stop();
		}
		const rest = client();
		await rest.login();
		const good = new CometdSubscriber(sim.url, { cookieHeader: rest.cookieHeader });
		try {
			await good.start();
			const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
			const n = await good.waitFor((x) => x.data.call?.id === callId, 3000, 0);
			expect(n.data.phoneNumber).toBe('15000');
		} finally {
			await good.stop();
		}
	});
});

describe('restart', () => {
	test('stop()+start() keeps calls, forgets HTTP and CometD sessions; the CometD client re-handshakes and resubscribes', async () => {
		const rest = client();
		await rest.login();
		const events = new CometdSubscriber(sim.url, { username: 'agent1', password: 'agent1pass' });
		await events.start();
		try {
			const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
			await events.waitFor((n) => n.data.call?.id === callId, 3000, 0);
			const port = sim.port;
			const oldClientId = events.clientId;
			await sim.stop();
			await sim.start();
			expect(sim.port).toBe(port);
			// Stale session cookie without basic auth: 401; with basic auth a new session (and a new CSRF token).
			rest.sendBasicAuth = false;
			expect((await rest.get('/api/v2/me')).status).toBe(401);
			rest.sendBasicAuth = true;
			const oldToken = rest.csrfToken;
			const stalePost = await rest.post(`/api/v2/me/calls/${callId}`, { operationName: 'Answer' });
			expect(stalePost.status).toBe(403);
			await rest.login();
			expect(rest.csrfToken).not.toBe(oldToken);
			// The call survived the restart.
			expect((await rest.get(`/api/v2/me/calls/${callId}`)).body.call.state).toBe('Ringing');
			// The CometD client got 402 unknown session, handshook again and resubscribed.
			await until('the re-handshake and re-subscription', () => events.clientId !== oldClientId && events.subscribed, 5000);
			expect(events.clientId).not.toBe(oldClientId);
			const from = events.notifications.length;
			expect((await rest.op(callId, 'Answer')).body).toEqual({ statusCode: 0 });
			const n = await events.waitFor((x) => x.data.call?.state === 'Established', 3000, from);
			expect(n.data.call.id).toBe(callId);
		} finally {
			await events.stop();
		}
	});
});
