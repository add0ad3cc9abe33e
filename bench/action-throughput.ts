/**
 * Benchmark 1 + the items half of 5: N items through one Genesys GWS node (Update User Data on one established
 * call) in a REAL n8n-core workflow execution (test/helpers/n8n.ts: Input -> Genesys GWS, WorkflowExecute),
 * against a raw axios keep-alive loop sending the same requests (same login, cookie + CSRF, Basic auth).
 * Same simulator (own process), alternating order, median of the repetitions.
 *
 * Each item carries its own data and the node maps it with an expression ({{ $json.seq }}), as a real
 * workflow would; the raw loop builds the same body in plain JS. "node only" is n8n's own executionTime of
 * the Genesys GWS node (without WorkflowExecute's start/finish and the input node).
 */
import './lib/n8n-env';

import { clearGwsSessions } from '../nodes/shared/transport';
import { callRef, chain, inputNode, registerNodeType, runNode, runWorkflow } from '../test/helpers/n8n';
import { FLOOR_NODE_TYPE, FloorHttpNode } from './lib/floor-node';
import { withPooledAgents } from './lib/pooled-agents';
import { RawGwsClient } from './lib/raw-gws';
import { table, writeResult, type BenchContext } from './lib/report';
import { SimProcess } from './lib/sim-process';
import { logLogSlope, median, round } from './lib/stats';

const USER = { username: 'agent1', password: 'agent1pass' };
const TARGET_RATIO = 1.3;
/** Each item's data mapped by an expression, as a real workflow would. */
const USER_DATA_EXPRESSION = '={{ { "Seq": $json.seq } }}';

interface Sample {
	ms: number;
	nodeMs?: number;
}

async function runOurs(sim: SimProcess, callId: string, count: number): Promise<Sample> {
	clearGwsSessions(); // each repetition logs in once, like the raw loop
	const items = Array.from({ length: count }, (_, i) => ({ seq: i + 1 }));
	const t0 = performance.now();
	const result = await runNode({
		credential: { baseUrl: sim.url, ...USER },
		parameters: {
			resource: 'call',
			operation: 'updateUserData',
			callId: callRef(callId),
			userData: USER_DATA_EXPRESSION,
		},
		items,
	});
	const ms = performance.now() - t0;
	if (result.status !== 'success' || result.items.length !== count) {
		throw new Error(`n8n run failed: status ${result.status}, ${result.items.length}/${count} items, ${result.error?.message ?? ''}`);
	}
	const nodeRun = result.run.data.resultData.runData['Genesys GWS']?.[0];
	return { ms, nodeMs: nodeRun?.executionTime };
}

async function runRaw(sim: SimProcess, callId: string, count: number, freshConnections = false): Promise<Sample> {
	const t0 = performance.now();
	const raw = new RawGwsClient({ baseUrl: sim.url, ...USER }, freshConnections);
	await raw.login();
	for (let i = 0; i < count; i++) {
		await raw.post(`/api/v2/me/calls/${encodeURIComponent(callId)}`, { operationName: 'UpdateUserData', userData: { Seq: i + 1 } });
	}
	const ms = performance.now() - t0;
	raw.close();
	return { ms };
}

registerNodeType(FLOOR_NODE_TYPE, () => new FloorHttpNode());

/** Diagnostic: the minimal n8n node (one httpRequestWithAuthentication per item) in the same execution. */
async function runFloor(sim: SimProcess, callId: string, count: number): Promise<Sample> {
	const items = Array.from({ length: count }, (_, i) => ({ seq: i + 1 }));
	const t0 = performance.now();
	const raw = new RawGwsClient({ baseUrl: sim.url, ...USER });
	await raw.login();
	raw.close();
	const result = await runWorkflow({
		nodes: [
			inputNode(items),
			{
				id: 'floor',
				name: 'Floor',
				type: FLOOR_NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: { baseUrl: sim.url, callId: callRef(callId), userData: USER_DATA_EXPRESSION, ...raw.session() },
				credentials: { genesysGwsApi: { id: 'cred-1', name: 'GWS' } },
			},
		],
		connections: chain('Input', 'Floor'),
		credentials: { 'cred-1': { baseUrl: sim.url, ...USER } },
	});
	const ms = performance.now() - t0;
	const out = result.outputByNode.Floor ?? [];
	if (result.status !== 'success' || out.length !== count) {
		throw new Error(`floor run failed: status ${result.status}, ${out.length}/${count} items, ${result.error?.message ?? ''}`);
	}
	return { ms, nodeMs: result.run.data.resultData.runData.Floor?.[0]?.executionTime };
}

