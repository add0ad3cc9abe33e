/**
 * The trigger's knowledge of calls outlives n8n: kept in the workflow's static data (what n8n persists), so that
 * when n8n starts again every call that changed or appeared while it was down is reported once, flagged
 * _gws.resync, and nothing else. A restart is played here as n8n does it: the static data as n8n would have saved
 * it (a JSON copy) handed to a new activation whose activation mode is 'init'. The real n8n program does the same in
 * test/e2e (regular and queue mode).
 */
import type { IDataObject, INodeParameters, WorkflowActivateMode } from 'n8n-workflow';

import { activateTrigger, restAs, type ActiveTrigger, type TriggerCredential } from './harness';
import { useSimulator } from '../helpers/simulator';
import { agent1 as agent1Of, agent2 as agent2Of } from '../helpers/users';
import { until } from '../helpers/wait';

// One agent answers several calls at once here: their phone does not hold the others (docs/FIDELITY.md C14).
const sim = useSimulator({ features: { holdOnAnswer: false } });
let agent1: TriggerCredential;
let rest: ReturnType<typeof restAs>;
const open: ActiveTrigger[] = [];

beforeAll(() => {
	agent1 = agent1Of(sim);
	rest = restAs(agent1);
});
afterEach(async () => {
	await Promise.all(open.splice(0).map((t) => t.close()));
});

const call = (item: IDataObject) => item.call as IDataObject;
const meta = (item: IDataObject) => item._gws as IDataObject;
const EVENTS: INodeParameters = { events: ['StatusChange', 'AttachedDataChanged'] };

async function activate(
	db: Database,
	activation: WorkflowActivateMode,
	parameters: INodeParameters = EVENTS,
	credential = agent1,
): Promise<ActiveTrigger> {
	const t = await activateTrigger({ credential, parameters, staticData: db.load(), activation, workflowId: 'wf-durable' });
	open.push(t);
	return t;
}

/** Stops a trigger before the test ends (n8n going down), so afterEach does not close it again. */
async function stop(t: ActiveTrigger): Promise<void> {
	await t.close();
	open.splice(open.indexOf(t), 1);
}

/**
 * n8n's database row of the workflow's static data: each activation gets a copy of what was saved last (n8n loads
 * it from the database) and what the trigger writes into that copy is what n8n saves.
 */
class Database {
	private row: IDataObject = {};
	/** The row as JSON text, as the database holds it (for rows JSON.stringify cannot write, e.g. nested 6,000 deep). */
	text?: string;
	load(): IDataObject {
		this.row = JSON.parse(this.text ?? JSON.stringify(this.row));
		this.text = undefined;
		return this.row;
	}
	get saved(): IDataObject {
		return this.row;
	}
}

async function ringing(from: string): Promise<string> {
	const { callId } = await sim.placeInboundCall({ to: 'agent1', from });
	await until(`call from ${from} ringing`, () => sim.calls('agent1').some((c) => c.id === callId && c.state === 'Ringing'));
	return callId;
}

/** Activates, lets the trigger take its first snapshot, and stops it: n8n going down with these calls known. */
async function knownThenStopped(db: Database, activation: WorkflowActivateMode = 'activate') {
	const first = await activate(db, activation);
	await stop(first);
	expect(first.items).toEqual([]);
}

/** Changes while n8n is down: unchanged, answered, user data updated, gone, and a new call. */
async function changesWhileDown() {
	const unchanged = await ringing('5550001');
	const answered = await ringing('5550002');
	const updated = await ringing('5550003');
	const gone = await ringing('5550004');
	return {
		unchanged,
		answered,
		updated,
		gone,
		apply: async () => {
			await rest('POST', `/api/v2/me/calls/${answered}`, { operationName: 'Answer' });
			await rest('POST', `/api/v2/me/calls/${updated}`, { operationName: 'UpdateUserData', userData: { VIP: 'true' } });
			await sim.remoteHangup(gone);
			const created = await ringing('5550005');
			return created;
		},
	};
}

/** `callId: reason event state` of each resync item, sorted (their order depends on GWS's call list). */
function resyncReport(items: IDataObject[]): string[] {
	return items
		.map((i) => `${String(call(i).id)}: ${String(meta(i).resyncReason)} ${String(i.notificationType)} ${String(call(i).state)}${meta(i).resync ? '' : ' (live!)'}`)
		.sort();
}

