/** Writing results: a printed table, bench/results/<name>.json (with the environment) and the chart PNG. */
import * as fs from 'fs';
import * as path from 'path';

import { renderChart } from './chart';
import { environment } from './env';

const RESULTS_DIR = path.join(__dirname, '..', 'results');

export interface BenchContext {
	quick: boolean;
	log: (line: string) => void;
}

export function table(rows: Array<Record<string, string | number | boolean | undefined>>): string {
	if (rows.length === 0) return '(no rows)';
	const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
	const cell = (v: unknown) => (v === undefined ? '' : String(v));
	const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
	const line = (vals: string[]) => vals.map((v, i) => v.padStart(widths[i])).join('  ');
	return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n');
}

/** Writes results/<name>.json (quick runs: <name>.quick.json so they never overwrite full figures) and the PNG. */
export async function writeResult(
	ctx: BenchContext,
	name: string,
	result: Record<string, unknown>,
	chart?: Record<string, unknown>,
): Promise<{ json: string; png?: string }> {
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	const base = path.join(RESULTS_DIR, ctx.quick ? `${name}.quick` : name);
	const json = `${base}.json`;
	fs.writeFileSync(json, JSON.stringify({ benchmark: name, environment: environment(ctx.quick), ...result }, null, 2) + '\n');
	let png: string | undefined;
	if (chart) {
		png = `${base}.png`;
		await renderChart(chart, png);
	}
	ctx.log(`wrote ${path.relative(process.cwd(), json)}${png ? ` and ${path.relative(process.cwd(), png)}` : ''}`);
	return { json, png };
}