async function establishedCall(sim: SimProcess): Promise<string> {
	const raw = new RawGwsClient({ baseUrl: sim.url, ...USER });
	await raw.login();
	const { callId } = await sim.placeInboundCall({ to: USER.username, from: '5551234' });
	await raw.post(`/api/v2/me/calls/${callId}`, { operationName: 'Answer' });
	raw.close();
	return callId;
}

/**
 * `reps` repetitions of every variant, in alternating order. Diagnostics: "raw-fresh" is the same raw loop
 * with a new TCP connection per request (as n8n-core's helper makes); "floor" the minimal n8n node; "pooled"
 * our node with n8n-core patched to reuse connections.
 */
async function measure(sim: SimProcess, callId: string, count: number, reps: number) {
	const ours: Sample[] = [];
	const raw: Sample[] = [];
	const fresh: Sample[] = [];
	const floor: Sample[] = [];
	const pooled: Sample[] = [];
	// Ours and raw are neighbours in time (the verdict pairs them); the diagnostics sit around them.
	const steps = [
		async () => pooled.push(await withPooledAgents(() => runOurs(sim, callId, count))),
		async () => floor.push(await runFloor(sim, callId, count)),
		async () => raw.push(await runRaw(sim, callId, count)),
		async () => ours.push(await runOurs(sim, callId, count)),
		async () => fresh.push(await runRaw(sim, callId, count, true)),
	];
	for (let rep = 0; rep < reps; rep++) {
		for (const step of rep % 2 === 0 ? steps : [...steps].reverse()) await step();
		await sim.clearRequests();
	}
	const freshMs = median(fresh.map((s) => s.ms));
	const floorMs = median(floor.map((s) => s.ms));
	const pooledMs = median(pooled.map((s) => s.ms));
	const oursMs = median(ours.map((s) => s.ms));
	const nodeMs = median(ours.map((s) => s.nodeMs ?? NaN));
	const rawMs = median(raw.map((s) => s.ms));
	// Ratios are taken per repetition (runs right next to each other in time), then the median: slow drifts in
	// the machine's load cancel out, which a ratio of two medians does not do.
	const pairRatio = (a: Sample[], b: Sample[], pick: (s: Sample) => number = (s) => s.ms) =>
		median(a.map((s, i) => pick(s) / pick(b[i])));
	return {
		items: count,
		reps,
		oursMs: round(oursMs, 1),
		oursNodeMs: round(nodeMs, 1),
		rawMs: round(rawMs, 1),
		oursItemsPerSec: round((count * 1000) / oursMs, 0),
		rawItemsPerSec: round((count * 1000) / rawMs, 0),
		ratio: round(pairRatio(ours, raw), 3),
		ratioNodeOnly: round(median(ours.map((s, i) => (s.nodeMs ?? NaN) / raw[i].ms)), 3),
		rawFreshMs: round(freshMs, 1),
		ratioVsRawFresh: round(pairRatio(ours, fresh), 3),
		rawFreshVsRaw: round(pairRatio(fresh, raw), 3),
		floorNodeMs: round(floorMs, 1),
		floorVsRaw: round(pairRatio(floor, raw), 3),
		oursVsFloor: round(pairRatio(ours, floor), 3),
		oursPooledMs: round(pooledMs, 1),
		oursPooledVsRaw: round(pairRatio(pooled, raw), 3),
		oursUsPerItem: round((oursMs * 1000) / count, 0),
		rawUsPerItem: round((rawMs * 1000) / count, 0),
		oursSamplesMs: ours.map((s) => round(s.ms, 1)),
		rawSamplesMs: raw.map((s) => round(s.ms, 1)),
	};
}

type Point = Awaited<ReturnType<typeof measure>>;

