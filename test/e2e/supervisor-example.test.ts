/**
 * The supervisor example (examples/supervisor-listen-in-and-barge-in.json) imported into the real n8n with the
 * agent's and the supervisor's credentials, activated next to answer-inbound-calls (as in the demo), and driven by
 * simulated calls: each request GWS received (and from whom), and who hears whom at each step (the simulator's
 * `heardBy`: the numbers that hear a leg's owner).
 */
import { useExampleStack } from './helpers/example-stack';
import { simReads } from './helpers/sim-reads';
import { AGENT, SUPERVISOR } from './helpers/stack';
import { loadExample } from './helpers/workflows';

const ex = useExampleStack();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const { posts, until, leg, deviceOf } = simReads(ex);

it('a VIP call: the supervisor listens in silently on it; an escalation flag makes them barge in; NextCall ends with the call', async () => {
	await ex.triggers.activate(loadExample('answer-inbound-calls.json', ex.stack.credential));
	await ex.triggers.activate(loadExample('supervisor-listen-in-and-barge-in.json', ex.stack.credential, ex.stack.supervisorCredential), [
		AGENT.username,
		SUPERVISOR.username,
	]);
	const agentDevice = deviceOf(AGENT.username);
	const supervisorDevice = deviceOf(SUPERVISOR.username);
	const agentDeviceUri = `${ex.stack.sim.url}/api/v2/devices/${agentDevice.deviceId}`;

	// 1. The VIP call rings: the supervisor's ListenIn, NextCall, on the agent's device (the call's deviceUri); then,
	//    after 2 s of ringing, the answer-inbound-calls flow answers it as the agent.
	let since = ex.triggers.lastRequestSeq();
	const { callId } = await ex.stack.sim.placeInboundCall({ to: AGENT.username, from: '5559000', userData: { CustomerSegment: 'VIP' } });
	expect(await posts(since, 2)).toEqual([
		{
			user: SUPERVISOR.username,
			path: `/api/v2/me/devices/${supervisorDevice.deviceId}`,
			body: { operationName: 'ListenIn', targetDeviceUri: agentDeviceUri, supervisorMonitoringMode: 'NextCall' },
		},
		{ user: AGENT.username, path: `/api/v2/me/calls/${callId}`, body: { operationName: 'Answer' } },
	]);

	// 2. The call reaches the supervisor silently: they hear the caller and the agent, nobody hears them, and
	//    neither the caller nor the agent sees them on the call.
	const silent = await until('the supervisor has the call', () => leg(SUPERVISOR.username, callId), (c) => c?.state === 'Established');
	expect(silent).toMatchObject({ mute: 'On', heardBy: [], monitoring: { mode: 'ListenIn', monitoredUser: AGENT.username } });
	expect(leg(AGENT.username, callId)).toMatchObject({ state: 'Established', participants: ['5559000'], heardBy: ['5559000', SUPERVISOR.phoneNumber] });
	expect(deviceOf(SUPERVISOR.username).device.supervisorMonitoringState).toEqual({
		state: 'ListenIn',
		mode: 'NextCall',
		scope: 'Call',
		targetDeviceUri: agentDeviceUri,
	});

	// 3. The agent flags the call for escalation: the supervisor's trigger (monitored calls only) sees the user data
	//    change on their own leg and barges in; now everybody hears them and sees them on the call.
	since = ex.triggers.lastRequestSeq();
	await ex.phone.callOperation(callId, 'UpdateUserData', { userData: { Escalate: 'true' } });
	expect(await posts(since, 2)).toEqual([
		{ user: AGENT.username, path: `/api/v2/me/calls/${callId}`, body: { operationName: 'UpdateUserData', userData: { Escalate: 'true' } } },
		{ user: SUPERVISOR.username, path: `/api/v2/me/calls/${callId}`, body: { operationName: 'SwitchToBargeIn' } },
	]);
	const barged = await until('the supervisor barged in', () => leg(SUPERVISOR.username, callId), (c) => c?.mute === 'Off');
	expect(barged?.heardBy).toEqual(['5559000', AGENT.phoneNumber]);
	expect(leg(AGENT.username, callId)?.participants).toEqual(expect.arrayContaining(['5559000', SUPERVISOR.phoneNumber]));

	// 4. Another user data change with the flag still set: the supervisor is not listening in any more, so the
	//    flow does nothing (the IF on the call's capabilities).
	since = ex.triggers.lastRequestSeq();
	await ex.phone.callOperation(callId, 'UpdateUserData', { userData: { Note: 'customer calmer' } });
	await sleep(3000);
	expect(await posts(since, 99, 0)).toEqual([
		{ user: AGENT.username, path: `/api/v2/me/calls/${callId}`, body: { operationName: 'UpdateUserData', userData: { Note: 'customer calmer' } } },
	]);

	// 5. The caller hangs up: the call ends for both, and NextCall monitoring with it.
	await ex.stack.sim.remoteHangup(callId);
	await until('both legs released', () => ex.stack.sim.calls().filter((c) => c.id === callId && c.state !== 'Released'), (l) => l.length === 0);
	await until('monitoring ended', () => deviceOf(SUPERVISOR.username).device.supervisorMonitoringState, (s) => s === undefined);

	// 6. A call that is not VIP: answered, not monitored.
	since = ex.triggers.lastRequestSeq();
	const plain = await ex.stack.sim.placeInboundCall({ to: AGENT.username, from: '5559001' });
	expect(await posts(since, 1)).toEqual([{ user: AGENT.username, path: `/api/v2/me/calls/${plain.callId}`, body: { operationName: 'Answer' } }]);
	await sleep(3000);
	expect(await posts(since, 99, 0)).toHaveLength(1);
	expect(leg(SUPERVISOR.username, plain.callId)).toBeUndefined();
	expect(leg(AGENT.username, plain.callId)?.heardBy).toEqual(['5559001']);
});
