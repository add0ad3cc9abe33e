/**
 * The reaction benchmark's chart (bench/results/reaction.png): sequential reaction times per settings profile and
 * flow on a log scale (the script's few ms and n8n's hundreds on one axis), and reaction p50/p99 by call rate for
 * each mode. Built from the result JSON, so a chart can be re-rendered without re-running the benchmark:
 * `ts-node --transpile-only bench/lib/reaction-chart.ts bench/results/reaction.json`.
 */
import { renderChart } from './chart';

interface ResultLike {
	profiles: Array<{ name: string; flows: Record<string, { p50: number; p95: number; p99: number }> }>;
	load: Array<{ mode: string; steps: Array<{ ratePerSec: number; p50: number; p99: number }> }>;
}

/** The flows of the benchmark (bench/workflows, examples/), as tables and the chart name them. */
export const FLOW_LABEL: Record<string, string> = {
	a: 'a: IF node + call id expression',
	b: 'b: example as shipped (trigger filters, Call empty)',
	c: 'c: trigger filters + call id expression',
	script: 'hand-written script',
};
const CHARTED_PROFILES = ['default', 'vm, lazy acquire', 'legacy engine', 'recommended'];

export function reactionChart(result: ResultLike): Record<string, unknown> {
	const seq = result.profiles
		.filter((p) => CHARTED_PROFILES.includes(p.name))
		.flatMap((p) =>
			Object.entries(p.flows).flatMap(([flow, s]) =>
				(['p50', 'p95', 'p99'] as const).map((stat) => ({ config: `${p.name} | ${FLOW_LABEL[flow] ?? flow}`, stat, ms: Math.max(s[stat], 0.5) })),
			),
		);
	const load = result.load.flatMap((s) =>
		s.steps.flatMap((x) => [
			{ mode: s.mode, rate: x.ratePerSec, stat: 'p50', ms: Math.max(x.p50, 0.5) },
			{ mode: s.mode, rate: x.ratePerSec, stat: 'p99', ms: Math.max(x.p99, 0.5) },
		]),
	);
	return {
		vconcat: [
			{
				title: 'Sequential VIP calls: Established notification → SingleStepConference request (simulator clock)',
				data: { values: seq },
				mark: { type: 'point', filled: true, size: 70 },
				encoding: {
					y: { field: 'config', type: 'nominal', title: null, sort: null, axis: { labelLimit: 0 } },
					x: { field: 'ms', type: 'quantitative', scale: { type: 'log' }, title: 'ms (log scale)' },
					color: { field: 'stat', type: 'nominal', title: 'percentile', scale: { range: ['#1f77b4', '#ff7f0e', '#d62728'] } },
					shape: { field: 'stat', type: 'nominal', title: 'percentile' },
				},
				width: 640,
			},
			{
				title: 'Calls at rising rates: reaction p50 (solid) and p99 (dashed); a line ends at the first rate not held',
				data: { values: load },
				mark: { type: 'line', point: true },
				encoding: {
					x: { field: 'rate', type: 'quantitative', scale: { type: 'log' }, title: 'VIP calls per second' },
					y: { field: 'ms', type: 'quantitative', scale: { type: 'log' }, title: 'ms (log scale)' },
					color: { field: 'mode', type: 'nominal', title: 'mode' },
					strokeDash: { field: 'stat', type: 'nominal', title: 'percentile', scale: { domain: ['p50', 'p99'], range: [[1, 0], [5, 3]] } },
					detail: { field: 'stat' },
				},
				width: 640,
				height: 300,
			},
		],
		resolve: { legend: { color: 'independent', shape: 'independent' }, scale: { color: 'independent' } },
	};
}

if (require.main === module) {
	const file = process.argv[2] ?? 'bench/results/reaction.json';
	const result = require(require('path').resolve(file)) as ResultLike;
	void renderChart(reactionChart(result), file.replace(/\.json$/, '.png')).then(() => console.log(`rendered ${file.replace(/\.json$/, '.png')}`));
}
