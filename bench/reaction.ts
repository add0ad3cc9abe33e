/**
 * Benchmark 5: reaction time in the real n8n. A VIP call becomes Established: how long until the supervisor is
 * conferenced in? Per call, on the simulator's clock: from the StatusChange-Established notification it published
 * to the SingleStepConference POST it received for that call (bench/lib/reaction-driver.ts).
 *
 * The real n8n of the e2e suite (bench/lib/n8n-bench.ts) runs three shapes of the auto-conference flow, each on its
 * own agent so their calls never mix: a = an IF node picks VIP calls and the call id is an expression
 * (bench/workflows/), b = the example as shipped (examples/auto-conference-supervisor.json: the trigger's filters,
 * Call left empty, no expression), c = b with the call id given as an expression (bench/workflows/). A hand-written script (bench/lib/conference-script.ts: cometd subscriber
 * + keep-alive POST) does the same job on a fourth agent, in the same rounds. The simulator runs in its own process.
 *
 * Parts: (1) sequential calls, one at a time, under n8n settings profiles (what a user can change); (2) where the
 * time goes: n8n's execution records, our trace lines when present, a CPU profile attributed to files; (3) load:
 * calls at rising rates until reactions lag (p99 > 1 s) or conferences are missed or duplicated, in regular mode
 * (SQLite), in queue mode on PostgreSQL with 1 and 2 workers (n8n's queue settings: QUEUE_ENV) and, as the
 * comparison that explains its losses, queue mode on SQLite with 2 workers, with each process's CPU use.
 */
