 
/** The control API over real HTTP: inbound calls, remote answer/hangup, request log, latency, faults, CometD drop, pause, burst. */
import { setTimeout as sleep } from 'timers/promises';

import { CometdSubscriber, GwsRestClient, rawRequest } from './helpers';
import { useSimulator } from '../helpers/simulator';
import { DEMO } from '../helpers/users';
import { until } from '../helpers/wait';

// Declared before useSimulator(): jest runs afterAll hooks in order, and these need the simulator running.
afterAll(async () => {
	await CometdSubscriber.stopAll();
	await events?.stop();
});
const sim = useSimulator({ remoteAnswerDelayMs: -1, reset: false });
let rest: GwsRestClient;
let events: CometdSubscriber;

beforeAll(async () => {
	rest = new GwsRestClient(sim.url, DEMO.agent1.username, DEMO.agent1.password);
	await rest.login();
	events = new CometdSubscriber(sim.url, { username: DEMO.agent1.username, password: DEMO.agent1.password });
	await events.start();
});
beforeEach(async () => {
	await control('POST', '/simulator/reset');
});

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
	const reply = await rawRequest(method, sim.url + path, body === undefined ? {} : { 'Content-Type': 'application/json' }, body === undefined ? undefined : JSON.stringify(body));
	return { status: reply.status, body: JSON.parse(reply.text) };
}

test('POST /simulator/calls places an inbound call; GET /simulator/calls lists it; remote hangup releases it', async () => {
	const from = events.notifications.length;
	const placed = await control('POST', '/simulator/calls', { to: '15000', from: '5551234', dnis: '8005551000', userData: { Queue: 'Sales' }, viaQueue: true });
	expect(placed.status).toBe(200);
	const callId = placed.body.callId;
	const ringing = await events.waitFor((n) => n.data.call?.id === callId, 3000, from);
	expect(ringing.data.call).toMatchObject({ state: 'Ringing', callType: 'Inbound', dnis: '8005551000', ani: '5551234', userData: { Queue: 'Sales' } });
	expect(ringing.data.call.capabilities).toEqual(['Answer', 'Reject', 'UpdateUserData', 'AttachUserData', 'DeleteUserDataPair', 'DeleteUserData']);
	const listed = await control('GET', '/simulator/calls?user=agent1');
	expect(listed.body.calls).toEqual([expect.objectContaining({ id: callId, owner: 'agent1', state: 'Ringing', participants: ['5551234'] })]);
	expect((await control('GET', '/simulator/calls?user=agent2')).body.calls).toEqual([]);
	await rest.op(callId, 'Answer');
	const released = events.waitFor((n) => n.data.call?.id === callId && n.data.call.state === 'Released');
	expect((await control('POST', `/simulator/calls/${callId}/hangup`)).body).toEqual({ ok: true });
	expect((await released).data.call.capabilities).toEqual([]);
	expect((await control('POST', '/simulator/calls/NOPE/hangup')).status).toBe(404);
	expect((await control('POST', '/simulator/calls', { to: 'nobody', from: '1' })).body.error).toContain('"nobody"');
});

test('POST /simulator/calls checks caller numbers as numbers: 400 naming the field and the value', async () => {
	for (const [body, field] of [
		[{ to: 'agent1', from: 'abc' }, 'from'],
		[{ to: 'agent1', from: '555 abc' }, 'from'],
		[{ to: 'agent1', from: '+', dnis: '800' }, 'from'],
		[{ to: 'agent1', from: '5551234', dnis: 'sales' }, 'dnis'],
	] as const) {
		const reply = await control('POST', '/simulator/calls', body);
		expect(reply.status).toBe(400);
		expect(reply.body.error).toBe(
			`placeInboundCall: "${field}" must be a phone number (digits, optionally with a leading + and spaces, -, ., parentheses), got ${JSON.stringify((body as Record<string, string>)[field])}; e.g. "5551234"`,
		);
	}
	expect(sim.calls()).toEqual([]);
	for (const from of ['5551234', '+1 (555) 123-4567', '555.1234']) {
		expect((await control('POST', '/simulator/calls', { to: 'agent1', from })).status).toBe(200);
	}
});