it('after n8n restarts, each call that changed or appeared while it was down is reported once; unchanged ones are not', async () => {
	const db = new Database();
	const calls = await changesWhileDown();
	await knownThenStopped(db);
	const created = await calls.apply();

	const restarted = await activate(db, 'init');
	await restarted.waitForItems(4);
	await restarted.quiet(sim); // nothing more arrives
	expect(resyncReport(restarted.items)).toEqual(
		[
			`${calls.answered}: changed StatusChange Established`,
			`${calls.updated}: changed AttachedDataChanged Ringing`,
			`${calls.gone}: gone StatusChange Released`,
			`${created}: new StatusChange Ringing`,
		].sort(),
	);
	expect(call(restarted.items.find((i) => call(i).id === calls.updated)!).userData).toEqual({ VIP: 'true' });

	// Live notifications go on as usual, and a second restart without changes reports nothing again.
	await rest('POST', `/api/v2/me/calls/${calls.unchanged}`, { operationName: 'Answer' });
	await restarted.waitForItems(5);
	expect(meta(restarted.items[4])).toMatchObject({ event: 'StatusChange' });
	expect(meta(restarted.items[4]).resync).toBeUndefined();
	await stop(restarted);
	const again = await activate(db, 'init');
	await again.quiet(sim);
	expect(again.items).toEqual([]);
});

it('also after the workflow was saved while active (activation "update")', async () => {
	const db = new Database();
	const first = await ringing('5550011');
	await knownThenStopped(db);
	await rest('POST', `/api/v2/me/calls/${first}`, { operationName: 'Answer' });
	const updated = await activate(db, 'update');
	await updated.waitForItems(1);
	expect(resyncReport(updated.items)).toEqual([`${first}: changed StatusChange Established`]);
});

describe('after the user deactivated and activated the workflow again', () => {
	it('reports nothing by default: the calls are taken as they are now', async () => {
		const db = new Database();
		const calls = await changesWhileDown();
		await knownThenStopped(db);
		await calls.apply();
		const reactivated = await activate(db, 'activate');
		await reactivated.quiet(sim);
		expect(reactivated.items).toEqual([]);
		// What it knows now is the present: a later restart reports only what changes after it.
		await stop(reactivated);
		await rest('POST', `/api/v2/me/calls/${calls.unchanged}`, { operationName: 'Answer' });
		const restarted = await activate(db, 'init');
		await restarted.waitForItems(1);
		await restarted.quiet(sim);
		expect(resyncReport(restarted.items)).toEqual([`${calls.unchanged}: changed StatusChange Established`]);
	});

	it('reports the changes like a restart when "Report Changes Missed While Deactivated" is on', async () => {
		const db = new Database();
		const calls = await changesWhileDown();
		await knownThenStopped(db);
		const created = await calls.apply();
		const reactivated = await activate(db, 'activate', {
			...EVENTS,
			options: { resyncAfterDeactivation: true },
		});
		await reactivated.waitForItems(4);
		await reactivated.quiet(sim);
		expect(resyncReport(reactivated.items)).toEqual(
			[
				`${calls.answered}: changed StatusChange Established`,
				`${calls.updated}: changed AttachedDataChanged Ringing`,
				`${calls.gone}: gone StatusChange Released`,
				`${created}: new StatusChange Ringing`,
			].sort(),
		);
	});
});

it('what another credential user knew is not taken over', async () => {
	const db = new Database();
	await ringing('5550021');
	await knownThenStopped(db);
	const other = await activate(db, 'init', EVENTS, agent2Of(sim));
	await other.quiet(sim);
	expect(other.items).toEqual([]);
});

it('with "Resync After Reconnect" off nothing is kept or reported', async () => {
	const db = new Database();
	const first = await ringing('5550031');
	const off = { ...EVENTS, options: { resync: false } };
	const t = await activate(db, 'activate', off);
	await stop(t);
	expect(JSON.stringify(db.saved)).not.toContain(first);
	await rest('POST', `/api/v2/me/calls/${first}`, { operationName: 'Answer' });
	const restarted = await activate(db, 'init', off);
	await restarted.quiet(sim);
	expect(restarted.items).toEqual([]);
});

it('keeps only what it needs: the live calls without capabilities, per credential user', async () => {
	const db = new Database();
	const first = await ringing('5550041');
	await knownThenStopped(db);
	const kept = (db.saved['node:Genesys GWS Trigger'] as IDataObject).genesysGwsTrigger as IDataObject;
	expect(kept).toMatchObject({ version: 1, owner: `${sim.url}\nagent1` });
	expect((kept.calls as IDataObject[]).map((c) => c.id)).toEqual([first]);
	expect((kept.calls as IDataObject[])[0].capabilities).toBeUndefined();
	expect(JSON.stringify(kept)).not.toMatch(/agent1pass|JSESSIONID/);
});