import { setTimeout as sleep } from 'timers/promises';
import { fork, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { WorkflowJson } from '../scripts/lib/n8n-rest';
import { attributeProfile, profileOfPid, type ProfileAttribution } from './lib/cpu-profile';
import { executionTimes, readTraces, stagesOf, type ExecutionTimes } from './lib/n8n-breakdown';
import { N8nBench, type BenchAgent } from './lib/n8n-bench';
import { CpuMeter } from './lib/proc-cpu';
import { FLOW_LABEL, reactionChart } from './lib/reaction-chart';
import { AgentPhone, loadStep, sequentialCall, SimLogs, type CallResult, type LoadStepResult } from './lib/reaction-driver';
import { table, writeResult, type BenchContext } from './lib/report';
import { SimProcess } from './lib/sim-process';
import { percentile, round } from './lib/stats';

const REPO = path.join(__dirname, '..');
const SUPERVISOR = { username: 'supervisor1', password: 'supervisor1pass', phoneNumber: '15002', roles: ['agent', 'supervisor'] };
/** One agent per flow, so that each flow sees only its own calls. */
const AGENTS: Record<Flow, BenchAgent> = {
	a: { username: 'agent1', password: 'agent1pass', phoneNumber: '15000' },
	b: { username: 'agent2', password: 'agent2pass', phoneNumber: '15001' },
	c: { username: 'agent3', password: 'agent3pass', phoneNumber: '15003' },
	script: { username: 'agent4', password: 'agent4pass', phoneNumber: '15004' },
};
type Flow = 'a' | 'b' | 'c' | 'script';
const NODE_NAMES = {
	a: { trigger: 'Call established', filter: 'VIP caller?', action: 'Conference supervisor' },
	b: { trigger: 'VIP call established', action: 'Conference supervisor' },
	c: { trigger: 'VIP call established', action: 'Conference supervisor' },
};

/** The settings the README recommends for call flows (measured below against n8n's defaults). */
export const RECOMMENDED_ENV: Record<string, string> = {
	N8N_EXPRESSION_ENGINE: 'legacy',
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
};

/**
 * Queue mode as n8n documents it for production (docs/hosting/scaling/queue-mode.md, execution-data.md), on top of
 * the recommended settings: PostgreSQL with a larger pool than its default 2, workers at n8n's default concurrency
 * written out, nothing saved for successful or manual executions, no progress saving.
 */
export const QUEUE_ENV: Record<string, string> = {
	...RECOMMENDED_ENV,
	DB_POSTGRESDB_POOL_SIZE: '4',
	EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false',
	EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
};
export const WORKER_CONCURRENCY = 10;

type QueueSetup = { workers: number; database: 'postgres' | 'sqlite' };

const queueMode = (q: QueueSetup) =>
	`queue, ${q.database === 'postgres' ? 'PostgreSQL' : 'SQLite (unsupported; comparison)'}, ${q.workers} worker${q.workers > 1 ? 's' : ''}`;

interface Profile {
	name: string;
	what: string;
	env: Record<string, string>;
	/** Rounds of one call per flow (a, script; b and c in the first `variantRounds`). */
	rounds: number;
	variantRounds: number;
	/** Read the executions' node timings afterwards (needs executions saved). */
	breakdown?: boolean;
	/** CPU profile of n8n main + debug JSON log (trace lines). Slows n8n down: its reaction figures are not compared. */
	profiled?: boolean;
	/** Run a load sweep (regular mode) of this flow in this n8n too. */
	load?: 'a' | 'c';
}

const r1 = (v: number) => round(v, 1);

function pct(samples: number[]) {
	return { n: samples.length, p50: r1(percentile(samples, 50)), p95: r1(percentile(samples, 95)), p99: r1(percentile(samples, 99)), max: r1(Math.max(...samples)) };
}

/** Whether the built package writes the opt-in 'GWS trace' lines (bench/lib/n8n-breakdown.ts reads them). */
function packageHasTraceLines(): boolean {
	const dist = path.join(REPO, 'dist', 'nodes');
	const files = fs.existsSync(dist) ? (fs.readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.js')) : [];
	return files.some((f) => fs.readFileSync(path.join(dist, f), 'utf8').includes('GWS trace'));
}

function loadJson(file: string): WorkflowJson {
	return JSON.parse(fs.readFileSync(path.join(REPO, file), 'utf8')) as WorkflowJson;
}

function workflows(): Record<'a' | 'b' | 'c', WorkflowJson> {
	return {
		a: loadJson('bench/workflows/auto-conference-a-if-node.json'),
		b: loadJson('examples/auto-conference-supervisor.json'),
		c: loadJson('bench/workflows/auto-conference-c-trigger-filters-call-id-expression.json'),
	};
}

async function startScript(sim: SimProcess): Promise<ChildProcess> {
	const agent = AGENTS.script;
	const child = fork(path.join(__dirname, 'lib', 'conference-script.ts'), [], {
		execArgv: ['-r', 'ts-node/register/transpile-only'],
		env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', BENCH_SCRIPT_OPTIONS: JSON.stringify({ baseUrl: sim.url, username: agent.username, password: agent.password, destination: SUPERVISOR.phoneNumber }) },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	await new Promise<void>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`conference script exited with ${code} before it was ready`)));
		child.once('message', () => resolve());
	});
	return child;
}

interface ProfileResult {
	name: string;
	what: string;
	env: Record<string, string>;
	loadAverage: number[];
	flows: Partial<Record<Flow, ReturnType<typeof pct> & { errors: number; duplicated: number }>>;
	/** n8n (flow a) p50 / script p50, per round pair. */
	ratioA?: number;
	aInVariantRounds?: ReturnType<typeof pct>;
	breakdown?: Partial<Record<'a' | 'b' | 'c', Record<string, ReturnType<typeof pct>>>>;
	traces?: number;
	cpuProfile?: ProfileAttribution & { callsInWindow: number; perCallMs: Record<string, number>; underOursPerCallMs: number; oursByPartPerCallMs: Record<string, { selfMs: number; withCalleesMs: number }>; logLevel: string };
	load?: LoadSweep;
}

interface LoadSweep {
	mode: string;
	flow: Flow;
	/** Queue mode: workers, database, and the n8n settings of the run. */
	queue?: QueueSetup & { env: Record<string, string>; workerConcurrency: number; postgresVersion?: string };
	steps: Array<
		Omit<LoadStepResult, 'reactions'> & {
			p50: number;
			p95: number;
			p99: number;
			held: boolean;
			cores: Record<string, number>;
			cpuMsPerCall: Record<string, number>;
			loadAverage: number[];
			/** When the first try lagged (p99 over the threshold, nothing lost) and the step was run again. */
			firstTry?: { p50: number; p99: number };
		}
	>;
	heldRate: number;
	/** Lines in n8n's logs (per process) that say a database write found the SQLite file locked, or an execution failed. */
	logLines?: Record<string, Record<string, number>>;
}

/** Log lines that explain lost or late executions: SQLite lock conflicts between processes, failed executions. */
function logLinesOf(n8n: N8nBench): Record<string, Record<string, number>> {
	return {
		SQLITE_BUSY: n8n.countLogLines(/SQLITE_BUSY/),
		'execution errors': n8n.countLogLines(/Execution \d+ .*(failed|error)|Problem with execution|job .* failed/i),
		'sqlite in scaling mode warning': n8n.countLogLines(/not officially supported with sqlite/i),
	};
}

const LAG_P99_MS = 1000;

function withoutReactions(step: LoadStepResult): Omit<LoadStepResult, 'reactions'> {
	const copy: Partial<LoadStepResult> = { ...step };
	delete copy.reactions;
	return copy as Omit<LoadStepResult, 'reactions'>;
}

/** Each step has at least this many calls, so that its p99 is not just its single slowest call. */
const MIN_CALLS_PER_STEP = 40;

async function sweep(ctx: BenchContext, logs: SimLogs, phone: AgentPhone, mode: string, flow: Flow, rates: number[], durationS: number, meter: CpuMeter): Promise<LoadSweep> {
	const steps: LoadSweep['steps'] = [];
	let heldRate = 0;
	// Warm-up, not counted: fresh n8n processes (a new worker above all) run their first executions slowly (JIT).
	await loadStep(logs, phone, 2, 3, 10_000);
	for (const rate of rates) {
		const seconds = ctx.quick ? durationS : Math.max(durationS, MIN_CALLS_PER_STEP / rate);
		let tries = 0;
		let summary: LoadSweep['steps'][number];
		let firstTry: { p50: number; p99: number } | undefined;
		for (;;) {
			tries++;
			meter.begin();
			const step = await loadStep(logs, phone, rate, seconds, 10_000);
			const cores = meter.end();
			const p = pct(step.reactions);
			const exact = step.missed === 0 && step.duplicated === 0 && step.placeErrors === 0;
			const held = exact && p.p99 <= LAG_P99_MS;
			// CPU each process spent per call at this rate (everything included: trigger, execution, hang-ups).
			const cpuMsPerCall = Object.fromEntries(Object.entries(cores).map(([k, v]) => [k, r1((v * meter.lastWallS * 1000) / Math.max(1, step.placed))]));
			summary = { ...withoutReactions(step), p50: p.p50, p95: p.p95, p99: p.p99, held, cores, cpuMsPerCall, loadAverage: os.loadavg().map((l) => round(l, 2)), ...(firstTry ? { firstTry } : {}) };
			ctx.log(`  ${mode} ${flow} ${rate}/s: placed ${step.placed} (${step.achievedRate}/s) missed ${step.missed} (late ${step.late}) dup ${step.duplicated} p50 ${p.p50} p99 ${p.p99} ms; cores ${JSON.stringify(cores)}; load ${summary.loadAverage[0]}`);
			// Other sessions share these 2 cores: a step that lost nothing but lagged once is tried once more.
			// Missed or duplicated conferences are never retried.
			if (held || !exact || tries > 1) break;
			firstTry = { p50: p.p50, p99: p.p99 };
		}
		steps.push(summary);
		if (!summary.held) break;
		heldRate = rate;
		await sleep(1000);
	}
	return { mode, flow, steps, heldRate };
}

async function runProfile(ctx: BenchContext, sim: SimProcess, logs: SimLogs, phones: Record<Flow, AgentPhone>, profile: Profile, scriptPid: number | undefined): Promise<ProfileResult> {
	const cpuDir = profile.profiled ? fs.mkdtempSync(path.join(os.tmpdir(), 'gws-bench-cpuprof-')) : undefined;
	// Debug logging costs CPU of its own: only when our nodes write trace lines (they log them at debug level).
	const traceLevel: Record<string, string> = profile.profiled && packageHasTraceLines() ? { N8N_LOG_LEVEL: 'debug', N8N_LOG_FORMAT: 'json' } : {};
	const env = { ...profile.env, ...traceLevel };
	ctx.log(`profile ${profile.name}: starting n8n with ${JSON.stringify(env)}`);
	const n8n = await N8nBench.start({ sim, agents: [AGENTS.a, AGENTS.b, AGENTS.c], env, cpuProfileDir: cpuDir });
	const result: ProfileResult = { name: profile.name, what: profile.what, env: profile.env, loadAverage: [], flows: {} };
	try {
		const wf = workflows();
		const ids = { a: await n8n.activate(wf.a, AGENTS.a.username), b: await n8n.activate(wf.b, AGENTS.b.username), c: await n8n.activate(wf.c, AGENTS.c.username) };
		await sleep(1000);
		const calls: Record<Flow, CallResult[]> = { a: [], b: [], c: [], script: [] };
		const ratios: number[] = [];
		const windowStartUs = Number(process.hrtime.bigint() / 1000n);
		for (let round = 0; round < profile.rounds; round++) {
			const flows: Flow[] = round < profile.variantRounds ? ['a', 'b', 'c', 'script'] : ['a', 'script'];
			// Rotate the order so no flow always follows the same one.
			const order = flows.map((_, i) => flows[(i + round) % flows.length]);
			const got: Partial<Record<Flow, CallResult>> = {};
			for (const flow of order) {
				got[flow] = await sequentialCall(logs, phones[flow], 10_000);
				calls[flow].push(got[flow]!);
				await sleep(30);
			}
			if (got.a?.reactionMs !== undefined && got.script?.reactionMs) ratios.push(got.a.reactionMs / got.script.reactionMs);
		}
		const windowEndUs = Number(process.hrtime.bigint() / 1000n);
		result.loadAverage = os.loadavg().map((l) => round(l, 2));
		for (const flow of Object.keys(calls) as Flow[]) {
			const list = calls[flow];
			if (list.length === 0) continue;
			const ok = list.filter((c) => c.reactionMs !== undefined).map((c) => c.reactionMs!);
			result.flows[flow] = { ...pct(ok), errors: list.filter((c) => c.error).length, duplicated: flow === 'b' ? 0 : list.filter((c) => c.conferences > 1).length };
			ctx.log(`  ${profile.name} ${FLOW_LABEL[flow]}: ${JSON.stringify(result.flows[flow])}`);
		}
		result.ratioA = r1(percentile(ratios, 50));
		// Flow a in the rounds where b and c ran too (same neighbours and spacing): the fair comparison of the three
		// flows. Later rounds alternate a with the script only, which leaves n8n idle longer between executions.
		const aVariant = calls.a.slice(0, Math.min(profile.variantRounds, calls.a.length)).filter((c) => c.reactionMs !== undefined);
		if (profile.variantRounds < profile.rounds && aVariant.length) result.aInVariantRounds = pct(aVariant.map((c) => c.reactionMs!));

		const traces = readTraces(n8n.logFile);
		result.traces = traces.size;
		if (profile.breakdown || profile.profiled) {
			result.breakdown = {};
			for (const flow of ['a', 'b', 'c'] as const) {
				const execs = await executionTimes(n8n.rest, ids[flow], NODE_NAMES[flow].trigger, 100).catch(() => [] as ExecutionTimes[]);
				const byCall = new Map(execs.filter((e) => e.callId).map((e) => [e.callId!, e]));
				const stages: Record<string, number[]> = {};
				for (const call of calls[flow]) {
					const s = stagesOf(call, byCall.get(call.callId), NODE_NAMES[flow], traces.get(call.callId));
					for (const [k, v] of Object.entries(s)) (stages[k] ??= []).push(v);
				}
				if (Object.keys(stages).length) result.breakdown[flow] = Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, pct(v)]));
			}
		}

		if (profile.load) {
			const meter = new CpuMeter(() => ({ 'n8n main': n8n.pids().main, simulator: sim.pid, script: scriptPid, bench: process.pid }));
			result.load = await sweep(ctx, logs, phones[profile.load], `regular (SQLite), ${profile.name}`, profile.load, LOAD_RATES(ctx), LOAD_SECONDS(ctx), meter);
			await n8n.stop();
			result.load.logLines = logLinesOf(n8n);
		}

		await n8n.stop();
		if (cpuDir) {
			const file = profileOfPid(cpuDir, n8n.pids().main);
			if (file) {
				const attribution = attributeProfile(file, windowStartUs, windowEndUs);
				const callsInWindow = calls.a.length + calls.b.length + calls.c.length;
				const perCallMs: Record<string, number> = {};
				for (const [k, v] of Object.entries(attribution.selfMs)) perCallMs[k] = round(v / callsInWindow, 2);
				const oursByPartPerCallMs = Object.fromEntries(
					Object.entries(attribution.oursByPart).map(([k, v]) => [k, { selfMs: round(v.selfMs / callsInWindow, 2), withCalleesMs: round(v.withCalleesMs / callsInWindow, 2) }]),
				);
				result.cpuProfile = { ...attribution, callsInWindow, perCallMs, underOursPerCallMs: round(attribution.underOursMs / callsInWindow, 2), oursByPartPerCallMs, logLevel: env.N8N_LOG_LEVEL ?? 'info' };
				ctx.log(`  CPU profile (${callsInWindow} n8n calls): per call ${JSON.stringify(perCallMs)}; ours by part ${JSON.stringify(oursByPartPerCallMs)}`);
			} else ctx.log('  (no CPU profile written by n8n main)');
		}
	} finally {
		await n8n.stop().catch(() => undefined);
		n8n.cleanup();
		if (cpuDir) dropProfiles(cpuDir);
	}
	return result;
}

