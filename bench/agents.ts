/**
 * Benchmark 6: agents per n8n main. GWS 8.5 has no team-wide notification channel (CometD is per logged-in user),
 * so a contact centre runs one trigger per agent credential. For N agents (100, 500, 1,000; quick: 20): the
 * simulator in its own process with N users read from a users file (the loader behind its --users FILE), the real
 * n8n in queue mode on PostgreSQL (main + 1 worker, the settings the reaction benchmark measured: QUEUE_ENV), and
 * per agent one credential and one active copy of the shipped example (trigger -> Single Step Conference), all
 * created through n8n's REST API. Per N:
 * - activation: time until every activate call returned, and until every trigger listened (a CometD session of
 *   its user at the simulator and its first read of the calls);
 * - idle: n8n main's RSS and CPU (and the worker's, the simulator's), the long-poll connections held open at the
 *   simulator, the CometD sessions;
 * - reaction at a steady call rate spread over the agents (5 calls/s; each call goes to the next agent): p50/p99
 *   from the Established notification to the conference request, missed and duplicated;
 * - a simulator restart (2 s outage): time until every agent's trigger has a session again and has re-read its
 *   calls (resync), then a few calls again to show that none is lost afterwards;
 * - a CPU profile of n8n main (--cpu-prof) attributed per phase: what bounds N.
 * A phase that fails records how far it got and what broke; larger N are then not tried.
 */
import { setTimeout as sleep } from 'timers/promises';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { WorkflowJson } from '../scripts/lib/n8n-rest';
import type { SimUserConfig } from '../simulator/api';
import { agentsChart } from './lib/agents-chart';
import { attributeProfile, profileOfPid, type ProfileAttribution } from './lib/cpu-profile';
import { N8nBench } from './lib/n8n-bench';
import { CpuMeter } from './lib/proc-cpu';
import { AgentPhone, loadStep, SimLogs } from './lib/reaction-driver';
import { table, writeResult, type BenchContext } from './lib/report';
import { SimProcess } from './lib/sim-process';
import { median, percentile, round } from './lib/stats';
import { QUEUE_ENV, WORKER_CONCURRENCY } from './reaction';

const REPO = path.join(__dirname, '..');
const EXAMPLE = 'examples/auto-conference-supervisor.json';

interface Plan {
	counts: number[];
	/** Activate calls in flight at once (a deployment script would not do them one by one either). */
	concurrency: number;
	idleSeconds: number;
	ratePerSec: number;
	loadSeconds: number;
	outageMs: number;
	afterRestartCalls: number;
}

function plan(ctx: BenchContext): Plan {
	const counts = process.env.BENCH_AGENTS_COUNTS?.split(',').map(Number).filter((n) => n > 0);
	return {
		counts: counts?.length ? counts : ctx.quick ? [20] : [100, 500, 1000],
		concurrency: Number(process.env.BENCH_AGENTS_CONCURRENCY ?? 4),
		idleSeconds: ctx.quick ? 10 : 60,
		ratePerSec: Number(process.env.BENCH_AGENTS_RATE ?? (ctx.quick ? 2 : 5)),
		loadSeconds: ctx.quick ? 10 : 60,
		outageMs: 2000,
		afterRestartCalls: ctx.quick ? 6 : 30,
	};
}

/** N agents for the simulator's users file: usernames, passwords and DNs of our own. */
function agentUsers(n: number): SimUserConfig[] {
	return Array.from({ length: n }, (_, i) => ({
		username: `cc-agent-${String(i + 1).padStart(4, '0')}`,
		password: `cc-pass-${String(i + 1).padStart(4, '0')}`,
		phoneNumber: String(30000 + i),
		firstName: 'Agent',
		lastName: String(i + 1),
	}));
}

