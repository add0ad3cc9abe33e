/**
 * The agent resource's voice session, wrap-up time, DND and forwarding in real n8n-core executions against a
 * simulator whose agents start logged out (as after a contact-center restart): the exact request GWS received with
 * and without each optional field, Wait for Confirmation (the DeviceStateChangeMessage showing the effect), Check
 * Capabilities First (the device's capabilities), and bad input.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode, type GwsTestCredential, type NodeResult } from '../helpers/n8n';
import { useSimulator } from '../helpers/simulator';
import { agent1, deviceOf, lastSeq, requestsSince } from './setup';

const sim = useSimulator({ agentsLoggedOut: true });

const WAIT = { waitForConfirmation: true, confirmationTimeout: 5 };
const CHECK = { capabilityPreCheck: true };

async function run(operation: string, params: INodeParameters = {}, credential: GwsTestCredential = agent1(sim)): Promise<NodeResult> {
	return await runNode({ credential, parameters: { resource: 'agent', operation, ...params } });
}

async function ok(operation: string, params: INodeParameters = {}): Promise<IDataObject> {
	const result = await run(operation, params);
	if (result.status !== 'success') throw result.error ?? new Error(`status ${result.status}`);
	return result.items[0];
}

/** GWS requests since `since`, the logins (GET /api/v2/me) left out. */
function sent(since: number) {
	return requestsSince(sim, since).filter((r) => !(r.method === 'GET' && r.path === '/api/v2/me'));
}

const agentView = (username = 'agent1') => sim.agents().find((a) => a.username === username)!;

describe('voice session', () => {
	it('a logged-out agent gets statusCode 2 (HTTP 409) on Ready and Dial, naming Start Session\'s operation', async () => {
		const ready = await run('setState', { agentState: 'Ready' });
		expect(ready.status).toBe('error');
		expect(ready.error?.httpCode).toBe('409');
		expect(`${ready.error?.message} ${ready.error?.description}`).toContain('StartContactCenterSession');
		const dial = await runNode({ credential: agent1(sim), parameters: { resource: 'call', operation: 'dial', destination: '5550100' } });
		expect(dial.status).toBe('error');
		expect(`${dial.error?.message} ${dial.error?.description}`).toContain('StartContactCenterSession');
	});

	it('startSession without optional fields sends channels ["voice"] only; then Ready works', async () => {
		const since = lastSeq(sim);
		const item = await ok('startSession');
		expect(sent(since)).toEqual([
			{ method: 'POST', path: '/api/v2/me', body: { operationName: 'StartContactCenterSession', channels: ['voice'] } },
		]);
		expect(item).toMatchObject({ operation: 'startSession', operationName: 'StartContactCenterSession', statusCode: 0 });
		expect(agentView()).toMatchObject({ loggedIn: true, device: { userState: { state: 'NotReady' } } });
		expect((await run('setState', { agentState: 'Ready' })).status).toBe('success');
	});

	it('startSession with place, loginCode and queue, waiting for the device to show the agent logged in', async () => {
		const since = lastSeq(sim);
		// The page shows no notification for it: the device is read back, so it confirms with no notification at all.
		sim.pauseNotifications();
		const item = await ok('startSession', { place: 'Place_15000', loginCode: '4711', queue: '8000', options: WAIT });
		sim.resumeNotifications(false);
		expect(sent(since).filter((r) => r.method === 'POST')).toEqual([
			{
				method: 'POST',
				path: '/api/v2/me',
				body: { operationName: 'StartContactCenterSession', channels: ['voice'], place: 'Place_15000', loginCode: '4711', queue: '8000' },
			},
		]);
		expect(item).toMatchObject({ confirmed: true, confirmedBy: { readBack: expect.any(Number) } });
		expect(sent(since).filter((r) => r.method === 'GET').map((r) => r.path)).toContain('/api/v2/me/devices');
		expect((item.devices as IDataObject[])[0]).toMatchObject({ userState: { state: 'NotReady' } });
		expect(agentView()).toMatchObject({ loggedIn: true, place: 'Place_15000', loginQueue: '8000' });
	});

	it('a login code that is too long or not text is refused without showing it', async () => {
		const since = lastSeq(sim);
		const long = `secret-${'9'.repeat(300)}`;
		for (const loginCode of [long, '={{ { "code": "secret-4711" } }}']) {
			const result = await run('startSession', { loginCode });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/^Parameter "Login Code" of "Start Session" (is too long: \d+ characters|must be text, but got a value of type object)$/);
			expect(JSON.stringify({ m: result.error?.message, d: result.error?.description })).not.toMatch(/secret/);
		}
		expect(sent(since)).toEqual([]);
	});

	it('endSession sends only its operationName, logs the agent out, and the next request logs in anew (no refused request)', async () => {
		await ok('startSession');
		const since = lastSeq(sim);
		// Wait for Confirmation is not offered for it (GWS ends the session a confirmation would arrive on): ignored.
		const item = await ok('endSession', { options: WAIT });
		expect(item).toEqual({ operation: 'endSession', operationName: 'EndContactCenterSession', statusCode: 0 });
		expect(agentView()).toMatchObject({ loggedIn: false, device: { userState: { state: 'LoggedOut' } } });
		const devices = await ok('getDevices');
		expect(devices.userState).toMatchObject({ state: 'LoggedOut' });
		const after = sim.requests().filter((r) => r.seq > since);
		expect(after.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /api/v2/me 200',
			'GET /api/v2/me 200',
			'GET /api/v2/me/devices 200',
		]);
	});
});

