/**
 * Benchmark 3 + the users half of 5: N trigger instances in one process, one per simulated user, each in
 * real n8n-core (TriggerContext) with its own CometD session and long poll. RSS per instance = (RSS after - RSS
 * before) / N, both after forced GC, measured in a fresh child process (--expose-gc) per N for a clean baseline;
 * the simulator (N users) runs in another process. The same for N raw cometd-nodejs-client subscribers.
 */
import { fork } from 'child_process';
import * as path from 'path';

import type { SimUserConfig } from '../simulator/api';
import { table, writeResult, type BenchContext } from './lib/report';
import { SimProcess } from './lib/sim-process';
import { logLogSlope, round } from './lib/stats';

const TARGET_MB = 2;

function users(n: number): SimUserConfig[] {
	return Array.from({ length: n }, (_, i) => ({
		username: `agent${1000 + i}`,
		password: `pass${1000 + i}`,
		phoneNumber: String(20000 + i),
	}));
}

interface ScaleResult {
	n: number;
	kind: string;
	startMs: number;
	rssDeltaMB: number;
	heapDeltaMB: number;
	externalDeltaMB: number;
	baselineRssMB: number;
}

function measure(url: string, all: SimUserConfig[], n: number, kind: 'ours' | 'raw'): Promise<ScaleResult> {
	const pick = (u: SimUserConfig) => ({ username: u.username, password: u.password });
	// A benchmark tool, not node code: a fresh process per point gives a clean memory baseline.
	const child = fork(path.join(__dirname, 'lib', 'scale-child.ts'), [], {
		execArgv: ['--expose-gc', '-r', 'ts-node/register/transpile-only'],
		env: {
			...process.env,
			N8N_USER_FOLDER: '',
			BENCH_SCALE: JSON.stringify({ url, kind, users: all.slice(0, n).map(pick), warmUser: pick(all[all.length - 1]) }),
		},
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	return new Promise((resolve, reject) => {
		let result: ScaleResult | undefined;
		const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
		child.on('message', (m: ScaleResult) => (result = m));
		child.on('exit', (code) => {
			clearTimeout(timer);
			if (result) resolve(result);
			else reject(new Error(`scale child (${kind}, n=${n}) exited with ${code} and no result`));
		});
	});
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
	const counts = ctx.quick ? [100] : [1, 10, 100, 250, 500];
	const max = counts[counts.length - 1];
	const all = users(max + 1); // +1: the warm-up user
	const sim = await SimProcess.start({ users: all });
	const rows: Array<Record<string, number | string>> = [];
	try {
		for (const n of counts) {
			for (const kind of ['ours', 'raw'] as const) {
				const r = await measure(sim.url, all, n, kind);
				rows.push({
					kind,
					instances: n,
					startAllMs: round(r.startMs, 0),
					rssDeltaMB: round(r.rssDeltaMB, 2),
					rssPerInstanceMB: round(r.rssDeltaMB / n, 3),
					heapPerInstanceKB: round((r.heapDeltaMB * 1024) / n, 1),
					externalPerInstanceKB: round((r.externalDeltaMB * 1024) / n, 1),
					baselineRssMB: round(r.baselineRssMB, 1),
				});
			}
		}
	} finally {
		await sim.close();
	}
	ctx.log(table(rows));
	const ours = rows.filter((r) => r.kind === 'ours');
	const big = ours.filter((r) => (r.instances as number) >= 100);
	const worst = Math.max(...big.map((r) => r.rssPerInstanceMB as number));
	const verdict = worst <= TARGET_MB ? 'met' : 'missed';
	const slope = logLogSlope(ours.filter((r) => (r.instances as number) >= 10).map((r) => ({ x: r.instances as number, y: r.rssDeltaMB as number })));
	ctx.log(`trigger scale: RSS per instance at >= 100 instances: worst ${worst} MB (target <= ${TARGET_MB} MB): ${verdict}; growth exponent of total RSS ${round(slope, 2)}`);
	await writeResult(
		ctx,
		'trigger-scale',
		{
			method: 'fresh child process per point (--expose-gc); RSS/heap deltas after GC, before vs after N clients subscribed and resynced; simulator in another process',
			target: { rssPerInstanceMBAtMost: TARGET_MB, verdict, worstAtOrAbove100: worst },
			growthExponent: { oursTotalRss: round(slope, 3), note: 'slope of log(total RSS delta) over log(instances), 10+; 1 = linear' },
			rows,
		},
		{
			title: `Trigger instances per process (target <= ${TARGET_MB} MB RSS each)`,
			data: { values: rows.filter((r) => (r.instances as number) >= 10) },
			hconcat: [
				{
					width: 360,
					height: 260,
					layer: [
						{
							mark: { type: 'line', point: true },
							encoding: {
								x: { field: 'instances', type: 'quantitative', scale: { type: 'log' }, title: 'instances, one user each (log)' },
								y: { field: 'rssPerInstanceMB', type: 'quantitative', title: 'RSS per instance, MB' },
								color: { field: 'kind', type: 'nominal', title: null },
							},
						},
						{
							data: { values: [{ target: TARGET_MB }] },
							mark: { type: 'rule', strokeDash: [6, 4], color: 'firebrick' },
							encoding: { y: { field: 'target', type: 'quantitative' } },
						},
					],
				},
				{
					width: 360,
					height: 260,
					mark: { type: 'line', point: true },
					encoding: {
						x: { field: 'instances', type: 'quantitative', scale: { type: 'log' }, title: 'instances, one user each (log)' },
						y: { field: 'heapPerInstanceKB', type: 'quantitative', title: 'JS heap per instance, KB' },
						color: { field: 'kind', type: 'nominal', title: null },
					},
				},
			],
		},
	);
	return { rows, verdict };
}