/** The chart (exported so a chart can be re-rendered from a results file). */
export function actionChart(points: Point[], main: Point, mainCount: number): Record<string, unknown> {
	const chartValues = points.flatMap((p) => [
		{ items: p.items, who: 'our node (n8n execution)', usPerItem: p.oursUsPerItem },
		{ items: p.items, who: 'raw axios loop (keep-alive)', usPerItem: p.rawUsPerItem },
		{ items: p.items, who: 'raw loop, new connection per request', usPerItem: round((p.rawFreshMs * 1000) / p.items, 0) },
		{ items: p.items, who: 'minimal n8n node (httpRequestWithAuthentication only)', usPerItem: round((p.floorNodeMs * 1000) / p.items, 0) },
		{ items: p.items, who: 'our node, n8n-core patched to reuse connections', usPerItem: round((p.oursPooledMs * 1000) / p.items, 0) },
	]);
	return {
		title: `Action throughput: our node in an n8n execution vs a raw axios loop (ratio @${mainCount} items = ${main.ratio})`,
		hconcat: [
			{
				width: 420,
				height: 280,
				data: { values: chartValues },
				mark: { type: 'line', point: true },
				encoding: {
					x: { field: 'items', type: 'quantitative', scale: { type: 'log' }, title: 'items per execution (log)' },
					y: { field: 'usPerItem', type: 'quantitative', title: 'µs per item (median)' },
					color: { field: 'who', type: 'nominal', title: null },
				},
			},
			{
				width: 300,
				height: 280,
				layer: [
					{
						data: { values: points.map((p) => ({ items: p.items, ratio: p.ratio })) },
						mark: { type: 'line', point: true, color: 'black' },
						encoding: {
							x: { field: 'items', type: 'quantitative', scale: { type: 'log' }, title: 'items per execution (log)' },
							y: { field: 'ratio', type: 'quantitative', title: 'our time / raw time (paired, median)', scale: { zero: true } },
						},
					},
					{
						data: { values: [{ target: TARGET_RATIO }] },
						mark: { type: 'rule', strokeDash: [6, 4], color: 'firebrick' },
						encoding: { y: { field: 'target', type: 'quantitative' } },
					},
				],
			},
		],
	};
}

/** A table row: the figures without the per-repetition sample lists. */
function withoutSamples(m: Awaited<ReturnType<typeof measure>>): Record<string, number> {
	const row: Record<string, unknown> = { ...m };
	delete row.oursSamplesMs;
	delete row.rawSamplesMs;
	return row as Record<string, number>;
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
	const mainCount = ctx.quick ? 200 : 1000;
	const mainReps = ctx.quick ? 3 : 7;
	const curve = ctx.quick ? [10, 200] : [10, 100, 1000, 10000];
	const sim = await SimProcess.start();
	try {
		const callId = await establishedCall(sim);
		await measure(sim, callId, 50, 2); // warm-up: JIT, sockets, n8n-core's lazy modules
		const main = await measure(sim, callId, mainCount, mainReps);
		ctx.log(table([withoutSamples(main)]));
		const points = [] as Array<Awaited<ReturnType<typeof measure>>>;
		for (const count of curve) {
			const reps = count >= 10000 ? 1 : count >= 3000 ? 2 : 3; // bounded: the full run stays under ~10 minutes
			points.push(count === mainCount ? main : await measure(sim, callId, count, reps));
		}
		ctx.log(table(points.map(withoutSamples)));
		const slopeOurs = logLogSlope(points.map((p) => ({ x: p.items, y: p.oursMs })));
		const slopeRaw = logLogSlope(points.map((p) => ({ x: p.items, y: p.rawMs })));
		const verdict = main.ratio <= TARGET_RATIO ? 'met' : 'missed';
		ctx.log(
			`action throughput @${mainCount} items: ours ${main.oursItemsPerSec}/s vs raw ${main.rawItemsPerSec}/s, ratio ${main.ratio} (target <= ${TARGET_RATIO}: ${verdict}); growth exponent ours ${round(slopeOurs, 2)}, raw ${round(slopeRaw, 2)}`,
		);
		await writeResult(
			ctx,
			'action-throughput',
			{
				operation: 'call updateUserData (POST /api/v2/me/calls/{id} UpdateUserData), one call, sequential items',
				target: { ratioAtMost: TARGET_RATIO, verdict },
				main,
				curve: points,
				growthExponent: { ours: round(slopeOurs, 3), raw: round(slopeRaw, 3), note: 'slope of log(time) over log(items); 1 = linear' },
			},
			actionChart(points, main, mainCount),
		);
		return main;
	} finally {
		await sim.close();
	}
}