/** Runs `fn` over `items` with at most `limit` in flight; resolves with the results in order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await fn(items[i], i);
		}
	});
	await Promise.all(lanes);
	return results;
}

function rssMB(pid: number | undefined): number {
	if (pid === undefined) return NaN;
	try {
		const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb ? round(Number(kb) / 1024, 1) : NaN;
	} catch {
		return NaN;
	}
}

const load = () => os.loadavg().map((l) => round(l, 2));
const hrUs = () => Number(process.hrtime.bigint() / 1000n);
const r1 = (v: number) => round(v, 1);

/** Polls until every user has a CometD session and has read its calls after `sinceSeq`; returns ms per milestone. */
async function untilAllListen(sim: SimProcess, users: string[], sinceSeq: number, t0: number, timeoutMs: number) {
	const read = new Set<string>();
	let sessionsAt: number | undefined;
	let readAt: number | undefined;
	let withSession = 0;
	const deadline = t0 + timeoutMs;
	while (performance.now() < deadline) {
		for (const u of await sim.usersWithRequestSince({ since: sinceSeq, method: 'GET', path: '/api/v2/me/calls' })) read.add(u);
		withSession = (await sim.usersWithSession(users)).length;
		if (sessionsAt === undefined && withSession === users.length) sessionsAt = performance.now() - t0;
		if (readAt === undefined && read.size >= users.length) readAt = performance.now() - t0;
		if (sessionsAt !== undefined && readAt !== undefined) break;
		await sleep(250);
	}
	return { sessionsMs: sessionsAt, resyncedMs: readAt, withSession, read: read.size };
}

interface AgentsRow {
	agents: number;
	loadAverage: number[];
	activation?: { restMs: number; listeningMs?: number; perAgentMs?: number; concurrency: number; listening: number; read: number; loadAverage: number[] };
	idle?: {
		seconds: number;
		mainRssBaselineMB: number;
		mainRssMB: number;
		rssPerAgentMB: number;
		cores: Record<string, number>;
		mainCpuMsPerAgentPerMinute: number;
		openConnections: { min: number; median: number; max: number };
		cometdSessions: number;
		loadAverage: number[];
	};
	reaction?: { ratePerSec: number; placed: number; achievedRate: number; p50: number; p95: number; p99: number; missed: number; late: number; duplicated: number; placeErrors: number; cores: Record<string, number>; loadAverage: number[] };
	restart?: { outageMs: number; resubscribedMs?: number; resyncedMs?: number; withSession: number; read: number; loadAverage: number[] };
	/**
	 * `refusedThenRetried`: conferences whose first request GWS refused (the worker's session from before the
	 * restart is gone: 403) and that the node sent again on a new session: retries, not duplicates.
	 */
	afterRestart?: { placed: number; missed: number; duplicated: number; refusedThenRetried: number; p50: number; p99: number; cometdSessions: number };
	profile?: Record<string, ProfileAttribution & { perAgentMsPerMinute?: number }>;
	/** A phase that did not finish: which, and the error. */
	broke?: { phase: string; error: string };
}

