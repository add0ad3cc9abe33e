/** GET resources in GWS's documented shapes: uris without `fields`, arrays with `fields=*`, singular attributes. */
import { DEMO } from '../helpers/users';
import { GwsRestClient, CometdSubscriber } from './helpers';
import { useSimulator } from '../helpers/simulator';

// Declared before useSimulator(): jest runs afterAll hooks in order, and these need the simulator running.
afterAll(async () => {
	await CometdSubscriber.stopAll();
});
const sim = useSimulator({ reset: false });
let rest: GwsRestClient;
let callId: string;

beforeAll(async () => {
	rest = new GwsRestClient(sim.url, DEMO.agent1.username, DEMO.agent1.password);
	await rest.login();
	({ callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' }));
});

test('GET /api/v2/me: the user in the singular; subresources=* adds devices and calls', async () => {
	const me = await rest.get('/api/v2/me');
	expect(me.body).toEqual({
		statusCode: 0,
		user: expect.objectContaining({ userName: 'agent1', firstName: 'Agent', lastName: 'One', roles: ['agent'], uri: expect.stringContaining(`${sim.url}/api/v2/users/`) }),
	});
	expect(me.body.user).not.toHaveProperty('devices');
	const all = await rest.get('/api/v2/me?subresources=*');
	expect(all.body.user.devices).toEqual([expect.objectContaining({ phoneNumber: '15000', deviceState: 'Active' })]);
	expect(all.body.user.calls).toEqual([expect.objectContaining({ id: callId, state: 'Ringing' })]);
	const sup = new GwsRestClient(sim.url, 'supervisor1', 'supervisor1pass');
	expect((await sup.get('/api/v2/me')).body.user.roles).toEqual(['agent', 'supervisor']);
});

test('GET /api/v2/me/calls: uris, fields=*, fields=id,state; GET /me/calls/{id} in the singular', async () => {
	expect((await rest.get('/api/v2/me/calls')).body).toEqual({ statusCode: 0, uris: [`${sim.url}/api/v2/me/calls/${callId}`] });
	const full = await rest.get('/api/v2/me/calls?fields=*');
	expect(full.body.calls).toHaveLength(1);
	expect(full.body.calls[0]).toMatchObject({ id: callId, state: 'Ringing', callType: 'Inbound', uri: `${sim.url}/api/v2/me/calls/${callId}`, path: `/calls/${callId}` });
	expect((await rest.get('/api/v2/me/calls?fields=id,state')).body).toEqual({ statusCode: 0, calls: [{ id: callId, state: 'Ringing' }] });
	const one = await rest.get(`/api/v2/me/calls/${callId}`);
	expect(one.body.call).toEqual(full.body.calls[0]);
	const agent2 = new GwsRestClient(sim.url, 'agent2', 'agent2pass');
	expect((await agent2.get('/api/v2/me/calls')).body).toEqual({ statusCode: 0, uris: [] });
});

test('GET /api/v2/me/devices: uris, fields=*, and the device by id', async () => {
	const deviceId = await rest.deviceId();
	expect(deviceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
	expect((await rest.get('/api/v2/me/devices')).body).toEqual({ statusCode: 0, uris: [`${sim.url}/api/v2/devices/${deviceId}`] });
	const device = (await rest.get(`/api/v2/me/devices/${deviceId}`)).body.device;
	expect(Object.keys(device)).toEqual(['id', 'deviceState', 'userState', 'phoneNumber', 'e164Number', 'telephonyNetwork', 'doNotDisturb', 'voiceEnvironmentUri', 'capabilities']);
	expect((await rest.get('/api/v2/me/devices/other')).status).toBe(404);
});

test('DoNotDisturbOn/Off on POST /api/v2/me/devices/{id} (capability order as the samples)', async () => {
	const deviceId = await rest.deviceId();
	expect((await rest.post(`/api/v2/me/devices/${deviceId}`, { operationName: 'DoNotDisturbOn' })).body).toEqual({ statusCode: 0 });
	const on = (await rest.get(`/api/v2/me/devices/${deviceId}`)).body.device;
	expect([on.doNotDisturb, on.capabilities]).toEqual(['On', ['ForwardCallsOn', 'DoNotDisturbOff']]);
	await rest.post(`/api/v2/me/devices/${deviceId}`, { operationName: 'DoNotDisturbOff' });
	const off = (await rest.get(`/api/v2/me/devices/${deviceId}`)).body.device;
	expect([off.doNotDisturb, off.capabilities]).toEqual(['Off', ['DoNotDisturbOn', 'ForwardCallsOn']]);
	const bad = await rest.post(`/api/v2/me/devices/${deviceId}`, { operationName: 'Fly' });
	expect(bad.body).toEqual({ statusCode: 10, statusMessage: expect.stringContaining('supported: DoNotDisturbOn, DoNotDisturbOff, ForwardCallsOn') });
});