test('GET /simulator/calls/{id}/wait answers once the leg reaches the state, or says what state it is in', async () => {
	const { body: placed } = await control('POST', '/simulator/calls', { to: 'agent1', from: '5551234' });
	const waiting = control('GET', `/simulator/calls/${placed.callId}/wait?user=agent1&state=Established`);
	const early = await control('GET', `/simulator/calls/${placed.callId}/wait?user=agent1&state=Ringing`);
	expect(early).toEqual({ status: 200, body: { callId: placed.callId, user: 'agent1', state: 'Ringing' } });
	await rest.op(placed.callId, 'Answer');
	expect(await waiting).toEqual({ status: 200, body: { callId: placed.callId, user: 'agent1', state: 'Established' } });
	const late = await control('GET', `/simulator/calls/${placed.callId}/wait?user=agent1&state=Held&timeoutMs=50`);
	expect(late).toEqual({ status: 400, body: { error: `call ${placed.callId} did not reach Held at agent1 within 50 ms (now: agent1 Established)` } });
	expect((await control('GET', '/simulator/calls/NOPE/wait?state=Established')).status).toBe(404);
	expect((await control('GET', `/simulator/calls/${placed.callId}/wait?user=nobody&state=Held`)).status).toBe(404);
	expect((await control('GET', `/simulator/calls/${placed.callId}/wait`)).body.error).toBe('state is required, e.g. state=Established');
	expect((await control('GET', `/simulator/calls/${placed.callId}/wait?state=Held&timeoutMs=99999999`)).body.error).toContain('timeoutMs must be a whole number of ms from 0 to 60000');
});

test('POST /simulator/calls/{id}/hangup {number}: that remote party of a conference leaves, the others stay', async () => {
	const { body: placed } = await control('POST', '/simulator/calls', { to: 'agent1', from: '5553000' });
	await rest.op(placed.callId, 'Answer');
	await rest.op(placed.callId, 'SingleStepConference', { destination: { phoneNumber: '5557000' } });
	const hangup = (body: unknown) => control('POST', `/simulator/calls/${placed.callId}/hangup`, body);
	expect((await hangup({ number: '5550000' })).body).toEqual({ error: `"5550000" is not a remote party of call ${placed.callId}; its remote parties: 5553000, 5557000` });
	expect((await hangup({ number: 5557000 })).status).toBe(400);
	expect(await hangup({ number: '5557000' })).toEqual({ status: 200, body: { ok: true } });
	expect(sim.calls('agent1').find((c) => c.id === placed.callId)?.participants).toEqual(['5553000']);
	await control('POST', `/simulator/calls/${placed.callId}/end`);
});

test('POST /simulator/calls/{id}/end ends a conference for every party, each agent getting Released', async () => {
	const { body: placed } = await control('POST', '/simulator/calls', { to: 'agent1', from: '5551234' });
	await rest.op(placed.callId, 'Answer');
	await rest.op(placed.callId, 'SingleStepConference', { destination: { phoneNumber: '15001' } });
	expect(sim.calls().filter((c) => c.id === placed.callId).map((c) => c.owner).sort()).toEqual(['agent1', 'agent2']);
	const from = events.notifications.length;
	expect(await control('POST', `/simulator/calls/${placed.callId}/end`)).toEqual({ status: 200, body: { ok: true } });
	await events.waitFor((n) => n.data.call?.id === placed.callId && n.data.call.state === 'Released', 3000, from);
	expect(sim.calls().filter((c) => c.id === placed.callId)).toEqual([]);
	expect((await control('POST', `/simulator/calls/${placed.callId}/end`)).status).toBe(404);
});

test('remoteAnswerDelayMs -1: an outbound call stays Dialing until POST /simulator/calls/{id}/answer', async () => {
	const from = events.notifications.length;
	await rest.dial('5550001');
	const dialing = await events.waitFor((n) => n.data.call?.state === 'Dialing', 3000, from);
	// With the default (0) the remote would have answered before this marker arrives.
	await events.flush();
	expect(events.notifications.slice(from).map((n) => n.data.call?.state)).toEqual(['Dialing']);
	expect(sim.calls('agent1')[0].state).toBe('Dialing');
	const established = events.waitFor((n) => n.data.call?.state === 'Established');
	expect((await control('POST', `/simulator/calls/${dialing.data.call.id}/answer`)).body).toEqual({ ok: true });
	expect((await established).data.call.id).toBe(dialing.data.call.id);
	expect((await control('POST', `/simulator/calls/${dialing.data.call.id}/answer`)).status).toBe(400);
});

test('the request log records REST requests with Authorization and Cookie redacted', async () => {
	await control('DELETE', '/simulator/requests');
	await rest.post('/api/v2/me/channels/voice', { operationName: 'Ready' });
	await rest.get('/api/v2/me/calls?fields=*');
	const { requests } = (await control('GET', '/simulator/requests')).body;
	expect(requests.map((r: any) => [r.method, r.url, r.path, r.status, r.username])).toEqual([
		['POST', '/api/v2/me/channels/voice', '/api/v2/me/channels/voice', 200, 'agent1'],
		['GET', '/api/v2/me/calls?fields=*', '/api/v2/me/calls', 200, 'agent1'],
	]);
	expect(requests[0].body).toEqual({ operationName: 'Ready' });
	expect(requests[0].headers.authorization).toBe('[REDACTED]');
	expect(requests[0].headers.cookie).toBe('[REDACTED]');
	expect(JSON.stringify(requests)).not.toContain('agent1pass');
	expect(JSON.stringify(requests)).not.toContain(rest.cookies.get('JSESSIONID'));
	expect(JSON.stringify(requests)).not.toContain(Buffer.from('agent1:agent1pass').toString('base64'));
});

