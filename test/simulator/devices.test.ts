/**
 * Devices and agent state (docs/FIDELITY.md, "Devices" and "Agent state and login"): DND and call forwarding as the
 * pages show them (capability flips, forwardTo, where forwarded calls go), voice login with agents that start
 * logged out, AfterCallWork's wrapUpTime; every change as a DeviceStateChangeMessage on /v2/me/devices.
 */
import { startTestSimulator, type RunningSimulator } from '../helpers/simulator';
import { GwsRestClient, CometdSubscriber } from './helpers';
import { agentState, deviceOp, exactly, isCall, isDevice, nothingMore, useLoggedInAgents } from './flows';

const { sim, ag } = useLoggedInAgents();

/** One device operation and the one DeviceStateChangeMessage it causes. */
async function deviceChange(rest: GwsRestClient, events: CometdSubscriber, operationName: string, params: Record<string, unknown> = {}) {
	const from = events.notifications.length;
	const reply = await deviceOp(rest, operationName, params);
	expect(reply.body).toEqual({ statusCode: 0 });
	const [n] = await exactly(events, from, 1);
	expect(isDevice(n)).toBe(true);
	expect(n.data.devices).toHaveLength(1);
	return n.data.devices[0];
}

describe('device capabilities', () => {
	test('an agent lists DoNotDisturbOn, ForwardCallsOn; a supervisor also ListenIn, Coach, BargeIn (the samples\' order)', async () => {
		expect((await ag.a1.get('/api/v2/me/devices?fields=*')).body.devices[0].capabilities).toEqual(['DoNotDisturbOn', 'ForwardCallsOn']);
		expect((await ag.sup.get('/api/v2/me/devices?fields=*')).body.devices[0].capabilities).toEqual(['DoNotDisturbOn', 'ForwardCallsOn', 'ListenIn', 'Coach', 'BargeIn']);
	});
});

describe('DND', () => {
	test('DoNotDisturbOn / Off: doNotDisturb and the capability flip; each refused when not listed', async () => {
		const on = await deviceChange(ag.sup, ag.eSup, 'DoNotDisturbOn');
		expect([on.doNotDisturb, on.capabilities]).toEqual(['On', ['ForwardCallsOn', 'DoNotDisturbOff', 'ListenIn', 'Coach', 'BargeIn']]);
		const again = await deviceOp(ag.sup, 'DoNotDisturbOn');
		expect([again.status, again.body.statusCode]).toEqual([409, 2]);
		expect(again.body.statusMessage).toContain("Operation 'DoNotDisturbOn' is not allowed for device");
		expect(again.body.statusMessage).toContain('allowed: ForwardCallsOn, DoNotDisturbOff, ListenIn, Coach, BargeIn');
		const off = await deviceChange(ag.sup, ag.eSup, 'DoNotDisturbOff');
		expect([off.doNotDisturb, off.capabilities]).toEqual(['Off', ['DoNotDisturbOn', 'ForwardCallsOn', 'ListenIn', 'Coach', 'BargeIn']]);
		expect((await deviceOp(ag.sup, 'DoNotDisturbOff')).status).toBe(409);
	});
});