const LOAD_RATES = (ctx: BenchContext) => (ctx.quick ? [5, 20] : [2, 5, 10, 15, 20, 30, 50, 100]);
const LOAD_SECONDS = (ctx: BenchContext) => (ctx.quick ? 2 : 5);
/** PostgreSQL with 1 and 2 workers (a quick run: 2 workers only); SQLite with 2 workers only as the comparison. */
const QUEUE_SETUPS = (ctx: BenchContext): QueueSetup[] =>
	ctx.quick
		? [{ workers: 2, database: 'postgres' }]
		: [
				{ workers: 1, database: 'postgres' },
				{ workers: 2, database: 'postgres' },
				{ workers: 2, database: 'sqlite' },
			];

async function queueSweep(ctx: BenchContext, sim: SimProcess, logs: SimLogs, phones: Record<Flow, AgentPhone>, setup: QueueSetup): Promise<LoadSweep> {
	const mode = queueMode(setup);
	ctx.log(`${mode}: starting n8n with ${JSON.stringify(QUEUE_ENV)}, worker concurrency ${WORKER_CONCURRENCY}`);
	const n8n = await N8nBench.start({ sim, agents: [AGENTS.c], env: QUEUE_ENV, workers: setup.workers, queueDatabase: setup.database, workerConcurrency: WORKER_CONCURRENCY });
	try {
		await n8n.activate(workflows().c, AGENTS.c.username);
		await sleep(1000);
		const result = await sweep(ctx, logs, phones.c, mode, 'c', LOAD_RATES(ctx), LOAD_SECONDS(ctx), queueMeter(n8n, sim));
		const queue = { ...setup, env: QUEUE_ENV, workerConcurrency: WORKER_CONCURRENCY, postgresVersion: n8n.stack.postgres?.version };
		await n8n.stop();
		return { ...result, queue, logLines: logLinesOf(n8n) };
	} finally {
		await n8n.stop().catch(() => undefined);
		n8n.cleanup();
	}
}