test('latency is added before every REST reply', async () => {
	await control('POST', '/simulator/latency', { ms: 150 });
	const t0 = Date.now();
	await rest.get('/api/v2/me');
	expect(Date.now() - t0).toBeGreaterThanOrEqual(145);
	expect((await control('POST', '/simulator/latency', { ms: -1 })).status).toBe(400);
	await control('POST', '/simulator/latency', { ms: 0 });
});

test('faults: next N matching requests get the status/body; reset destroys the socket; hang never answers', async () => {
	expect((await control('POST', '/simulator/faults', { count: 2, status: 503, method: 'GET', pathPrefix: '/api/v2/me/calls' })).body).toEqual({ ok: true });
	expect((await rest.get('/api/v2/me')).status).toBe(200); // not matching
	const first = await rest.get('/api/v2/me/calls');
	expect(first.status).toBe(503);
	expect(first.body).toEqual({ statusCode: 4, statusMessage: 'Simulated fault: HTTP 503' });
	expect((await rest.get('/api/v2/me/calls')).status).toBe(503);
	expect((await rest.get('/api/v2/me/calls')).status).toBe(200);

	await control('POST', '/simulator/faults', { count: 1, status: 500, body: '{"statusCode":4,"statusMe' });
	const truncated = await rest.get('/api/v2/me');
	expect([truncated.status, truncated.text]).toEqual([500, '{"statusCode":4,"statusMe']);

	await control('POST', '/simulator/faults', { count: 1, status: 0, mode: 'reset' });
	await expect(rest.get('/api/v2/me')).rejects.toThrow(/socket hang up|ECONNRESET/);

	await control('POST', '/simulator/faults', { count: 1, status: 0, mode: 'hang' });
	const hung = await Promise.race([rest.get('/api/v2/me').then(() => 'answered', () => 'failed'), sleep(300).then(() => 'hung')]);
	expect(hung).toBe('hung');

	await control('POST', '/simulator/faults', { count: 5, status: 401 });
	expect((await control('DELETE', '/simulator/faults')).body).toEqual({ ok: true });
	expect((await rest.get('/api/v2/me')).status).toBe(200);
	expect((await control('POST', '/simulator/faults', { count: 0, status: 500 })).status).toBe(400);
});

test('pause queues notifications; resume delivers them in order; resume {deliver:false} drops them', async () => {
	await control('POST', '/simulator/notifications/pause');
	const from = events.notifications.length;
	const since = sim.notifications().at(-1)?.seq ?? 0;
	const { body } = await control('POST', '/simulator/calls', { to: 'agent1', from: '5551234' });
	await rest.op(body.callId, 'Answer');
	// Held back, not sent: the hub queued both (it sends a notification only when it does not queue it).
	expect(sim.notifications({ user: 'agent1', since }).map((n) => [n.data.notificationType, n.queued])).toEqual([
		['StatusChange', true],
		['StatusChange', true],
	]);
	expect(events.notifications.length).toBe(from);
	await control('POST', '/simulator/notifications/resume', {});
	const got = await events.waitForCount(2, from);
	expect(got.map((n) => n.data.call.state)).toEqual(['Ringing', 'Established']);

	await control('POST', '/simulator/notifications/pause');
	await rest.op(body.callId, 'Hold');
	await control('POST', '/simulator/notifications/resume', { deliver: false });
	// The Retrieve's notification comes after the dropped Held one would have: only it arrives.
	const next = events.waitFor((n) => n.data.call?.state === 'Established', 3000, from + 2);
	await rest.op(body.callId, 'Retrieve');
	await next;
	expect(events.notifications.slice(from + 2).map((n) => n.data.call.state)).toEqual(['Established']);
});

test('cometd/drop: the next message gets 402 unknown session, the client re-handshakes and resubscribes', async () => {
	const before = events.handshakes.length;
	const oldClientId = events.clientId;
	const status = (await control('GET', '/simulator/status')).body;
	expect(status).toMatchObject({ url: sim.url, cometdSessions: 1, notificationsPublished: expect.any(Number) });
	expect(status.users.map((u: any) => u.username)).toEqual(['agent1', 'agent2', 'supervisor1']);
	expect(JSON.stringify(status)).not.toContain('agent1pass');
	expect((await control('POST', '/simulator/cometd/drop')).body).toEqual({ ok: true });
	await until('the re-handshake and re-subscription', () => events.handshakes.length > before && events.subscribed, 5000);
	expect(events.handshakes.length).toBeGreaterThan(before);
	expect(events.clientId).not.toBe(oldClientId);
	const next = events.waitFor((n) => n.data.call?.state === 'Ringing');
	await control('POST', '/simulator/calls', { to: 'agent1', from: '5551234' });
	await next;
});