describe('call forwarding', () => {
	test('ForwardCallsOn with a plain string destination: forwardTo and ForwardCallsOff; ForwardCallsOff removes forwardTo', async () => {
		const on = await deviceChange(ag.a2, ag.e2, 'ForwardCallsOn', { destination: '5001' });
		expect(on.forwardTo).toBe('5001');
		expect(on.capabilities).toEqual(['DoNotDisturbOn', 'ForwardCallsOff']);
		expect(Object.keys(on)).toEqual(['id', 'deviceState', 'userState', 'phoneNumber', 'e164Number', 'telephonyNetwork', 'doNotDisturb', 'forwardTo', 'voiceEnvironmentUri', 'capabilities']);
		expect((await deviceOp(ag.a2, 'ForwardCallsOn', { destination: '5002' })).status).toBe(409);
		const off = await deviceChange(ag.a2, ag.e2, 'ForwardCallsOff');
		expect(off).not.toHaveProperty('forwardTo');
		expect(off.capabilities).toEqual(['DoNotDisturbOn', 'ForwardCallsOn']);
		expect((await deviceOp(ag.a2, 'ForwardCallsOff')).status).toBe(409);
	});

	test('ForwardCallsOn refusals name the parameter: missing, the {phoneNumber} object shape, empty, own DN', async () => {
		const missing = await deviceOp(ag.a2, 'ForwardCallsOn');
		expect([missing.status, missing.body]).toEqual([400, { statusCode: 1, statusMessage: expect.stringContaining("Missing required parameter 'destination'") }]);
		const object = await deviceOp(ag.a2, 'ForwardCallsOn', { destination: { phoneNumber: '5001' } });
		expect(object.body).toEqual({ statusCode: 10, statusMessage: expect.stringContaining('as a plain string, e.g. {"destination":"5001"}') });
		expect(object.body.statusMessage).toContain("Invalid parameter 'destination': {\"phoneNumber\":\"5001\"}");
		expect((await deviceOp(ag.a2, 'ForwardCallsOn', { destination: ' ' })).body.statusCode).toBe(10);
		const own = await deviceOp(ag.a2, 'ForwardCallsOn', { destination: '15001' });
		expect(own.body.statusMessage).toContain('a number other than your own DN 15001');
	});

	test('a call to a forwarding agent rings the forward destination agent (dnis = the number dialled); the forwarding agent sees nothing', async () => {
		await deviceChange(ag.a2, ag.e2, 'ForwardCallsOn', { destination: '15002' });
		const from2 = ag.e2.notifications.length;
		const fromSup = ag.eSup.notifications.length;
		const from1 = ag.e1.notifications.length;
		await ag.a1.dial('15001');
		const [dialing] = await exactly(ag.e1, from1, 1);
		expect(dialing.data.call).toMatchObject({ state: 'Dialing', callType: 'Internal', dnis: '15001' });
		expect(dialing.data.call.participants.map((p: { phoneNumber: string }) => p.phoneNumber)).toEqual(['15002']);
		const [ringing] = await exactly(ag.eSup, fromSup, 1);
		expect(ringing.data.call).toMatchObject({ state: 'Ringing', dnis: '15001' });
		expect(ringing.data.call.participants.map((p: { phoneNumber: string }) => p.phoneNumber)).toEqual(['15000']);
		await nothingMore(ag.e2, from2);
		// An inbound call too; placeInboundCall says where it went.
		expect(await sim.placeInboundCall({ to: 'agent2', from: '5551234' })).toEqual({ callId: expect.any(String), offeredTo: 'supervisor1' });
		expect(sim.calls('supervisor1').map((c) => [c.state, c.dnis])).toEqual([['Ringing', '15001'], ['Ringing', '15001']]);
	});

	test('a call to an agent forwarding to a remote number goes out to that number; an inbound one leaves the simulator', async () => {
		await deviceChange(ag.a2, ag.e2, 'ForwardCallsOn', { destination: '5559999' });
		const from1 = ag.e1.notifications.length;
		await ag.a1.dial('15001');
		const [dialing, established] = await exactly(ag.e1, from1, 2);
		expect(dialing.data.call).toMatchObject({ state: 'Dialing', callType: 'Outbound', dnis: '15001' });
		expect(established.data.call.participants.map((p: { phoneNumber: string }) => p.phoneNumber)).toEqual(['5559999']);
		expect(await sim.placeInboundCall({ to: '15001', from: '5551234' })).toEqual({ callId: expect.any(String), forwardedTo: '5559999' });
		expect(sim.calls('agent2')).toEqual([]);
	});

	test('forwarding is followed one hop only, and a forward back to the caller is ignored', async () => {
		await deviceChange(ag.a2, ag.e2, 'ForwardCallsOn', { destination: '15002' });
		await deviceChange(ag.sup, ag.eSup, 'ForwardCallsOn', { destination: '5559999' });
		await ag.a1.dial('15001');
		expect(sim.calls('supervisor1').map((c) => c.state)).toEqual(['Ringing']);
		await sim.reset();
		await deviceChange(ag.a2, ag.e2, 'ForwardCallsOn', { destination: '15000' });
		await ag.a1.dial('15001');
		expect(sim.calls('agent2').map((c) => [c.state, c.participants])).toEqual([['Ringing', ['15000']]]);
	});

	test('DND does not stop a direct call (it rings; only the queue skips DND agents)', async () => {
		await deviceChange(ag.a2, ag.e2, 'DoNotDisturbOn');
		await ag.a1.dial('15001');
		expect(sim.calls('agent2').map((c) => c.state)).toEqual(['Ringing']);
	});

	test('SingleStepTransfer to a forwarding agent goes to the forward destination', async () => {
		await deviceChange(ag.a2, ag.e2, 'ForwardCallsOn', { destination: '15002' });
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
		await ag.a1.op(callId, 'Answer');
		const ringing = ag.eSup.waitFor(isCall('Ringing', callId));
		expect((await ag.a1.op(callId, 'SingleStepTransfer', { destination: { phoneNumber: '15001' } })).body).toEqual({ statusCode: 0 });
		expect((await ringing).data.call.participants.map((p: { phoneNumber: string }) => p.phoneNumber)).toEqual(['5551234']);
		expect(sim.calls('agent2')).toEqual([]);
	});
});