describe('setState: After Call Work with a wrap-up time', () => {
	beforeEach(async () => {
		await ok('startSession');
	});

	it.each([
		['text "30"', '30', '30'],
		['a number from an expression', '={{ 45 }}', '45'],
		['"0" (cancels the wrap-up time)', '0', '0'],
	])('wrapUpTime given as %s is sent as a string', async (_label, wrapUpTime, expected) => {
		const since = lastSeq(sim);
		const item = await ok('setState', { agentState: 'AfterCallWork', wrapUpTime, options: WAIT });
		expect(sent(since)).toEqual([
			{ method: 'POST', path: '/api/v2/me/channels/voice', body: { operationName: 'AfterCallWork', wrapUpTime: expected } },
		]);
		expect(item.confirmed).toBe(true);
		expect(agentView()).toMatchObject({ wrapUpTime: expected, device: { userState: { state: 'NotReady', workMode: 'AfterCallWork' } } });
	});

	it('without wrapUpTime nothing more is sent, and another state never sends it', async () => {
		const since = lastSeq(sim);
		await ok('setState', { agentState: 'AfterCallWork' });
		await ok('setState', { agentState: 'Ready', wrapUpTime: '30' });
		expect(sent(since).map((r) => r.body)).toEqual([{ operationName: 'AfterCallWork' }, { operationName: 'Ready' }]);
	});

	it.each([['1.5'], ['-1'], ['soon'], ['30s'], ['86401'], ['={{ 2.5 }}']])('wrapUpTime %s is refused naming the parameter', async (wrapUpTime) => {
		const since = lastSeq(sim);
		const result = await run('setState', { agentState: 'AfterCallWork', wrapUpTime });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Parameter "Wrap-Up Time \(Seconds\)" of "Set State" must be a whole number of seconds from 0 to 86400, but is ".+"$/);
		expect(result.error?.description).toContain('"0" cancels the wrap-up time');
		expect(sent(since)).toEqual([]);
	});
});

describe('Do Not Disturb and forwarding on the device', () => {
	it('doNotDisturbOn / Off: only the operationName, confirmed by doNotDisturb On / Off, checked against the device', async () => {
		const device = deviceOf(sim, 'agent1');
		let since = lastSeq(sim);
		const on = await ok('doNotDisturbOn', { options: { ...WAIT, ...CHECK } });
		expect(sent(since)).toEqual([
			{ method: 'GET', path: '/api/v2/me/devices', body: undefined },
			{ method: 'POST', path: `/api/v2/me/devices/${device.id}`, body: { operationName: 'DoNotDisturbOn' } },
		]);
		expect(on).toMatchObject({ confirmed: true, devices: [{ id: device.id, doNotDisturb: 'On' }] });

		since = lastSeq(sim);
		const again = await run('doNotDisturbOn', { deviceId: device.id, options: CHECK });
		expect(again.error?.message).toBe(`"Do Not Disturb On" is not allowed on device "${device.id}" now`);
		expect(again.error?.description).toBe('GWS allows now: ForwardCallsOn, DoNotDisturbOff. DoNotDisturbOn is not among them, so the request was not sent.');
		expect(sent(since).filter((r) => r.method === 'POST')).toEqual([]);

		since = lastSeq(sim);
		const off = await ok('doNotDisturbOff', { deviceId: device.id, options: WAIT });
		expect(sent(since)).toEqual([{ method: 'POST', path: `/api/v2/me/devices/${device.id}`, body: { operationName: 'DoNotDisturbOff' } }]);
		expect(off).toMatchObject({ confirmed: true, devices: [{ doNotDisturb: 'Off' }] });
	});

	it('forwardCallsOn sends destination as a plain string (a number from an expression too), confirmed by forwardTo; forwardCallsOff removes it', async () => {
		const device = deviceOf(sim, 'agent1');
		let since = lastSeq(sim);
		const on = await ok('forwardCallsOn', { destination: '={{ 5001 }}', options: { ...WAIT, ...CHECK } });
		expect(sent(since).filter((r) => r.method === 'POST')).toEqual([
			{ method: 'POST', path: `/api/v2/me/devices/${device.id}`, body: { operationName: 'ForwardCallsOn', destination: '5001' } },
		]);
		expect(on).toMatchObject({ confirmed: true, devices: [{ forwardTo: '5001' }] });
		expect((on.devices as IDataObject[])[0].capabilities).toContain('ForwardCallsOff');

		since = lastSeq(sim);
		const off = await ok('forwardCallsOff', { options: { ...WAIT, ...CHECK } });
		expect(sent(since).filter((r) => r.method === 'POST')).toEqual([
			{ method: 'POST', path: `/api/v2/me/devices/${device.id}`, body: { operationName: 'ForwardCallsOff' } },
		]);
		expect(off.confirmed).toBe(true);
		expect((off.devices as IDataObject[])[0].forwardTo).toBeUndefined();
	});

	it('forwardCallsOn without a destination is refused before any request; GWS refusing one is an error naming it', async () => {
		const since = lastSeq(sim);
		// (Left empty in the panel, n8n itself refuses the workflow; an expression can still give nothing.)
		const empty = await run('forwardCallsOn', { destination: '={{ "" }}' });
		expect(empty.error?.message).toBe('Parameter "Destination" is required for "Forward Calls On" but is empty');
		expect(sent(since)).toEqual([]);
		const own = await run('forwardCallsOn', { destination: '15000', options: WAIT });
		expect(own.status).toBe('error');
		expect(`${own.error?.message} ${own.error?.description}`).toContain('destination');
	});
});
