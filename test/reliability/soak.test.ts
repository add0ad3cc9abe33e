/**
 * Soak, bounded by COUNT (not wall time): ROUNDS rounds of mixed load against one simulator while the trigger
 * stays active. Each round: CALLS inbound calls driven through Answer, Update User Data, Hold, Retrieve and Hang
 * Up by real n8n executions of the action node (one execution per operation, one item per call; Hold waits for
 * its confirming notification, so each item starts and stops a CometD client of its own), a Get Many and
 * a Get Devices, plus a burst of BURST synthetic notifications. Asserted:
 * - every call's StatusChange sequence reached the trigger exactly once and in order, every burst notification
 *   once (0 lost, 0 duplicated), every action item succeeded;
 * - heapUsed after a full GC and the open handles (process.getActiveResourcesInfo()) are flat: the second half
 *   of the run may not grow more than a small allowance over the first half, and everything the soak opened is
 *   gone after it closes.
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { NOTIFICATION_CLIENT_DEFAULTS } from '../../nodes/shared/cometd';
import { activateTrigger, contextFor } from '../trigger/harness';
import { runNode, type GwsTestCredential } from '../helpers/n8n';
import { Figures } from './support/results';
import { recordN8nLogs, SecretScanner } from './support/secrets';
import { startTestSimulator, type Sim } from '../helpers/simulator';
import { credentialOf, RELAGENT, REL_USERS } from '../helpers/users';
import { until } from '../helpers/wait';

const ROUNDS = 40;
const CALLS = 4;
const BURST = 50;
/** Allowed growth of heapUsed (after GC) from the middle to the end of the run. */
const HEAP_ALLOWANCE_MB = 8;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapMb(): number {
	gc();
	gc();
	return process.memoryUsage().heapUsed / 1024 / 1024;
}

function handles(): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
	return counts;
}
const total = (h: Record<string, number>) => Object.values(h).reduce((a, b) => a + b, 0);

let sim: Sim;
let credential: GwsTestCredential;
const figures = new Figures('soak', 'Soak (bounded mixed load)');
const logs = recordN8nLogs();
const scanner = new SecretScanner(REL_USERS);
const savedDefaults = { ...NOTIFICATION_CLIENT_DEFAULTS };

beforeAll(async () => {
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, { backoffIncrementMs: 50, maxBackoffMs: 200 });
});
afterAll(async () => {
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, savedDefaults);
});

const call = (item: IDataObject) => (item.call ?? {}) as IDataObject;

async function act(operation: string, callIds: string[], extra: INodeParameters = {}): Promise<IDataObject[]> {
	const result = await runNode({
		credential,
		continueOnFail: true,
		parameters: { resource: 'call', operation, callId: { __rl: true, mode: 'id', value: '={{ $json.callId }}' }, ...extra },
		items: callIds.map((callId) => ({ callId })),
	});
	scanner.scanNow(`soak ${operation}`, result.items);
	return result.items;
}

