/**
 * The benchmark tables in README.md and docs/PERFORMANCE.md, written from bench/results/*.json (full runs only,
 * never the quick ones), between markers `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`. bench/run.ts
 * calls it after a full run; `ts-node --transpile-only bench/lib/docs-tables.ts` rewrites them from the results
 * as they are. A block whose results file is missing is left alone. The prose around the tables is written by
 * hand from the figures: re-read it after a rerun.
 */
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.join(__dirname, '..', '..');
const RESULTS = path.join(REPO, 'bench', 'results');
const DOCS = [path.join(REPO, 'README.md'), path.join(REPO, 'docs', 'PERFORMANCE.md')];

interface Step {
	ratePerSec: number;
	p50: number;
	p99: number;
	held: boolean;
	missed: number;
	duplicated: number;
	late?: number;
	cpuMsPerCall: Record<string, number>;
	loadAverage: number[];
	firstTry?: { p50: number; p99: number };
}
interface Sweep {
	mode: string;
	flow: string;
	heldRate: number;
	steps: Step[];
	logLines?: Record<string, Record<string, number>>;
}
interface AgentsRow {
	agents: number;
	loadAverage: number[];
	activation?: { restMs: number; listeningMs?: number; concurrency: number };
	idle?: { mainRssBaselineMB: number; mainRssMB: number; rssPerAgentMB: number; cores: Record<string, number>; mainCpuMsPerAgentPerMinute: number; openConnections: { median: number }; cometdSessions: number };
	reaction?: { ratePerSec: number; placed: number; p50: number; p99: number; missed: number; duplicated: number; cores: Record<string, number> };
	restart?: { outageMs: number; resubscribedMs?: number; resyncedMs?: number };
	afterRestart?: { placed: number; missed: number; duplicated: number };
	broke?: { phase: string; error: string };
}

