/**
 * A seeded random walk over REST: three agents dial, receive calls and fire every operation (listed or not) at
 * their calls. The simulator must never answer 5xx, must accept every operation it lists in `capabilities`
 * (parameters permitting), and must keep its views consistent (no Released leg kept, GET /me/calls = calls()).
 */
import { CometdSubscriber, GwsRestClient, startTestSimulator, type RunningSimulator } from './helpers';

const OPS = ['Answer', 'Reject', 'Hangup', 'Hold', 'Retrieve', 'MuteCall', 'UnmuteCall', 'SendDtmf', 'ClearCall', 'SingleStepTransfer', 'InitiateTransfer', 'CompleteTransfer', 'SwapCalls', 'MergeWithOtherCall', 'SingleStepConference', 'InitiateConference', 'CompleteConference', 'RemoveParticipantFromConference', 'AttachUserData', 'UpdateUserData', 'DeleteUserDataPair', 'DeleteUserData', 'StartCallRecording', 'PauseCallRecording', 'ResumeCallRecording', 'StopCallRecording'];
/** Their acceptance also depends on another call's state, so a listed capability can still be refused. */
const DEPENDS_ON_OTHER_CALL = new Set(['SwapCalls', 'MergeWithOtherCall', 'CompleteConference', 'CompleteTransfer']);
const NUMBERS = ['15000', '15001', '15002', '5550001', '5550002', '99901'];

let sim: RunningSimulator;
beforeAll(async () => {
	// Remote parties answer only through the control API: no timer changes a call between our snapshot and request.
	sim = await startTestSimulator({ remoteAnswerDelayMs: -1 });
});
afterAll(async () => {
	await CometdSubscriber.stopAll();
	await sim?.close();
});

test.each([1, 2])('seed %i: 600 random steps', async (seed) => {
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
	const users = [['agent1', 'agent1pass'], ['agent2', 'agent2pass'], ['supervisor1', 'supervisor1pass']].map(([u, p]) => new GwsRestClient(sim.url, u, p));
	await Promise.all(users.map((u) => u.login()));
	const problems: string[] = [];
	const accepted = new Set<string>();
	for (let step = 0; step < 600; step++) {
		const user = users[rnd(3)];
		const mine = sim.calls(user.username);
		const action = rnd(8);
		if (mine.length === 0 || action === 0) {
			const reply = await user.dial(NUMBERS[rnd(NUMBERS.length)]);
			if (reply.status >= 500) problems.push(`Dial: ${reply.text}`);
			continue;
		}
		if (action === 1) {
			await sim.placeInboundCall({ to: user.username, from: `555900${rnd(10)}`, viaQueue: rnd(2) === 1 });
			continue;
		}
		if (action === 2) {
			const dialing = sim.calls().find((c) => c.state === 'Dialing' && !c.participants.some((p) => p.startsWith('150')));
			if (dialing) await sim.remoteAnswer(dialing.id).catch(() => undefined);
			continue;
		}
		const call = mine[rnd(mine.length)];
		const other = mine[rnd(mine.length)];
		const op = rnd(3) > 0 && call.capabilities.length ? call.capabilities[rnd(call.capabilities.length)] : OPS[rnd(OPS.length)];
		const onCall = new Set([...call.participants, user.username]);
		const destination = NUMBERS.filter((n) => !onCall.has(n))[0] ?? '5550003';
		const params = { destination: { phoneNumber: destination }, digits: '12#', participant: call.participants[0], userData: { k: rnd(3) }, key: 'k', otherCallUri: `/calls/${other.id}` };
		const reply = await user.op(call.id, op, params);
		if (reply.status === 200) accepted.add(op);
		if (reply.status >= 500) problems.push(`${op}: HTTP ${reply.status} ${reply.text}`);
		if (reply.status === 409 && call.capabilities.includes(op) && !DEPENDS_ON_OTHER_CALL.has(op)) {
			problems.push(`${op} listed in ${JSON.stringify(call.capabilities)} (state ${call.state}) but refused: ${reply.body.statusMessage}`);
		}
		if (reply.status !== 200 && reply.body?.statusCode === 0) problems.push(`${op}: HTTP ${reply.status} with statusCode 0`);
		for (const c of sim.calls()) if (c.state === 'Released') problems.push(`Released leg kept: ${c.id} of ${c.owner}`);
	}
	for (const user of users) {
		const listed = (await user.get('/api/v2/me/calls?fields=id,state')).body.calls.map((c: { id: string; state: string }) => `${c.id}:${c.state}`).sort();
		expect(listed).toEqual(sim.calls(user.username).map((c) => `${c.id}:${c.state}`).sort());
	}
	expect(problems).toEqual([]);
	// The walk really exercised the state machine (not just Dial): most operations succeeded at least once.
	expect(accepted.size).toBeGreaterThanOrEqual(15);
}, 60000);