function queueMeter(n8n: N8nBench, sim: SimProcess): CpuMeter {
	return new CpuMeter(() => {
		const pids = n8n.pids();
		return {
			'n8n main': pids.main,
			...Object.fromEntries(pids.workers.map((p, i) => [`worker ${i + 1}`, p])),
			redis: pids.redis,
			...(pids.postgres ? { postgres: pids.postgres } : {}),
			simulator: sim.pid,
			bench: process.pid,
		};
	});
}

interface QueueProfile {
	workers: number;
	database: 'postgres' | 'sqlite';
	ratePerSec: number;
	step: Omit<LoadStepResult, 'reactions'> & { p50: number; p99: number };
	cores: Record<string, number>;
	/** Per process: where its CPU went during the step (ms of samples, self time by owner). */
	processes: Record<string, ProfileAttribution | undefined>;
	logLines: Record<string, Record<string, number>>;
	/** CPU (ms, from the profile: all but idle) each process spent per call during the step. */
	busyMsPerCall: Record<string, number>;
}

/** One load step in queue mode under --cpu-prof: what each process spends its time on at a rate it cannot hold. */
async function queueProfile(ctx: BenchContext, sim: SimProcess, logs: SimLogs, phones: Record<Flow, AgentPhone>, setup: QueueSetup, rate: number): Promise<QueueProfile> {
	const { workers, database } = setup;
	const cpuDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-bench-cpuprof-'));
	ctx.log(`${queueMode(setup)}, profiled at ${rate}/s`);
	const n8n = await N8nBench.start({ sim, agents: [AGENTS.c], env: QUEUE_ENV, workers, queueDatabase: database, workerConcurrency: WORKER_CONCURRENCY, cpuProfileDir: cpuDir });
	try {
		await n8n.activate(workflows().c, AGENTS.c.username);
		await sleep(1000);
		await loadStep(logs, phones.c, 2, 3, 10_000); // warm-up, not counted
		const meter = queueMeter(n8n, sim);
		meter.begin();
		const from = Number(process.hrtime.bigint() / 1000n);
		const step = await loadStep(logs, phones.c, rate, Math.max(LOAD_SECONDS(ctx), MIN_CALLS_PER_STEP / rate), 10_000);
		const to = Number(process.hrtime.bigint() / 1000n);
		const cores = meter.end();
		const pids = n8n.pids();
		await n8n.stop();
		const logLines = logLinesOf(n8n);
		const processes: QueueProfile['processes'] = {};
		const busyMsPerCall: Record<string, number> = {};
		for (const [name, pid] of [['n8n main', pids.main], ...pids.workers.map((p, i) => [`worker ${i + 1}`, p])] as Array<[string, number]>) {
			const file = profileOfPid(cpuDir, pid);
			processes[name] = file ? attributeProfile(file, from, to) : undefined;
			const busy = processes[name] ? Object.entries(processes[name]!.selfMs).filter(([k]) => k !== 'idle').reduce((sum, [, v]) => sum + v, 0) : NaN;
			busyMsPerCall[name] = r1(busy / Math.max(1, step.placed));
		}
		const p = pct(step.reactions);
		ctx.log(`  profiled step: missed ${step.missed}, p50 ${p.p50} ms; cores ${JSON.stringify(cores)}; busy ms per call ${JSON.stringify(busyMsPerCall)}`);
		return { workers, database, ratePerSec: rate, step: { ...withoutReactions(step), p50: p.p50, p99: p.p99 }, cores, processes, busyMsPerCall, logLines };
	} finally {
		await n8n.stop().catch(() => undefined);
		n8n.cleanup();
		dropProfiles(cpuDir);
	}
}