describe('Ready', () => {
	test('with and without workmode (ManualIn / AutoIn); another workmode is refused naming it', async () => {
		for (const params of [{}, { workmode: 'ManualIn' }, { workmode: 'AutoIn' }]) {
			expect((await agentState(ag.a1, 'Ready', params)).body).toEqual({ statusCode: 0 });
		}
		const bad = await agentState(ag.a1, 'Ready', { workmode: 'Manual' });
		expect(bad.body).toEqual({ statusCode: 10, statusMessage: 'Invalid parameter \'workmode\': "Manual" is not valid; expected "ManualIn" or "AutoIn"' });
	});
});

describe('AfterCallWork', () => {
	test('with and without wrapUpTime (a string): userState as the AgentStateAfterCallWork page; a non-numeric string is refused', async () => {
		for (const params of [{}, { wrapUpTime: '0' }, { wrapUpTime: '30' }]) {
			const from = ag.e1.notifications.length;
			expect((await agentState(ag.a1, 'AfterCallWork', params)).body).toEqual({ statusCode: 0 });
			// (A previous test's call notifications may still be arriving on /v2/me/calls: count the device ones.)
			await ag.e1.waitFor(isDevice, 3000, from);
			const [n, ...more] = (await exactly(ag.e1, from, 1)).filter(isDevice);
			expect(more).toEqual([]);
			expect(n.data.devices[0].userState).toEqual({ id: expect.any(String), displayName: 'AfterCallWork', state: 'NotReady', workMode: 'AfterCallWork' });
		}
		expect(sim.agents().find((a) => a.username === 'agent1')?.wrapUpTime).toBe('30');
		for (const bad of ['abc', '1.5', '', 30]) {
			const reply = await agentState(ag.a1, 'AfterCallWork', { wrapUpTime: bad });
			expect([reply.status, reply.body.statusCode]).toEqual([400, 10]);
			expect(reply.body.statusMessage).toContain(`Invalid parameter 'wrapUpTime': ${JSON.stringify(bad)}`);
			expect(reply.body.statusMessage).toContain('a string of whole seconds, e.g. "30"');
		}
	});
});

