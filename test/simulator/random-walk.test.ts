/**
 * A seeded random walk over REST: three agents dial, receive calls (directly and through the simulated queue),
 * change agent state, DND and forwarding, the supervisor monitors agents, and every operation (listed or not) is
 * fired at their calls. The simulator must never answer 5xx, must accept every operation it lists in
 * `capabilities` (parameters permitting) and accept unlisted ones only where a page shows them
 * (docs/FIDELITY.md C12), and must keep its views consistent: no Released leg kept, GET /me/calls =
 * calls(), queued calls on nobody's list, who-hears-whom as each mode says, the device's monitoring state and its
 * CancelSupervisorMonitoring capability together.
 */
import { CometdSubscriber, GwsRestClient } from './helpers';
import { useSimulator } from '../helpers/simulator';

const OPS = ['Answer', 'Reject', 'Hangup', 'Hold', 'Retrieve', 'MuteCall', 'UnmuteCall', 'SendDtmf', 'ClearCall', 'SingleStepTransfer', 'InitiateTransfer', 'CompleteTransfer', 'SwapCalls', 'MergeWithOtherCall', 'SingleStepConference', 'InitiateConference', 'CompleteConference', 'RemoveParticipantFromConference', 'AttachUserData', 'UpdateUserData', 'DeleteUserDataPair', 'DeleteUserData', 'StartCallRecording', 'PauseCallRecording', 'ResumeCallRecording', 'StopCallRecording', 'SwitchToBargeIn', 'SwitchToListenIn', 'MuteMonitoredUser', 'UnmuteMonitoredUser', 'SetCallDisposition'];
/** Their acceptance also depends on another call's state, so a listed capability can still be refused. */
const DEPENDS_ON_OTHER_CALL = new Set(['SwapCalls', 'MergeWithOtherCall', 'CompleteConference', 'CompleteTransfer']);
/** Accepted without being listed, as pages show (CompleteConference/Transfer on the parent, the monitored-user mute, dispositions). */
const UNLISTED_BUT_SHOWN = new Set(['CompleteConference', 'CompleteTransfer', 'MuteMonitoredUser', 'UnmuteMonitoredUser', 'SetCallDisposition']);
const NUMBERS = ['15000', '15001', '15002', '5550001', '5550002', '99901'];
const USERS = [['agent1', 'agent1pass'], ['agent2', 'agent2pass'], ['supervisor1', 'supervisor1pass']];

// Declared before useSimulator(): jest runs afterAll hooks in order, and these need the simulator running.
afterAll(async () => {
	await CometdSubscriber.stopAll();
});
const sim = useSimulator({ remoteAnswerDelayMs: -1, reset: false });
beforeAll(async () => {
	// Remote parties answer only through the control API: no timer changes a call between our snapshot and request.
});

/** Consistency of the control API's views after each step. */
function checkViews(problems: string[]): void {
	const calls = sim.calls();
	const dnOf = new Map(sim.agents().map((a) => [a.username, a.phoneNumber]));
	for (const c of calls) {
		if (c.state === 'Released') problems.push(`Released leg kept: ${c.id} of ${c.owner}`);
		if (c.heardBy?.includes(dnOf.get(c.owner)!)) problems.push(`${c.owner} hears themselves on ${c.id}`);
		if (c.mute === 'On' && c.heardBy?.length) problems.push(`muted ${c.owner} heard by ${c.heardBy} on ${c.id}`);
		if (c.monitoring?.mode === 'ListenIn' && c.heardBy?.length) problems.push(`ListenIn supervisor heard by ${c.heardBy} on ${c.id}`);
		if (c.monitoring?.mode === 'Coach' && c.heardBy?.some((dn) => dn !== dnOf.get(c.monitoring!.monitoredUser ?? ''))) {
			problems.push(`Coach supervisor heard by ${c.heardBy} (not only ${c.monitoring.monitoredUser}) on ${c.id}`);
		}
		if (c.monitoring?.monitoredUser && !calls.some((x) => x.id === c.id && x.owner === c.monitoring!.monitoredUser)) {
			problems.push(`${c.owner} monitors ${c.monitoring.monitoredUser}, who is not on ${c.id}`);
		}
	}
	for (const q of sim.queue()) if (calls.some((c) => c.id === q.id)) problems.push(`queued call ${q.id} is also on an agent's list`);
	for (const a of sim.agents()) {
		const caps = a.device.capabilities as string[];
		if (('supervisorMonitoringState' in a.device) !== caps.includes('CancelSupervisorMonitoring')) {
			problems.push(`${a.username}: supervisorMonitoringState and CancelSupervisorMonitoring disagree: ${JSON.stringify(a.device)}`);
		}
	}
}