/** Removes a CPU-profile folder; BENCH_KEEP_CPU_PROFILES=<dir> keeps the .cpuprofile files there (open in Chrome DevTools). */
function dropProfiles(dir: string): void {
	const keep = process.env.BENCH_KEEP_CPU_PROFILES;
	if (keep && fs.existsSync(dir)) {
		fs.mkdirSync(keep, { recursive: true });
		for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(keep, `${path.basename(dir)}-${f}`));
	}
	fs.rmSync(dir, { recursive: true, force: true });
}

export function profiles(quick: boolean): Profile[] {
	const legacy = { N8N_EXPRESSION_ENGINE: 'legacy' };
	const settingRounds = quick ? 0 : 30;
	const all: Profile[] = [
		{ name: 'default', what: "n8n 2.41's defaults (expression engine vm)", env: {}, rounds: quick ? 10 : 200, variantRounds: quick ? 5 : 60, breakdown: true, load: quick ? undefined : 'a' },
		{ name: 'profiled: default', what: 'defaults, under --cpu-prof with debug JSON logs (for attribution only)', env: {}, rounds: 20, variantRounds: 20, profiled: true },
		{ name: 'profiled: recommended', what: 'recommended settings, under --cpu-prof with debug JSON logs (for attribution only)', env: RECOMMENDED_ENV, rounds: 20, variantRounds: 20, profiled: true },
		{ name: 'legacy engine', what: 'N8N_EXPRESSION_ENGINE=legacy', env: legacy, rounds: settingRounds, variantRounds: settingRounds, breakdown: true },
		{ name: 'vm, lazy acquire', what: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }, rounds: settingRounds, variantRounds: settingRounds },
		{ name: 'vm, pool 4', what: 'N8N_EXPRESSION_ENGINE_POOL_SIZE=4', env: { N8N_EXPRESSION_ENGINE_POOL_SIZE: '4' }, rounds: settingRounds, variantRounds: settingRounds },
		{ name: 'legacy + save on progress', what: 'legacy + EXECUTIONS_DATA_SAVE_ON_PROGRESS=true', env: { ...legacy, EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'true' }, rounds: settingRounds, variantRounds: settingRounds },
		{ name: 'legacy + sqlite pool 1', what: 'legacy + DB_SQLITE_POOL_SIZE=1 (default 3)', env: { ...legacy, DB_SQLITE_POOL_SIZE: '1' }, rounds: settingRounds, variantRounds: settingRounds },
		{ name: 'recommended', what: 'legacy + EXECUTIONS_DATA_SAVE_ON_SUCCESS=none', env: RECOMMENDED_ENV, rounds: quick ? 10 : 200, variantRounds: quick ? 5 : 60, load: 'c' },
	];
	return all.filter((p) => p.rounds > 0 && !(quick && p.profiled));
}

