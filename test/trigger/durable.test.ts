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
	load(): IDataObject {
		this.row = JSON.parse(JSON.stringify(this.row));
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