// The kept view is read as carefully as it is written (issue 21): static data is whatever the database holds, so
// a view planted there, too large or not ours, must never make activation slow, flood executions or throw.
describe('a kept view that is too large or not ours', () => {
	const KEY = 'node:Genesys GWS Trigger';
	const planted = (view: IDataObject): Database => {
		const db = new Database();
		db.load()[KEY] = { genesysGwsTrigger: { version: 1, owner: `${sim.url}\nagent1`, ...view } };
		return db;
	};
	const staleCall = (i: number, extra: IDataObject = {}) => ({ id: `STALE${i}`, state: 'Established', callType: 'Inbound', ...extra });
	// As deep as n8n's own static data wrapper (ObservableObject, one frame per level) still takes; a recursive
	// fingerprint with more frames per level runs out of stack long before.
	const DEEP_LEVELS = 2500;
	const dropped = (items: IDataObject[]) => items.map((i) => meta(i).stateDropped as IDataObject | undefined).filter((d) => d !== undefined);

	it('5,000 stale calls and 5,000 devices: activation takes the newest 200, reports the rest dropped, and stays quick', async () => {
		const calls = Array.from({ length: 5000 }, (_, i) => staleCall(i));
		const devices = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`DEV${i}`, JSON.stringify({ id: `DEV${i}`, userState: { state: 'Ready' } })]));
		const db = planted({ calls, devices, phoneNumber: '15000' });
		const started = Date.now();
		const t = await activate(db, 'init');
		const activationMs = Date.now() - started;
		await t.waitForItems(200);
		await t.quiet(sim);
		expect(t.items).toHaveLength(200);
		// The newest 200 (the list is oldest first), each reported gone once.
		expect(t.items.map((i) => String(call(i).id)).sort()).toEqual(calls.slice(-200).map((c) => c.id).sort());
		expect(dropped(t.items)).toEqual([expect.objectContaining({ calls: 4800, devices: 4950 })]);
		expect(activationMs).toBeLessThan(5000);
	});

	it(`a kept call with user data nested ${DEEP_LEVELS} levels deep: activation works, that call is skipped and reported`, async () => {
		const db = planted({ calls: [staleCall(1, { userData: { deep: '@DEEP@' } }), staleCall(2)], devices: {} });
		db.text = JSON.stringify(db.load()).replace('"@DEEP@"', '{"k":'.repeat(DEEP_LEVELS) + '"leaf"' + '}'.repeat(DEEP_LEVELS));
		const t = await activate(db, 'init');
		await t.waitForItems(1);
		await t.quiet(sim);
		expect(t.items.map((i) => `${String(call(i).id)} ${String(meta(i).resyncReason)}`)).toEqual(['STALE2 gone']);
		expect(dropped(t.items)).toEqual([expect.objectContaining({ calls: 1, devices: 0 })]);
		// A second activation from what this one saved works too.
		await stop(t);
		const again = await activate(db, 'init');
		await again.quiet(sim);
		expect(again.items).toEqual([]);
	});

	it('a phoneNumber, calls and devices of the wrong types are ignored, not trusted', async () => {
		const db = planted({ calls: [null, 'x', 7, { noId: true }, staleCall(3)], devices: { D1: { not: 'a string' }, D2: 'not json' }, phoneNumber: { evil: true } as never });
		const t = await activate(db, 'init');
		await t.waitForItems(1);
		await t.quiet(sim);
		expect(t.items.map((i) => String(call(i).id))).toEqual(['STALE3']);
		await stop(t);
		const kept = (db.saved[KEY] as IDataObject).genesysGwsTrigger as IDataObject;
		expect(kept.phoneNumber === undefined || typeof kept.phoneNumber === 'string').toBe(true);
	});

	it('what is written stays under the size cap: the oldest calls are left out, and the loss is in _gws', async () => {
		const { MAX_STATE_CHARS } = await import('../../nodes/GenesysGwsTrigger/durableState');
		const db = new Database();
		const t = await activate(db, 'activate', { events: ['StatusChange'] });
		const count = 40;
		for (let i = 0; i < count; i++) await sim.placeInboundCall({ to: 'agent1', from: `55590${String(i).padStart(2, '0')}`, userData: { Blob: 'x'.repeat(20_000) } });
		await t.waitForItems(count);
		const kept = (db.saved[KEY] as IDataObject).genesysGwsTrigger as IDataObject;
		const written = JSON.stringify(kept).length;
		expect(written).toBeLessThanOrEqual(MAX_STATE_CHARS);
		const keptCalls = (kept.calls as IDataObject[]).length;
		expect(keptCalls).toBeGreaterThan(0);
		expect(keptCalls).toBeLessThan(count);
		const losses = dropped(t.items);
		expect(losses.reduce((sum, d) => sum + Number(d.calls), 0)).toBe(count - keptCalls);
		expect(String(losses[0].why)).toContain('the oldest calls were left out');
	});
});