/**
 * BENCH_REACTION_PARTS=load runs only the load sweeps (all modes, in one run) and the few sequential rounds that warm
 * each n8n up; the sequential figures of the previous full run are kept in the result, named as such. Default: all.
 */
const loadOnly = (ctx: BenchContext) => !ctx.quick && process.env.BENCH_REACTION_PARTS === 'load';

function selectedProfiles(ctx: BenchContext): Profile[] {
	const all = profiles(ctx.quick);
	if (!loadOnly(ctx)) return all;
	return all.filter((p) => p.load).map((p) => ({ ...p, rounds: 10, variantRounds: 5, breakdown: false }));
}

/** The sequential results of the last full run (bench/results/reaction.json), for a load-only run. */
function previousSequential(): { date: string; profiles: ProfileResult[] } | undefined {
	const file = path.join(REPO, 'bench', 'results', 'reaction.json');
	if (!fs.existsSync(file)) return undefined;
	const previous = JSON.parse(fs.readFileSync(file, 'utf8')) as { environment: { date: string }; profiles: Array<ProfileResult & { load?: unknown }>; sequentialFrom?: { date: string } };
	return {
		date: previous.sequentialFrom?.date ?? previous.environment.date,
		profiles: previous.profiles.map((p) => {
			const copy = { ...p };
			delete copy.load;
			return copy;
		}),
	};
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
	const users = [...Object.values(AGENTS), SUPERVISOR];
	const sim = await SimProcess.start({ users });
	const logs = new SimLogs(sim);
	const phones = Object.fromEntries((Object.keys(AGENTS) as Flow[]).map((f) => [f, new AgentPhone(sim, AGENTS[f].username, AGENTS[f].password)])) as Record<Flow, AgentPhone>;
	for (const phone of Object.values(phones)) await phone.login();
	const script = await startScript(sim);
	const results: ProfileResult[] = [];
	const queue: LoadSweep[] = [];
	let scriptLoad: LoadSweep | undefined;
	let queueProfiled: QueueProfile | undefined;
	try {
		for (const profile of selectedProfiles(ctx)) results.push(await runProfile(ctx, sim, logs, phones, profile, script.pid));
		const meter = new CpuMeter(() => ({ simulator: sim.pid, script: script.pid, bench: process.pid }));
		scriptLoad = await sweep(ctx, logs, phones.script, 'script', 'script', LOAD_RATES(ctx), LOAD_SECONDS(ctx), meter);
		for (const setup of QUEUE_SETUPS(ctx)) queue.push(await queueSweep(ctx, sim, logs, phones, setup));
		// What each process of queue mode spends its time on, at the first rate two workers on PostgreSQL could not hold.
		const two = queue.find((q) => q.queue?.database === 'postgres' && q.queue.workers === 2);
		if (two && !ctx.quick) {
			const failed = two.steps.find((x) => !x.held)?.ratePerSec ?? LOAD_RATES(ctx)[LOAD_RATES(ctx).length - 1];
			queueProfiled = await queueProfile(ctx, sim, logs, phones, { workers: 2, database: 'postgres' }, failed);
		}
	} finally {
		script.kill();
		await sim.close();
	}
	return await report(ctx, results, queue, scriptLoad, queueProfiled);
}

