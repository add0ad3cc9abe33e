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
import { callRef, runNode } from '../test/helpers/n8n';
import { RawGwsClient } from './lib/raw-gws';
import { table, writeResult, type BenchContext } from './lib/report';
import { SimProcess } from './lib/sim-process';
import { logLogSlope, median, round } from './lib/stats';

const USER = { username: 'agent1', password: 'agent1pass' };
const TARGET_RATIO = 1.3;

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
			userData: '={{ { "Seq": $json.seq } }}',
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

async function runRaw(sim: SimProcess, callId: string, count: number): Promise<Sample> {
	const t0 = performance.now();
	const raw = new RawGwsClient({ baseUrl: sim.url, ...USER });
	await raw.login();
	for (let i = 0; i < count; i++) {
		await raw.post(`/api/v2/me/calls/${encodeURIComponent(callId)}`, { operationName: 'UpdateUserData', userData: { Seq: i + 1 } });
	}
	const ms = performance.now() - t0;
	raw.close();
	return { ms };
}

async function establishedCall(sim: SimProcess): Promise<string> {
	const raw = new RawGwsClient({ baseUrl: sim.url, ...USER });
	await raw.login();
	const { callId } = await sim.placeInboundCall({ to: USER.username, from: '5551234' });
	await raw.post(`/api/v2/me/calls/${callId}`, { operationName: 'Answer' });
	raw.close();
	return callId;
}

/** Median of `reps` alternating runs (even reps: raw first; odd: ours first). */
async function measure(sim: SimProcess, callId: string, count: number, reps: number) {
	const ours: Sample[] = [];
	const raw: Sample[] = [];
	for (let rep = 0; rep < reps; rep++) {
		if (rep % 2 === 0) {
			raw.push(await runRaw(sim, callId, count));
			ours.push(await runOurs(sim, callId, count));
		} else {
			ours.push(await runOurs(sim, callId, count));
			raw.push(await runRaw(sim, callId, count));
		}
		await sim.clearRequests();
	}
	const oursMs = median(ours.map((s) => s.ms));
	const nodeMs = median(ours.map((s) => s.nodeMs ?? NaN));
	const rawMs = median(raw.map((s) => s.ms));
	return {
		items: count,
		reps,
		oursMs: round(oursMs, 1),
		oursNodeMs: round(nodeMs, 1),
		rawMs: round(rawMs, 1),
		oursItemsPerSec: round((count * 1000) / oursMs, 0),
		rawItemsPerSec: round((count * 1000) / rawMs, 0),
		ratio: round(oursMs / rawMs, 3),
		ratioNodeOnly: round(nodeMs / rawMs, 3),
		oursUsPerItem: round((oursMs * 1000) / count, 0),
		rawUsPerItem: round((rawMs * 1000) / count, 0),
		oursSamplesMs: ours.map((s) => round(s.ms, 1)),
		rawSamplesMs: raw.map((s) => round(s.ms, 1)),
	};
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
	const mainCount = ctx.quick ? 200 : 1000;
	const mainReps = ctx.quick ? 3 : 5;
	const curve = ctx.quick ? [10, 100, 500] : [10, 100, 1000, 3000, 10000];
	const sim = await SimProcess.start();
	try {
		const callId = await establishedCall(sim);
		await measure(sim, callId, 50, 2); // warm-up: JIT, sockets, n8n-core's lazy modules
		const main = await measure(sim, callId, mainCount, mainReps);
		{ const { oursSamplesMs: _o, rawSamplesMs: _r, ...row } = main; ctx.log(table([row])); }
		const points = [] as Array<Awaited<ReturnType<typeof measure>>>;
		for (const count of curve) {
			const reps = count >= 3000 ? (ctx.quick ? 1 : 3) : 3;
			points.push(count === mainCount && reps === mainReps ? main : await measure(sim, callId, count, reps));
		}
		ctx.log(table(points.map(({ oursSamplesMs: _o, rawSamplesMs: _r, ...p }) => p)));
		const slopeOurs = logLogSlope(points.map((p) => ({ x: p.items, y: p.oursMs })));
		const slopeRaw = logLogSlope(points.map((p) => ({ x: p.items, y: p.rawMs })));
		const verdict = main.ratio <= TARGET_RATIO ? 'met' : 'missed';
		ctx.log(
			`action throughput @${mainCount} items: ours ${main.oursItemsPerSec}/s vs raw ${main.rawItemsPerSec}/s, ratio ${main.ratio} (target <= ${TARGET_RATIO}: ${verdict}); growth exponent ours ${round(slopeOurs, 2)}, raw ${round(slopeRaw, 2)}`,
		);
		const chartValues = points.flatMap((p) => [
			{ items: p.items, who: 'our node (n8n execution)', usPerItem: p.oursUsPerItem },
			{ items: p.items, who: 'raw axios loop', usPerItem: p.rawUsPerItem },
		]);
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
			{
				title: `Action throughput: time per item (ratio @${mainCount} items = ${main.ratio})`,
				width: 520,
				height: 280,
				data: { values: chartValues },
				mark: { type: 'line', point: true },
				encoding: {
					x: { field: 'items', type: 'quantitative', scale: { type: 'log' }, title: 'items per execution (log)' },
					y: { field: 'usPerItem', type: 'quantitative', title: 'µs per item (median)' },
					color: { field: 'who', type: 'nominal', title: null, legend: { orient: 'top' } },
				},
			},
		);
		return main;
	} finally {
		await sim.close();
	}
}
