/**
 * The agents benchmark's chart (bench/results/agents.png): per number of agents in one n8n main, the time until
 * all triggers listened, main's RSS and idle CPU, the reaction p50/p99 at the steady call rate, and the time until
 * all were re-subscribed after a simulator restart. One small plot per figure, each with its own scale. Built from
 * the result JSON: `ts-node --transpile-only bench/lib/agents-chart.ts bench/results/agents.json` re-renders it.
 */
import { renderChart } from './chart';

interface RowLike {
	agents: number;
	activation?: { listeningMs?: number };
	idle?: { mainRssMB: number; cores: Record<string, number> };
	reaction?: { p50: number; p99: number; ratePerSec: number };
	restart?: { resyncedMs?: number };
}

export function agentsChart(result: { rows: RowLike[] }): Record<string, unknown> {
	const values: Array<{ agents: number; figure: string; series: string; value: number }> = [];
	const add = (agents: number, figure: string, series: string, value: number | undefined) => {
		if (value !== undefined && Number.isFinite(value)) values.push({ agents, figure, series, value });
	};
	for (const r of result.rows) {
		add(r.agents, 'all triggers listening after activation (s)', 'activation', r.activation?.listeningMs === undefined ? undefined : r.activation.listeningMs / 1000);
		add(r.agents, 'n8n main RSS (MB)', 'RSS', r.idle?.mainRssMB);
		add(r.agents, 'n8n main idle CPU (% of a core)', 'idle CPU', r.idle ? r.idle.cores['n8n main'] * 100 : undefined);
		add(r.agents, `reaction at ${r.reaction?.ratePerSec ?? '?'} calls/s (ms)`, 'p50', r.reaction?.p50);
		add(r.agents, `reaction at ${r.reaction?.ratePerSec ?? '?'} calls/s (ms)`, 'p99', r.reaction?.p99);
		add(r.agents, 'all re-subscribed + resynced after a GWS restart (s)', 'restart', r.restart?.resyncedMs === undefined ? undefined : r.restart.resyncedMs / 1000);
	}
	return {
		title: 'Agents in one n8n main: one credential and one active trigger → action workflow per agent',
		data: { values },
		facet: { field: 'figure', type: 'nominal', title: null, sort: null, header: { labelFontSize: 12, labelLimit: 0 } },
		columns: 2,
		spec: {
			width: 300,
			height: 170,
			mark: { type: 'line', point: true },
			encoding: {
				x: { field: 'agents', type: 'quantitative', title: 'agents (one trigger each)' },
				y: { field: 'value', type: 'quantitative', title: null },
				color: { field: 'series', type: 'nominal', title: null },
			},
		},
		resolve: { scale: { y: 'independent' } },
	};
}

if (require.main === module) {
	const file = process.argv[2] ?? 'bench/results/agents.json';
	const result = require(require('path').resolve(file)) as { rows: RowLike[] };
	void renderChart(agentsChart(result), file.replace(/\.json$/, '.png')).then(() => console.log(`rendered ${file.replace(/\.json$/, '.png')}`));
}