async function report(ctx: BenchContext, results: ProfileResult[], queue: LoadSweep[], scriptLoad: LoadSweep | undefined, queueProfiled: QueueProfile | undefined): Promise<Record<string, unknown>> {
	const rows = results.flatMap((r) =>
		(['a', 'b', 'c', 'script'] as Flow[])
			.filter((f) => r.flows[f])
			.map((f) => ({ profile: r.name, flow: FLOW_LABEL[f], n: r.flows[f]!.n, p50: r.flows[f]!.p50, p95: r.flows[f]!.p95, p99: r.flows[f]!.p99, errors: r.flows[f]!.errors, load1: r.loadAverage[0] })),
	);
	ctx.log(table(rows));
	const sweeps = [...results.map((r) => r.load).filter((l): l is LoadSweep => !!l), ...queue, ...(scriptLoad ? [scriptLoad] : [])];
	ctx.log(table(sweeps.map((s) => ({ mode: s.mode, flow: s.flow, heldRate: s.heldRate, steps: s.steps.map((x) => `${x.ratePerSec}/s:${x.p50}/${x.p99}ms${x.missed ? ` missed ${x.missed}` : ''}${x.duplicated ? ` dup ${x.duplicated}` : ''}`).join(' ') }))));
	// A load-only run keeps the previous full run's sequential figures (its warm-up rounds are not comparable).
	const previous = loadOnly(ctx) ? previousSequential() : undefined;
	const sequential = previous ? { profiles: previous.profiles, sequentialFrom: { date: previous.date, why: 'BENCH_REACTION_PARTS=load: the sequential profiles were not run again' } } : { profiles: results };
	const result = { lagThresholdP99Ms: LAG_P99_MS, recommendedEnv: RECOMMENDED_ENV, queueEnv: QUEUE_ENV, workerConcurrency: WORKER_CONCURRENCY, ...sequential, load: sweeps, queueProfile: queueProfiled };
	await writeResult(ctx, 'reaction', result, reactionChart(result));
	return result;
}
