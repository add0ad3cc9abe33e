/** The Bayeux endpoint itself: raw protocol checks (auth per request, session ownership, cookies) and channel matching. */
import { channelMatches } from '../../simulator/cometd';
import { CometdSubscriber, GwsRestClient, rawRequest } from './helpers';
import { DEMO } from '../helpers/users';
import { useSimulator } from '../helpers/simulator';

// Declared before useSimulator(): jest runs afterAll hooks in order, and these need the simulator running.
afterAll(async () => {
	await CometdSubscriber.stopAll();
});
const sim = useSimulator({ reset: false });

const basic = (u: { username: string; password: string }) => 'Basic ' + Buffer.from(`${u.username}:${u.password}`).toString('base64');

async function bayeux(auth: string, messages: unknown[], cookie?: string) {
	const headers: Record<string, string> = { Authorization: auth, 'Content-Type': 'application/json' };
	if (cookie) headers.Cookie = cookie;
	const reply = await rawRequest('POST', `${sim.url}/api/v2/notifications`, headers, JSON.stringify(messages));
	return { status: reply.status, headers: reply.headers, body: reply.status === 200 ? JSON.parse(reply.text) : reply.text };
}

test('a raw handshake sets both JSESSIONID and BAYEUX_BROWSER; no CSRF token needed', async () => {
	const reply = await bayeux(basic(DEMO.agent1), [{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] }]);
	expect(reply.status).toBe(200);
	expect(reply.body[0]).toMatchObject({ channel: '/meta/handshake', successful: true });
	const cookies = reply.headers.getSetCookie().map((c) => c.split('=')[0]);
	expect(cookies).toEqual(expect.arrayContaining(['JSESSIONID', 'BAYEUX_BROWSER']));
});

test('unauthenticated Bayeux requests get HTTP 401 statusCode 20; another user cannot use a clientId', async () => {
	const none = await rawRequest('POST', `${sim.url}/api/v2/notifications`, { 'Content-Type': 'application/json' }, '[{"channel":"/meta/handshake"}]');
	expect(none.status).toBe(401);
	expect(JSON.parse(none.text).statusCode).toBe(20);
	const hs = await bayeux(basic(DEMO.agent1), [{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] }]);
	const clientId = hs.body[0].clientId;
	const stolen = await bayeux(basic(DEMO.agent2), [{ channel: '/meta/subscribe', clientId, subscription: '/v2/me/calls' }]);
	expect(stolen.status).toBe(403);
	const own = await bayeux(basic(DEMO.agent1), [{ channel: '/meta/subscribe', clientId, subscription: '/v2/me/calls' }]);
	expect(own.body[0]).toMatchObject({ channel: '/meta/subscribe', successful: true });
	const malformed = await rawRequest('POST', `${sim.url}/api/v2/notifications`, { Authorization: basic(DEMO.agent1) }, '[{');
	expect(malformed.status).toBe(400);
});

test('a wildcard subscription (/v2/me/*) receives both channels, still only for its own user', async () => {
	const rest = new GwsRestClient(sim.url, DEMO.agent2.username, DEMO.agent2.password);
	await rest.login();
	const wild = new CometdSubscriber(sim.url, { username: DEMO.agent2.username, password: DEMO.agent2.password, channels: ['/v2/me/*'] });
	await wild.start();
	await rest.post('/api/v2/me/channels/voice', { operationName: 'AuxWork' });
	const device = await wild.waitFor((n) => n.channel === '/v2/me/devices', 3000, 0);
	expect(device.data.devices[0].userState).toMatchObject({ state: 'NotReady', workMode: 'AuxWork' });
	await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
	const { callId } = await sim.placeInboundCall({ to: 'agent2', from: '5551234' });
	const call = await wild.waitFor((n) => n.channel === '/v2/me/calls', 3000, 0);
	expect(call.data.call.id).toBe(callId);
	await wild.stop();
});

test('an InitiateConference to an unreachable number is accepted, then an ErrorMessage names the call', async () => {
	const rest = new GwsRestClient(sim.url, DEMO.supervisor1.username, DEMO.supervisor1.password);
	await rest.login();
	const events = new CometdSubscriber(sim.url, { username: DEMO.supervisor1.username, password: DEMO.supervisor1.password });
	await events.start();
	const { callId } = await sim.placeInboundCall({ to: 'supervisor1', from: '5551234' });
	await events.waitFor((n) => n.data.call?.state === 'Ringing', 3000, 0);
	await rest.op(callId, 'Answer');
	await events.waitFor((n) => n.data.call?.state === 'Established', 3000, 0);
	const from = events.notifications.length;
	expect((await rest.op(callId, 'InitiateConference', { destination: { phoneNumber: '9990001' } })).body).toEqual({ statusCode: 0 });
	const error = await events.waitFor((n) => n.data.messageType === 'ErrorMessage', 3000, from);
	expect(error.data).toEqual({
		errorCode: 56,
		errorMessage: expect.stringContaining("InitiateConference to '9990001' failed"),
		operationName: 'InitiateConference',
		callId,
		callUri: `${sim.url}/api/v2/me/calls/${callId}`,
		destination: { phoneNumber: '9990001' },
		phoneNumber: '15002',
		messageType: 'ErrorMessage',
	});
	expect(sim.calls('supervisor1').map((c) => c.state)).toEqual(['Established']);
	await events.stop();
});

test('channel matching follows Bayeux wildcards', () => {
	expect(channelMatches('/v2/me/calls', '/v2/me/calls')).toBe(true);
	expect(channelMatches('/v2/me/*', '/v2/me/calls')).toBe(true);
	expect(channelMatches('/v2/*', '/v2/me/calls')).toBe(false);
	expect(channelMatches('/v2/**', '/v2/me/calls')).toBe(true);
	expect(channelMatches('/**', '/v2/me/devices')).toBe(true);
	expect(channelMatches('/v2/me/devices', '/v2/me/calls')).toBe(false);
});
