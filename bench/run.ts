/**
 * Benchmark runner: `ts-node --transpile-only bench/run.ts [--quick] [--only NAME[,NAME]]`.
 * Benchmarks run one after another (never in parallel: they measure this machine). Results go to
 * bench/results/<name>.json + .png (quick runs: <name>.quick.*, so they never replace the full figures).
 */
import './lib/prefer-ts';

import type { BenchContext } from './lib/report';

type Bench = (ctx: BenchContext) => Promise<unknown>;

const BENCHMARKS: Record<string, () => Promise<Bench>> = {
	'action-throughput': async () => (await import('./action-throughput')).run,
	'trigger-latency': async () => (await import('./trigger-latency')).run,
	'trigger-scale': async () => (await import('./trigger-scale')).run,
	recovery: async () => (await import('./recovery')).run,
	reaction: async () => (await import('./reaction')).run,
	agents: async () => (await import('./agents')).run,
};

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const quick = argv.includes('--quick');
	const onlyIdx = argv.indexOf('--only');
	const only = onlyIdx >= 0 ? (argv[onlyIdx + 1] ?? '').split(',').filter(Boolean) : Object.keys(BENCHMARKS);
	const unknown = only.filter((n) => !(n in BENCHMARKS));
	const known = argv.filter((a, i) => a === '--quick' || a === '--only' || (i > 0 && argv[i - 1] === '--only'));
	if (unknown.length || known.length !== argv.length) {
		console.error(`Usage: bench/run.ts [--quick] [--only ${Object.keys(BENCHMARKS).join('|')}[,...]]`);
		if (unknown.length) console.error(`Unknown benchmark: ${unknown.join(', ')}`);
		process.exit(2);
	}
	const ctx: BenchContext = { quick, log: (line) => console.log(line) };
	const started = Date.now();
	let failed = 0;
	for (const name of only) {
		console.log(`\n=== ${name}${quick ? ' (quick)' : ''} ===`);
		const t0 = Date.now();
		try {
			await (await BENCHMARKS[name]())(ctx);
		} catch (error) {
			failed++;
			console.error(`${name} FAILED: ${(error as Error).stack ?? error}`);
		}
		console.log(`(${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
	}
	if (!quick) {
		// The tables in README.md and docs/PERFORMANCE.md come from the results (bench/lib/docs-tables.ts).
		const { writeDocTables } = await import('./lib/docs-tables');
		const changed = writeDocTables();
		console.log(changed.length ? `\nBenchmark tables rewritten in ${changed.join(', ')}: re-read the prose around them` : '\nBenchmark tables in the docs already match the results');
	}
	console.log(`\nAll done in ${((Date.now() - started) / 1000).toFixed(1)} s${failed ? `, ${failed} failed` : ''}`);
	process.exit(failed ? 1 : 0);
}

void main();