test.each([1, 2])('seed %i: 800 random steps', async (seed) => {
	await sim.reset();
	// mulberry32: a small seeded PRNG in 32-bit integer arithmetic.
	let state = seed >>> 0;
	const rnd = (n: number) => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n | 0;
	};
	const users = USERS.map(([u, p]) => new GwsRestClient(sim.url, u, p));
	await Promise.all(users.map((u) => u.login()));
	const deviceIds = await Promise.all(users.map((u) => u.deviceId()));
	const problems: string[] = [];
	const accepted = new Set<string>();
	let monitorLegsSeen = 0;
	for (let step = 0; step < 800; step++) {
		const who = rnd(3);
		const user = users[who];
		const mine = sim.calls(user.username);
		monitorLegsSeen += mine.filter((c) => c.monitoring).length;
		const action = rnd(12);
		let reply: { status: number; text: string; body: any } | undefined;
		if (mine.length === 0 || action === 0) {
			reply = await user.dial(NUMBERS[rnd(NUMBERS.length)]);
		} else if (action === 1) {
			await sim.placeInboundCall({ to: user.username, from: `555900${rnd(10)}`, viaQueue: rnd(2) === 1 });
		} else if (action === 2) {
			const dialing = sim.calls().find((c) => c.state === 'Dialing' && !c.participants.some((p) => p.startsWith('150')));
			if (dialing) await sim.remoteAnswer(dialing.id).catch(() => undefined);
		} else if (action === 3) {
			const op = ['ListenIn', 'Coach', 'BargeIn', 'CancelSupervisorMonitoring'][rnd(4)];
			const params = { targetDeviceUri: `${sim.url}/api/v2/devices/${deviceIds[rnd(2)]}`, supervisorMonitoringScope: ['Agent', 'Call'][rnd(2)], supervisorMonitoringMode: ['NextCall', 'AllCalls'][rnd(2)] };
			reply = await users[2].post(`/api/v2/me/devices/${deviceIds[2]}`, { operationName: op, ...params });
		} else if (action === 4) {
			reply = await user.post('/api/v2/me/channels/voice', { operationName: ['Ready', 'NotReady', 'AfterCallWork'][rnd(3)] });
		} else if (action === 5) {
			await sim.placeInboundCall({ from: `555800${rnd(10)}`, viaQueue: true });
		} else if (action === 6) {
			const op = ['DoNotDisturbOn', 'DoNotDisturbOff', 'ForwardCallsOn', 'ForwardCallsOff'][rnd(4)];
			reply = await user.post(`/api/v2/me/devices/${deviceIds[who]}`, { operationName: op, destination: ['15000', '15001', '15002', '5550007'][rnd(4)] });
		} else {
			const call = mine[rnd(mine.length)];
			const other = mine[rnd(mine.length)];
			const op = rnd(3) > 0 && call.capabilities.length ? call.capabilities[rnd(call.capabilities.length)] : OPS[rnd(OPS.length)];
			const onCall = new Set([...call.participants, user.username]);
			const destination = NUMBERS.filter((n) => !onCall.has(n))[0] ?? '5550003';
			const params = {
				destination: { phoneNumber: destination },
				digits: '12#',
				participant: call.participants[0],
				userData: { k: rnd(3) },
				key: 'k',
				otherCallUri: `/calls/${other.id}`,
				callUri: `/calls/${call.id}`,
				callUuid: call.id,
				disposition: 'Done',
			};
			reply = await user.op(call.id, op, params);
			if (reply.status === 200) accepted.add(op);
			if (reply.status === 409 && call.capabilities.includes(op) && !DEPENDS_ON_OTHER_CALL.has(op)) {
				problems.push(`${op} listed in ${JSON.stringify(call.capabilities)} (state ${call.state}) but refused: ${reply.body.statusMessage}`);
			}
			if (reply.status === 200 && !call.capabilities.includes(op) && !UNLISTED_BUT_SHOWN.has(op)) {
				problems.push(`${op} accepted on ${call.id} (state ${call.state}) although not listed in ${JSON.stringify(call.capabilities)}`);
			}
		}
		if (reply && reply.status >= 500) problems.push(`step ${step}: HTTP ${reply.status} ${reply.text}`);
		if (reply && reply.status !== 200 && reply.body?.statusCode === 0) problems.push(`step ${step}: HTTP ${reply.status} with statusCode 0`);
		checkViews(problems);
	}
	for (const user of users) {
		const listed = (await user.get('/api/v2/me/calls?fields=id,state')).body.calls.map((c: { id: string; state: string }) => `${c.id}:${c.state}`).sort();
		expect(listed).toEqual(sim.calls(user.username).map((c) => `${c.id}:${c.state}`).sort());
	}
	expect(problems).toEqual([]);
	// The walk really exercised the state machine (not just Dial): most operations succeeded at least once, and
	// the supervisor was on monitored calls.
	expect(accepted.size).toBeGreaterThanOrEqual(18);
	expect(monitorLegsSeen).toBeGreaterThan(0);
}, 90000);