test('burst publishes N notifications at the requested rate, and >= 2000/s as fast as possible', async () => {
	const from = events.notifications.length;
	const paced = await control('POST', '/simulator/burst', { user: 'agent1', count: 50, ratePerSec: 500 });
	expect(paced.body.published).toBe(50);
	expect(paced.body.endedAt - paced.body.startedAt).toBeGreaterThanOrEqual(80);
	const got = await events.waitForCount(50, from);
	expect(got.map((n) => n.data.call.userData.BurstSeq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
	expect(got[0].data).toMatchObject({ messageType: 'CallStateChangeMessage', notificationType: 'AttachedDataChanged', phoneNumber: '15000' });

	const from2 = events.notifications.length;
	const fast = await control('POST', '/simulator/burst', { user: 'agent1', count: 5000, ratePerSec: 0 });
	const perSec = fast.body.published / Math.max(1, (fast.body.endedAt - fast.body.startedAt) / 1000);
	expect(perSec).toBeGreaterThanOrEqual(2000);
	await events.waitForCount(5000, from2, 15000);
	expect((await control('POST', '/simulator/burst', { user: 'ghost', count: 1, ratePerSec: 0 })).status).toBe(400);
});

test('POST /simulator/notifications publishes a notification to the user exactly as given (a vendor sample replayed); bad input refused', async () => {
	const from = events.notifications.length;
	const sample = { channel: '/v2/me/calls', data: { notificationType: 'DtmfSent', call: { id: 'X1', state: 'Established' }, phoneNumber: '15000', messageType: 'CallStateChangeMessage' } };
	expect((await control('POST', '/simulator/notifications', { user: 'agent1', notification: sample })).body).toEqual({ ok: true });
	const [got] = await events.waitForCount(1, from);
	expect({ channel: got.channel, data: got.data }).toEqual(sample);
	expect((await control('POST', '/simulator/notifications', { user: 'ghost', notification: sample })).status).toBe(404);
	const bad = await control('POST', '/simulator/notifications', { user: 'agent1', notification: { data: {} } });
	expect([bad.status, bad.body.error]).toEqual([400, expect.stringContaining('notification must be')]);
});

test('the control API refuses unknown routes and bad JSON clearly', async () => {
	expect((await control('GET', '/simulator/nothing')).status).toBe(404);
	const bad = await rawRequest('POST', `${sim.url}/simulator/latency`, { 'Content-Type': 'application/json' }, '{');
	expect(bad.status).toBe(400);
	expect(JSON.parse(bad.text).error).toContain('Malformed JSON');
});

test('GET /simulator/notifications logs what each user was sent, with the time it was published; GET /simulator/agents shows each device', async () => {
	const from = events.notifications.length;
	const before = Date.now();
	const placed = await control('POST', '/simulator/calls', { to: 'agent1', from: '5551234' });
	const callId = placed.body.callId;
	const received = await events.waitFor((n) => n.data.call?.id === callId, 3000, from);
	const logged = (await control('GET', '/simulator/notifications?user=agent1')).body.notifications;
	expect(logged).toHaveLength(1);
	expect(logged[0]).toMatchObject({ seq: expect.any(Number), username: 'agent1', channel: '/v2/me/calls' });
	// Exactly what the CometD subscriber got.
	expect(logged[0].data).toEqual(received.data);
	expect(logged[0].time).toBeGreaterThanOrEqual(before - 1);
	expect(logged[0].time).toBeLessThanOrEqual(Date.now() + 1);
	expect((await control('GET', '/simulator/notifications?user=agent2')).body.notifications).toEqual([]);
	expect((await control('GET', `/simulator/notifications?since=${logged[0].seq}`)).body.notifications).toEqual([]);
	expect((await control('GET', '/simulator/notifications?since=abc')).body.error).toContain('"abc"');
	expect((await control('DELETE', '/simulator/notifications')).body).toEqual({ ok: true });
	expect(sim.notifications()).toEqual([]);

	const agents = (await control('GET', '/simulator/agents')).body.agents;
	expect(agents.map((a: { username: string }) => a.username)).toEqual(['agent1', 'agent2', 'supervisor1']);
	const [agent1] = agents;
	expect(agent1).toMatchObject({ phoneNumber: '15000', roles: ['agent'], deviceId: expect.any(String) });
	const devices = await rest.get('/api/v2/me/devices?fields=*');
	expect(agent1.device).toEqual(devices.body.devices[0]);
});