async function measure(ctx: BenchContext, p: Plan, n: number): Promise<AgentsRow> {
	const row: AgentsRow = { agents: n, loadAverage: load() };
	const users = agentUsers(n);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-bench-agents-'));
	const usersFile = path.join(dir, 'users.json');
	fs.writeFileSync(usersFile, JSON.stringify({ users }, null, 1));
	const cpuDir = path.join(dir, 'cpuprof');
	const sim = await SimProcess.start({ usersFile });
	const logs = new SimLogs(sim);
	let n8n: N8nBench | undefined;
	const windows: Record<string, [number, number]> = {};
	let phase = 'start n8n';
	try {
		n8n = await N8nBench.start({ sim, agents: [], env: QUEUE_ENV, workers: 1, workerConcurrency: WORKER_CONCURRENCY, cpuProfileDir: cpuDir });
		const bench = n8n;
		// n8n's RSS right after start still falls for a while (start-up garbage): the baseline is where it settled.
		const baseline: number[] = [];
		for (let i = 0; i < 20; i++) {
			await sleep(1000);
			baseline.push(rssMB(bench.pids().main));
		}
		const mainRssBaselineMB = Math.min(...baseline.slice(-5));

		phase = 'create credentials and workflows';
		const example = JSON.parse(fs.readFileSync(path.join(REPO, EXAMPLE), 'utf8')) as WorkflowJson;
		await mapLimit(users, p.concurrency, (u) => bench.addCredential(u));
		const created = await mapLimit(users, p.concurrency, (u) =>
			bench.rest.createWorkflow({ ...bench.withCredentialOf(example, u.username), name: `${example.name} (${u.username})` }),
		);
		ctx.log(`  ${n} agents: ${n} credentials and workflows created`);

		phase = 'activate';
		const seq = await sim.lastRequestSeq();
		const t0 = performance.now();
		const from = hrUs();
		await mapLimit(created, p.concurrency, (w) => bench.rest.activateWorkflow(w.id, w.versionId));
		const restMs = performance.now() - t0;
		const listen = await untilAllListen(
			sim,
			users.map((u) => u.username),
			seq,
			t0,
			Math.max(120_000, n * 600),
		);
		windows.activation = [from, hrUs()];
		row.activation = {
			restMs: Math.round(restMs),
			listeningMs: listen.resyncedMs === undefined ? undefined : Math.round(Math.max(listen.resyncedMs, listen.sessionsMs ?? 0)),
			perAgentMs: listen.resyncedMs === undefined ? undefined : r1(Math.max(listen.resyncedMs, listen.sessionsMs ?? 0) / n),
			concurrency: p.concurrency,
			listening: listen.withSession,
			read: listen.read,
			loadAverage: load(),
		};
		ctx.log(`  ${n} agents: activate calls ${Math.round(restMs)} ms; all listening after ${row.activation.listeningMs ?? 'never'} ms (${listen.withSession} sessions, ${listen.read} read their calls)`);
		if (listen.resyncedMs === undefined || listen.sessionsMs === undefined) throw new Error(`only ${listen.withSession} of ${n} triggers got a CometD session and ${listen.read} read their calls`);

		phase = 'idle';
		await sleep(15_000); // every trigger past its first long-poll cycle
		const meter = new CpuMeter(() => ({ 'n8n main': bench.pids().main, 'n8n worker': bench.pids().workers[0], postgres: bench.pids().postgres, redis: bench.pids().redis, simulator: sim.pid }));
		const connections: number[] = [];
		meter.begin();
		const idleFrom = hrUs();
		const idleEnd = performance.now() + p.idleSeconds * 1000;
		while (performance.now() < idleEnd) {
			connections.push(await sim.openConnections());
			await sleep(Math.min(5000, Math.max(0, idleEnd - performance.now())));
		}
		const idleCores = meter.end();
		windows.idle = [idleFrom, hrUs()];
		const mainRssMB = rssMB(bench.pids().main);
		row.idle = {
			seconds: p.idleSeconds,
			mainRssBaselineMB,
			mainRssMB,
			rssPerAgentMB: round((mainRssMB - mainRssBaselineMB) / n, 3),
			cores: idleCores,
			mainCpuMsPerAgentPerMinute: round((idleCores['n8n main'] * 60_000) / n, 2),
			openConnections: { min: Math.min(...connections), median: median(connections), max: Math.max(...connections) },
			cometdSessions: await sim.cometdSessions(),
			loadAverage: load(),
		};
		ctx.log(`  ${n} agents idle: main RSS ${mainRssMB} MB (baseline ${mainRssBaselineMB}), cores ${JSON.stringify(idleCores)}, connections ${JSON.stringify(row.idle.openConnections)}, sessions ${row.idle.cometdSessions}`);

		phase = 'reaction';
		const phones = users.map((u) => new AgentPhone(sim, u.username, u.password));
		await mapLimit(phones, 20, (ph) => ph.login());
		await loadStep(logs, phones.slice(0, 10), 2, 3, 10_000); // warm-up, not counted
		meter.begin();
		const loadFrom = hrUs();
		const step = await loadStep(logs, phones, p.ratePerSec, p.loadSeconds, 15_000);
		const loadCores = meter.end();
		windows.reaction = [loadFrom, hrUs()];
		row.reaction = {
			ratePerSec: p.ratePerSec,
			placed: step.placed,
			achievedRate: step.achievedRate,
			p50: r1(percentile(step.reactions, 50)),
			p95: r1(percentile(step.reactions, 95)),
			p99: r1(percentile(step.reactions, 99)),
			missed: step.missed,
			late: step.late,
			duplicated: step.duplicated,
			placeErrors: step.placeErrors,
			cores: loadCores,
			loadAverage: load(),
		};
		ctx.log(`  ${n} agents at ${p.ratePerSec}/s: placed ${step.placed}, missed ${step.missed}, dup ${step.duplicated}, p50 ${row.reaction.p50} p99 ${row.reaction.p99} ms; cores ${JSON.stringify(loadCores)}`);

		phase = 'simulator restart';
		for (const ph of phones) ph.client.close();
		const restartSeq = await sim.lastRequestSeq();
		await sim.stop();
		await sleep(p.outageMs);
		const restartFrom = hrUs();
		const r0 = performance.now();
		await sim.start();
		const back = await untilAllListen(
			sim,
			users.map((u) => u.username),
			restartSeq,
			r0,
			Math.max(180_000, n * 300),
		);
		windows.restart = [restartFrom, hrUs()];
		row.restart = {
			outageMs: p.outageMs,
			resubscribedMs: back.sessionsMs === undefined ? undefined : Math.round(back.sessionsMs),
			resyncedMs: back.resyncedMs === undefined ? undefined : Math.round(back.resyncedMs),
			withSession: back.withSession,
			read: back.read,
			loadAverage: load(),
		};
		ctx.log(`  ${n} agents restart: all re-subscribed after ${row.restart.resubscribedMs ?? 'never'} ms, all resynced after ${row.restart.resyncedMs ?? 'never'} ms`);
		if (back.resyncedMs === undefined || back.sessionsMs === undefined) throw new Error(`after the restart only ${back.withSession} of ${n} triggers had a session and ${back.read} re-read their calls`);

		phase = 'calls after the restart';
		// Agents spread over the whole range, each with a new phone (the old phones' sessions ended with the restart).
		const every = Math.max(1, Math.floor(n / p.afterRestartCalls));
		const sample = users.filter((_, i) => i % every === 0).slice(0, p.afterRestartCalls).map((u) => new AgentPhone(sim, u.username, u.password));
		await mapLimit(sample, 10, (ph) => ph.login());
		const after = await loadStep(logs, sample, 2, p.afterRestartCalls / 2, 15_000);
		row.afterRestart = {
			placed: after.placed,
			missed: after.missed,
			duplicated: after.duplicated,
			refusedThenRetried: [...logs.refused.keys()].filter((id) => logs.conferences.has(id)).length,
			p50: r1(percentile(after.reactions, 50)),
			p99: r1(percentile(after.reactions, 99)),
			cometdSessions: await sim.cometdSessions(),
		};
		for (const ph of sample) ph.client.close();

		ctx.log(`  ${n} agents after the restart: placed ${after.placed}, missed ${after.missed}, dup ${after.duplicated}, first request refused then retried ${row.afterRestart.refusedThenRetried}, sessions ${row.afterRestart.cometdSessions}`);
	} catch (error) {
		row.broke = { phase, error: (error as Error).message };
		ctx.log(`  ${n} agents: ${phase} broke: ${(error as Error).message}`);
	} finally {
		const mainPid = n8n?.pids().main;
		await n8n?.stop(180_000).catch(() => undefined);
		n8n?.cleanup();
		await sim.close();
		const file = profileOfPid(cpuDir, mainPid);
		if (file) {
			row.profile = {};
			for (const [name, [from, to]] of Object.entries(windows)) {
				const attribution = attributeProfile(file, from, to);
				const busy = Object.entries(attribution.selfMs)
					.filter(([k]) => k !== 'idle')
					.reduce((sum, [, v]) => sum + v, 0);
				row.profile[name] = { ...attribution, perAgentMsPerMinute: round((busy / ((to - from) / 60e6)) / n, 2) };
			}
		} else ctx.log(`  ${n} agents: no CPU profile written by n8n main`);
		const keep = process.env.BENCH_KEEP_CPU_PROFILES;
		if (keep && file) {
			fs.mkdirSync(keep, { recursive: true });
			fs.copyFileSync(file, path.join(keep, `agents-${n}-main.cpuprofile`));
		}
		fs.rmSync(dir, { recursive: true, force: true });
		row.loadAverage = load();
	}
	return row;
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
	const p = plan(ctx);
	const rows: AgentsRow[] = [];
	for (const n of p.counts) {
		ctx.log(`${n} agents: one n8n main (queue mode, PostgreSQL, 1 worker), one credential and one active workflow per agent`);
		const row = await measure(ctx, p, n);
		rows.push(row);
		if (row.broke) break;
	}
	ctx.log(
		table(
			rows.map((r) => ({
				agents: r.agents,
				'listening s': r.activation?.listeningMs === undefined ? '' : r1(r.activation.listeningMs / 1000),
				'main RSS MB': r.idle?.mainRssMB,
				'main idle cores': r.idle?.cores['n8n main'],
				connections: r.idle?.openConnections.median,
				'p50 ms': r.reaction?.p50,
				'p99 ms': r.reaction?.p99,
				missed: r.reaction?.missed,
				dup: r.reaction?.duplicated,
				'resubscribed s': r.restart?.resyncedMs === undefined ? '' : r1(r.restart.resyncedMs / 1000),
				load1: r.loadAverage[0],
				broke: r.broke ? `${r.broke.phase}: ${r.broke.error.slice(0, 60)}` : '',
			})),
		),
	);
	const result = { plan: p, setup: { mode: 'queue', database: 'postgres', workers: 1, workerConcurrency: WORKER_CONCURRENCY, env: QUEUE_ENV, workflow: EXAMPLE }, rows };
	await writeResult(ctx, 'agents', result, agentsChart(result));
	return result;
}