it(`${ROUNDS} rounds of mixed actions and notifications: nothing lost or doubled, memory and handles flat`, async () => {
	const baseHandles = handles();
	// One agent answers several calls at once here: their phone does not hold the others (docs/FIDELITY.md C14).
	sim = await startTestSimulator({ users: REL_USERS, features: { holdOnAnswer: false } });
	credential = credentialOf(sim.url, RELAGENT);
	const t = await activateTrigger({ credential, parameters: { events: ['StatusChange', 'AttachedDataChanged'] } });
	await scanner.captureSession(contextFor(credential), 'soak');
	const callIds: string[] = [];
	let actions = 0;
	let failedActions = 0;
	const samples: Array<{ round: number; heapMb: number; handles: number }> = [];
	let published = 0;
	// Trigger items are consumed into these counters every round (and removed from the harness's array), so
	// the test itself does not hold thousands of items while memory is measured.
	const statesByCall = new Map<string, string>();
	const burstSeen = new Set<string>();
	let burstReceived = 0;
	let userDataItems = 0;
	let triggerItems = 0;
	const consume = () => {
		const items = t.items.splice(0);
		triggerItems += items.length;
		scanner.scanNow('soak trigger items', items);
		for (const item of items) {
			const c = call(item);
			const userData = (c.userData ?? {}) as IDataObject;
			if (item.notificationType === 'StatusChange') {
				const id = String(c.id);
				statesByCall.set(id, `${statesByCall.get(id) ?? ''}${String(c.state)},`);
			} else if (item.notificationType === 'AttachedDataChanged' && userData.BurstSeq !== undefined) {
				burstReceived++;
				burstSeen.add(`${String(c.id)}#${String(userData.BurstSeq)}`);
			} else if (item.notificationType === 'AttachedDataChanged' && userData.Round !== undefined) {
				userDataItems++;
			}
		}
	};

	try {
		for (let round = 1; round <= ROUNDS; round++) {
			const ids: string[] = [];
			for (let i = 0; i < CALLS; i++) ids.push((await sim.placeInboundCall({ to: 'relagent', from: `55${round}0${i}` })).callId);
			callIds.push(...ids);
			await until('ringing', () => ids.every((id) => sim.calls('relagent').find((c) => c.id === id)?.state === 'Ringing'));
			const steps: Array<[string, INodeParameters, string]> = [
				['answer', {}, 'Established'],
				['updateUserData', { userData: `={{ { "Round": ${round}, "Call": $json.callId } }}` }, 'Established'],
				// With Wait for Confirmation: a CometD client per item, started and stopped (leaks would show).
				['hold', { options: { waitForConfirmation: true, confirmationTimeout: 5 } }, 'Held'],
				['retrieve', {}, 'Established'],
				['hangup', {}, 'Released'],
			];
			for (const [operation, extra, state] of steps) {
				const items = await act(operation, ids, extra);
				actions += items.length;
				failedActions += items.filter((i) => i.error !== undefined).length;
				if (state !== 'Released') await until(`${operation} -> ${state}`, () => ids.every((id) => sim.calls('relagent').find((c) => c.id === id)?.state === state));
			}
			for (const operation of ['getAll', 'getDevices']) {
				const result = await runNode({ credential, parameters: { resource: operation === 'getAll' ? 'call' : 'agent', operation } });
				actions += 1;
				if (result.status !== 'success') failedActions++;
			}
			published += (await sim.burst({ user: 'relagent', count: BURST, ratePerSec: 0 })).published;
			// The simulator's own request log is test infrastructure in this process: keep it out of the figures.
			sim.clearRequests();
			await until('the round delivered', () => {
				consume();
				return burstReceived >= published;
			});
			if (round === 5 || round === ROUNDS / 2 || round === ROUNDS) {
				await t.quiet(sim);
				consume();
				samples.push({ round, heapMb: heapMb(), handles: total(handles()) });
			}
		}
		await t.quiet(sim); // late duplicates would be in by now

		consume();
		// Notifications: each call's states once and in order; each burst notification once.
		const wrongSequences = callIds.filter((id) => statesByCall.get(id) !== 'Ringing,Established,Held,Established,Released,');
		const uniqueBurst = burstSeen.size;

		figures.set('rounds', ROUNDS);
		figures.set('action items executed', actions);
		figures.set('action items failed', failedActions, '0');
		figures.set('trigger executions', t.executions);
		figures.set('notifications lost', published - uniqueBurst + Math.max(0, callIds.length - userDataItems), '0');
		figures.set('notifications duplicated', burstReceived - uniqueBurst + Math.max(0, userDataItems - callIds.length), '0');
		figures.set('calls whose state sequence was wrong', wrongSequences.length, '0');
		figures.set('mixed operations (actions + notifications)', actions + triggerItems);
		const [early, middle, end] = samples;
		figures.set('heapUsed after GC, round 5 (MB)', Number(early.heapMb.toFixed(1)));
		figures.set(`heapUsed after GC, round ${middle.round} (MB)`, Number(middle.heapMb.toFixed(1)));
		figures.set(`heapUsed after GC, round ${end.round} (MB)`, Number(end.heapMb.toFixed(1)));
		figures.set('heap growth, second half (MB)', Number((end.heapMb - middle.heapMb).toFixed(1)), `< ${HEAP_ALLOWANCE_MB}`);
		figures.set('open handles at rounds 5 / middle / end', `${early.handles} / ${middle.handles} / ${end.handles}`);

		expect(failedActions).toBe(0);
		expect(wrongSequences).toEqual([]);
		expect({ published, received: burstReceived, unique: uniqueBurst }).toEqual({ published, received: published, unique: published });
		expect(userDataItems).toBe(callIds.length);
		expect(t.executions).toBe(triggerItems);
		expect(t.errors).toEqual([]);
		expect(end.heapMb - middle.heapMb).toBeLessThan(HEAP_ALLOWANCE_MB);
		expect(end.handles).toBeLessThanOrEqual(middle.handles + 2);
	} finally {
		await t.close();
		await sim.close();
	}
	// The closed sockets and timers go away within a few turns of the event loop.
	await until('the soak\'s handles gone', () => total(handles()) <= total(baseHandles), 5000).catch(() => undefined);
	const after = handles();
	figures.set('open handles before / after the soak', `${total(baseHandles)} / ${total(after)}`);
	figures.set('leaks found (handles left open)', Math.max(0, total(after) - total(baseHandles)), '0');
	const findings = scanner.finish(logs);
	figures.set('secrets found in errors, logs and items', findings.length, '0');
	figures.set('errors, items and log lines scanned', scanner.scanned);
	figures.write();
	expect(findings).toEqual([]);
	expect(total(after)).toBeLessThanOrEqual(total(baseHandles));
}, 120_000);