const n = (v: number | undefined, digits = 0) => (v === undefined || !Number.isFinite(v) ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const s = (ms: number | undefined) => (ms === undefined ? '—' : `${n(ms / 1000, 1)} s`);
const range = (values: number[]) => {
	const finite = values.filter(Number.isFinite);
	if (!finite.length) return '—';
	const lo = Math.min(...finite);
	const hi = Math.max(...finite);
	return lo === hi ? n(lo, 1) : `${n(lo, 1)}–${n(hi, 1)}`;
};

function readResult<T>(name: string): T | undefined {
	const file = path.join(RESULTS, `${name}.json`);
	return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
}

/** The reaction benchmark's load sweeps: every mode of the same run, one row each. */
function queueSweepTable(result: { load: Sweep[]; environment: { date: string } }): string {
	const cpuAt = (sweep: Sweep, rate: number) => {
		const step = sweep.steps.find((x) => x.ratePerSec === rate);
		if (!step) return '—';
		const parts = Object.entries(step.cpuMsPerCall).filter(([k, v]) => k !== 'bench' && k !== 'simulator' && v > 0);
		const total = parts.reduce((sum, [, v]) => sum + v, 0);
		return parts.length > 1 ? `${n(total, 0)} (${parts.map(([k, v]) => `${k} ${n(v, 0)}`).join(', ')})` : n(total, 0);
	};
	const rows = result.load.map((sweep) => {
		const held = sweep.steps.filter((x) => x.held);
		const top = held[held.length - 1];
		const failed = sweep.steps.find((x) => !x.held);
		const lost = sweep.steps.reduce((sum, x) => sum + x.missed - (x.late ?? 0), 0);
		const busy = Object.values(sweep.logLines?.SQLITE_BUSY ?? {}).reduce((sum, v) => sum + v, 0);
		return [
			sweep.mode,
			`**${sweep.heldRate ? `${sweep.heldRate}/s` : 'none'}**${failed ? '' : ' (highest tried)'}`,
			top ? `${n(top.p50, 0)} / ${n(top.p99, 0)}${top.firstTry ? ` (first try p99 ${n(top.firstTry.p99, 0)})` : ''}` : '—',
			failed ? `${failed.ratePerSec}/s: ${n(failed.p50, 0)} / ${n(failed.p99, 0)}${failed.missed ? `, **${failed.missed} missed**${failed.late ? ` (${failed.late} late)` : ''}` : ', 0 missed'}${failed.duplicated ? `, ${failed.duplicated} duplicated` : ''}` : '—',
			cpuAt(sweep, 20),
			String(lost),
			sweep.logLines ? String(busy) : '—',
			range(sweep.steps.map((x) => x.loadAverage[0])),
		];
	});
	return [
		`Calls at rising rates (reaction benchmark, run of ${result.environment.date.slice(0, 10)}): p50 / p99 ms; a rate is held when every call was conferenced exactly once and p99 ≤ 1 s.`,
		'',
		'| mode | held | at the highest held rate | first rate not held | CPU ms per call at 20/s | lost (all steps) | `SQLITE_BUSY` log lines | load avg (1 min) |',
		'|---|---|---|---|---|---|---|---|',
		...rows.map((r) => `| ${r.join(' | ')} |`),
	].join('\n');
}

/** The agents benchmark: one row per number of agents. */
function agentsTable(result: { rows: AgentsRow[]; environment: { date: string }; plan: { ratePerSec: number } }): string {
	const rows = result.rows.map((r) => [
		n(r.agents),
		r.activation ? `${s(r.activation.listeningMs)}` : '—',
		r.idle ? `${n(r.idle.mainRssMB)} MB (+${n(r.idle.rssPerAgentMB * 1000, 0)} KB per agent)` : '—',
		r.idle ? `${n(r.idle.cores['n8n main'] * 100, 0)} % (${n(r.idle.mainCpuMsPerAgentPerMinute, 1)} ms per agent per minute)` : '—',
		r.idle ? `${n(r.idle.openConnections.median)} / ${n(r.idle.cometdSessions)}` : '—',
		r.reaction ? `${n(r.reaction.p50, 0)} / ${n(r.reaction.p99, 0)}` : '—',
		r.reaction ? `${r.reaction.missed} / ${r.reaction.duplicated}${r.afterRestart ? ` (after restart ${r.afterRestart.missed} / ${r.afterRestart.duplicated})` : ''}` : '—',
		r.restart ? `${s(r.restart.resubscribedMs)} / ${s(r.restart.resyncedMs)}` : '—',
		n(r.loadAverage[0], 1),
		r.broke ? `${r.broke.phase}: ${r.broke.error.slice(0, 120)}` : '',
	]);
	return [
		`One n8n main (queue mode on PostgreSQL, 1 worker), one credential and one active trigger → action workflow per agent (agents benchmark, run of ${result.environment.date.slice(0, 10)}).`,
		'',
		`| agents | all listening after activation | main RSS, idle | main CPU, idle | long polls held / CometD sessions (at the simulator) | reaction p50 / p99 ms at ${result.plan.ratePerSec} calls/s | missed / duplicated | GWS restart: all re-subscribed / resynced | load avg | broke |`,
		'|---|---|---|---|---|---|---|---|---|---|',
		...rows.map((r) => `| ${r.join(' | ')} |`),
	].join('\n');
}

const BLOCKS: Record<string, () => string | undefined> = {
	'queue-sweep': () => {
		const r = readResult<{ load: Sweep[]; environment: { date: string } }>('reaction');
		return r ? queueSweepTable(r) : undefined;
	},
	agents: () => {
		const r = readResult<{ rows: AgentsRow[]; environment: { date: string }; plan: { ratePerSec: number } }>('agents');
		return r ? agentsTable(r) : undefined;
	},
};

/** Rewrites every marked block of README.md and docs/PERFORMANCE.md; returns the files changed. */
export function writeDocTables(): string[] {
	const changed: string[] = [];
	const rendered = Object.fromEntries(Object.entries(BLOCKS).map(([name, render]) => [name, render()]));
	for (const file of DOCS.filter((f) => fs.existsSync(f))) {
		const before = fs.readFileSync(file, 'utf8');
		const after = before.replace(/(<!-- bench:([a-z-]+):start[^>]*-->)\n[\s\S]*?(<!-- bench:\2:end -->)/g, (whole, open: string, name: string, close: string) => {
			const table = rendered[name];
			return table === undefined ? whole : `${open}\n${table}\n${close}`;
		});
		if (after !== before) {
			fs.writeFileSync(file, after);
			changed.push(path.relative(REPO, file));
		}
	}
	return changed;
}

if (require.main === module) {
	const changed = writeDocTables();
	console.log(changed.length ? `rewrote the benchmark tables in ${changed.join(', ')}` : 'benchmark tables already match the results');
}