describe('voice login', () => {
	let out: RunningSimulator;
	let rest: GwsRestClient;
	let events: CometdSubscriber;
	beforeAll(async () => {
		out = await startTestSimulator({ agentsLoggedOut: true });
		rest = new GwsRestClient(out.url, 'agent1', 'agent1pass');
		await rest.login();
		events = new CometdSubscriber(out.url, { username: 'agent1', password: 'agent1pass' });
		await events.start();
	});
	afterAll(async () => {
		await events?.stop();
		await out?.close();
	});

	const refusedAsLoggedOut = (reply: { status: number; body: any }, operationName: string) => {
		expect(reply.status).toBe(409);
		expect(reply.body).toEqual({
			statusCode: 2,
			statusMessage: `User 'agent1' is logged out of the voice channel, so '${operationName}' is not possible; log in first with POST /api/v2/me {"operationName":"StartContactCenterSession","channels":["voice"]}`,
		});
	};

	test('agentsLoggedOut: Ready, Dial and call operations fail until StartContactCenterSession; reading and DND work', async () => {
		await out.reset();
		const device = (await rest.get('/api/v2/me/devices?fields=*')).body.devices[0];
		expect(device.userState).toEqual({ id: expect.any(String), displayName: 'Logged Out', state: 'LoggedOut' });
		expect(out.agents().map((a) => a.loggedIn)).toEqual([false, false, false]);
		refusedAsLoggedOut(await agentState(rest, 'Ready'), 'Ready');
		refusedAsLoggedOut(await agentState(rest, 'NotReady'), 'NotReady');
		refusedAsLoggedOut(await rest.dial('5550001'), 'Dial');
		const { callId } = await out.placeInboundCall({ to: 'agent1', from: '5551234' });
		refusedAsLoggedOut(await rest.op(callId, 'Answer'), 'Answer');
		expect((await rest.get(`/api/v2/me/calls/${callId}`)).body.call.state).toBe('Ringing');
		expect((await deviceOp(rest, 'DoNotDisturbOn')).body).toEqual({ statusCode: 0 });
		// A queued call is not offered to logged-out agents.
		await out.placeInboundCall({ from: '5551234', viaQueue: true });
		expect(out.queue()).toHaveLength(1);
	});

	test('StartContactCenterSession (with and without place, loginCode, queue) logs in NotReady; then Ready and Dial work; EndContactCenterSession logs out', async () => {
		await out.reset();
		const from = events.notifications.length;
		expect((await rest.post('/api/v2/me', { operationName: 'StartContactCenterSession', channels: ['voice'] })).body).toEqual({ statusCode: 0 });
		const [login] = await exactly(events, from, 1);
		expect(login.data.devices[0].userState).toMatchObject({ displayName: 'Not Ready', state: 'NotReady' });
		expect((await agentState(rest, 'Ready')).body).toEqual({ statusCode: 0 });
		expect((await rest.dial('5550001')).body).toEqual({ statusCode: 0 });

		const full = { operationName: 'StartContactCenterSession', channels: ['voice'], place: 'Place_15000', loginCode: '15000', queue: '8000' };
		expect((await rest.post('/api/v2/me', full)).body).toEqual({ statusCode: 0 });
		expect(out.agents()[0]).toMatchObject({ loggedIn: true, place: 'Place_15000', loginQueue: '8000' });
		// Repeated while logged in (and Ready): accepted, logged in again NotReady (docs/FIDELITY.md L8).
		expect((out.agents()[0].device.userState as { state: string }).state).toBe('NotReady');
		for (const [name, value] of [['place', 5], ['loginCode', ''], ['queue', ['8000']]] as const) {
			const bad = await rest.post('/api/v2/me', { ...full, [name]: value });
			expect(bad.body).toEqual({ statusCode: 10, statusMessage: expect.stringContaining(`Invalid parameter '${name}'`) });
		}
		// A login code's value never shows in an error.
		const secret = await rest.post('/api/v2/me', { ...full, loginCode: 12345678 });
		expect(secret.body.statusMessage).toBe('Invalid parameter \'loginCode\' (value not shown): expected a non-empty string, e.g. "15000"');
		const chat = await rest.post('/api/v2/me', { operationName: 'StartContactCenterSession', channels: ['voice', 'chat'] });
		expect(chat.body.statusMessage).toContain('only "voice"');

		const fromEnd = events.notifications.length;
		expect((await rest.post('/api/v2/me', { operationName: 'EndContactCenterSession' })).body).toEqual({ statusCode: 0 });
		const [logout] = await exactly(events, fromEnd, 1);
		expect(logout.data.devices[0].userState.state).toBe('LoggedOut');
		expect(out.agents()[0].loggedIn).toBe(false);
		// The HTTP session is gone (its CSRF token with it); a new one finds the agent logged out.
		expect((await agentState(rest, 'Ready')).status).toBe(403);
		await rest.login();
		refusedAsLoggedOut(await agentState(rest, 'Ready'), 'Ready');
	});

	test('reset() brings the agents back logged out; the default simulator starts them logged in (NotReady)', async () => {
		await rest.post('/api/v2/me', { operationName: 'StartContactCenterSession', channels: ['voice'] });
		await out.reset();
		expect(out.agents()[0].loggedIn).toBe(false);
		expect(sim.agents().map((a) => [a.loggedIn, (a.device.userState as { state: string }).state])).toEqual([
			[true, 'NotReady'],
			[true, 'NotReady'],
			[true, 'NotReady'],
		]);
	});
});
