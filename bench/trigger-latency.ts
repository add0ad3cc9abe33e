/**
 * Benchmark 2: the simulator (own process) publishes N AttachedDataChanged notifications at a given rate on
 * agent1's /v2/me/calls; our trigger (real n8n-core TriggerContext, emit timestamped) and a raw
 * cometd-nodejs-client subscriber (same user) receive them. Three views of "added latency", per rate:
 * - solo (the verdict): each client alone, alternating, same rate and count; end-to-end latency from the
 *   simulator's BurstSentAt (Date.now(), 1 ms resolution, the same bias for both); added = ours - raw per
 *   percentile. Also CPU µs per notification in this process.
 * - in-trigger: from the moment n8n's HTTP helper hands a Bayeux reply to our transport until our emit.
 * - paired: both subscribed at once in one process; ours emit - raw callback per message (by BurstSeq). Two
 *   independent long-poll cycles make this swing both ways by a poll cycle (see p1), so it is shown, not judged.
 * Losses = published - received, in every run. Repetitions alternate the order.
 */
import './lib/n8n-env';
import { setTimeout as sleep } from 'timers/promises';

import { clearGwsSessions } from '../nodes/shared/transport';
import { startOurTrigger, burstSentAt, burstSeq } from './lib/our-trigger';
import { startRawSubscriber } from './lib/raw-cometd';
import { table, writeResult, type BenchContext } from './lib/report';
import { SimProcess } from './lib/sim-process';
import { median, percentile, round } from './lib/stats';

const USER = { username: 'agent1', password: 'agent1pass' };
const TARGET_P99_MS = 2;

interface Arrivals {
	at: Map<number, number>;
	e2e: number[];
	duplicates: number;
}

function arrivals(): Arrivals {
	return { at: new Map(), e2e: [], duplicates: 0 };
}

function record(a: Arrivals, data: unknown): void {
	const now = performance.now();
	const seq = burstSeq(data);
	if (seq === undefined) return;
	if (a.at.has(seq)) a.duplicates++;
	else a.at.set(seq, now);
	const sent = burstSentAt(data);
	if (sent !== undefined) a.e2e.push(performance.timeOrigin + now - sent);
}

async function oneRun(sim: SimProcess, count: number, ratePerSec: number, oursFirst: boolean) {
	clearGwsSessions();
	const ours = arrivals();
	const raw = arrivals();
	const credential = { baseUrl: sim.url, ...USER };
	const replyAt = new Map<number, number>();
	const onReply = (body: string) => {
		const now = performance.now();
		for (const m of body.matchAll(/"BurstSeq":(\d+)/g)) replyAt.set(Number(m[1]), now);
	};
	const startOurs = () => startOurTrigger(credential, (json) => record(ours, json), ['AttachedDataChanged'], onReply);
	const startRaw = () => startRawSubscriber(sim.url, USER.username, USER.password, (m) => record(raw, m.data));
	let trigger: Awaited<ReturnType<typeof startOurs>> | undefined;
	let sub: Awaited<ReturnType<typeof startRaw>> | undefined;
	try {
		if (oursFirst) {
			trigger = await startOurs();
			sub = await startRaw();
		} else {
			sub = await startRaw();
			trigger = await startOurs();
		}
		await sleep(300); // the trigger's first resync (GET /api/v2/me/calls) is done
		const burst = await sim.burst({ user: USER.username, count, ratePerSec });
		// Wait until both have everything, or 3 s without progress.
		let last = -1;
		let quietSince = performance.now();
		while (ours.at.size < count || raw.at.size < count) {
			const progress = ours.at.size + raw.at.size;
			if (progress !== last) {
				last = progress;
				quietSince = performance.now();
			} else if (performance.now() - quietSince > 3000) break;
			await sleep(20);
		}
		const inTrigger: number[] = [];
		for (const [seq, t] of ours.at) {
			const r = replyAt.get(seq);
			if (r !== undefined) inTrigger.push(t - r);
		}
		const added: number[] = [];
		for (const [seq, t] of ours.at) {
			const r = raw.at.get(seq);
			if (r !== undefined) added.push(t - r);
		}
		return {
			published: burst.published,
			achievedRate: round((burst.published * 1000) / Math.max(1, burst.endedAt - burst.startedAt), 0),
			oursReceived: ours.at.size,
			rawReceived: raw.at.size,
			oursDuplicates: ours.duplicates,
			rawDuplicates: raw.duplicates,
			added,
			inTrigger,
			oursE2e: ours.e2e,
			rawE2e: raw.e2e,
			errors: trigger.errors.map((e) => e.message),
		};
	} finally {
		await trigger?.close();
		await sub?.stop();
	}
}

/**
 * A solo run: one client alone (no event-loop sharing with the other) receives a burst. Gives its end-to-end
 * latency from BurstSentAt and its CPU cost per notification in this process (process.cpuUsage over the burst;
 * the simulator's CPU is in its own process). Immune to the long-poll phase noise of the paired figure.
 */
type Who = 'ours' | 'raw' | 'oursKeepAlive';

async function soloRun(sim: SimProcess, who: Who, count: number, ratePerSec: number) {
	clearGwsSessions();
	const got = arrivals();
	const credential = { baseUrl: sim.url, ...USER };
	const client =
		who !== 'raw'
			? await startOurTrigger(credential, (json) => record(got, json), ['AttachedDataChanged'], undefined, who === 'oursKeepAlive')
			: await startRawSubscriber(sim.url, USER.username, USER.password, (m) => record(got, m.data));
	try {
		await sleep(300);
		const cpu0 = process.cpuUsage();
		const burst = await sim.burst({ user: USER.username, count, ratePerSec });
		let last = -1;
		let quietSince = performance.now();
		while (got.at.size < count) {
			if (got.at.size !== last) {
				last = got.at.size;
				quietSince = performance.now();
			} else if (performance.now() - quietSince > 3000) break;
			await sleep(5);
		}
		const cpu = process.cpuUsage(cpu0);
		return { published: burst.published, received: got.at.size, e2e: got.e2e, usPerNotification: (cpu.user + cpu.system) / count };
	} finally {
		await ('close' in client ? client.close() : client.stop());
	}
}

export async function run(ctx: BenchContext): Promise<Record<string, unknown>> {
	// Bursts of ~1.5 s; solo repetitions are many and short so a moment of outside load spoils one, not all.
	const plan = ctx.quick
		? [{ rate: 2000, count: 2000 }]
		: [
				// 100/s: every message finds both long polls parked, so the paired figure is meaningful here.
				{ rate: 100, count: 200 },
				{ rate: 500, count: 1000 },
				{ rate: 1000, count: 1500 },
				{ rate: 2000, count: 3000 },
				{ rate: 5000, count: 7500 },
			];
	const reps = ctx.quick ? 2 : 3;
	const soloReps = ctx.quick ? 2 : 5;
	const sim = await SimProcess.start();
	const rows: Array<Record<string, number | string>> = [];
	try {
		await oneRun(sim, 200, 1000, true); // warm-up
		for (const { rate, count } of plan) {
			const runs = [];
			const solo: Record<Who, Array<Awaited<ReturnType<typeof soloRun>>>> = { ours: [], raw: [], oursKeepAlive: [] };
			for (let rep = 0; rep < Math.max(reps, soloReps); rep++) {
				if (rep < reps) runs.push(await oneRun(sim, count, rate, rep % 2 === 0));
				const order: Who[] = ['raw', 'ours', 'oursKeepAlive'];
				for (const who of rep % 2 === 0 ? order : order.reverse()) {
					solo[who].push(await soloRun(sim, who, count, rate));
				}
			}
			const added = runs.flatMap((r) => r.added);
			const inTrigger = runs.flatMap((r) => r.inTrigger);
			const oursE2e = runs.flatMap((r) => r.oursE2e);
			const rawE2e = runs.flatMap((r) => r.rawE2e);
			// Per repetition percentiles, then the median over repetitions (robust to a noisy repetition).
			const soloP = (who: Who, p: number) => median(solo[who].map((r) => percentile(r.e2e, p)));
			const published = runs.reduce((s, r) => s + r.published, 0);
			const soloLost = (who: Who) => solo[who].reduce((s, r) => s + r.published - r.received, 0);
			const cpuUs = (who: Who) => round(median(solo[who].map((r) => r.usPerNotification)), 1);
			rows.push({
				ratePerSec: rate,
				achievedRate: Math.min(...runs.map((r) => r.achievedRate)),
				published,
				oursLost: published - runs.reduce((s, r) => s + r.oursReceived, 0) + soloLost('ours'),
				rawLost: published - runs.reduce((s, r) => s + r.rawReceived, 0) + soloLost('raw'),
				oursDuplicates: runs.reduce((s, r) => s + r.oursDuplicates, 0),
				soloAddedP50Ms: round(soloP('ours', 50) - soloP('raw', 50), 2),
				soloAddedP99Ms: round(soloP('ours', 99) - soloP('raw', 99), 2),
				soloOursP50Ms: round(soloP('ours', 50), 2),
				soloOursP99Ms: round(soloP('ours', 99), 2),
				soloRawP50Ms: round(soloP('raw', 50), 2),
				soloRawP99Ms: round(soloP('raw', 99), 2),
				soloOursP99PerRepMs: solo.ours.map((r) => round(percentile(r.e2e, 99), 1)).join(' '),
				soloRawP99PerRepMs: solo.raw.map((r) => round(percentile(r.e2e, 99), 1)).join(' '),
				oursCpuUs: cpuUs('ours'),
				oursKeepAliveCpuUs: cpuUs('oursKeepAlive'),
				oursKeepAliveAddedP99Ms: round(soloP('oursKeepAlive', 99) - soloP('raw', 99), 2),
				rawCpuUs: cpuUs('raw'),
				replyToEmitP50Ms: round(percentile(inTrigger, 50), 3),
				replyToEmitP99Ms: round(percentile(inTrigger, 99), 3),
				pairedAddedP1Ms: round(percentile(added, 1), 3),
				pairedAddedP50Ms: round(percentile(added, 50), 3),
				pairedAddedP99Ms: round(percentile(added, 99), 3),
				sharedOursE2eP99Ms: round(percentile(oursE2e, 99), 2),
				sharedRawE2eP99Ms: round(percentile(rawE2e, 99), 2),
				triggerErrors: runs.flatMap((r) => r.errors).length,
			});
		}
	} finally {
		await sim.close();
	}
	ctx.log(table(rows));
	// Judged at 2,000/s (the target rate); 5,000/s is shown to find the limit.
	const atTarget = rows.filter((r) => r.ratePerSec === 2000);
	const worstP99 = Math.max(...atTarget.map((r) => r.soloAddedP99Ms as number));
	const lost = rows.reduce((s, r) => s + (r.oursLost as number), 0);
	// The raw client's own p99 over identical repetitions: when it spreads wider than twice the target, this
	// machine cannot resolve a 2 ms difference at p99, and the verdict says so instead of guessing.
	const rawSpread = Math.max(
		...atTarget.map((r) => {
			const reps = String(r.soloRawP99PerRepMs).split(' ').map(Number);
			return Math.max(...reps) - Math.min(...reps);
		}),
	);
	const noisy = rawSpread > 2 * TARGET_P99_MS;
	const verdict =
		lost > 0 ? 'missed (losses)' : noisy ? 'inconclusive (machine noise)' : worstP99 <= TARGET_P99_MS ? 'met' : 'missed';
	ctx.log(
		`trigger: added latency p99 at 2,000/s (solo runs, median of repetitions): ${worstP99} ms (target <= ${TARGET_P99_MS} ms); raw client's own p99 spreads ${round(rawSpread, 1)} ms between identical runs; lost ${lost} (target 0): ${verdict}`,
	);
	await writeResult(
		ctx,
		'trigger-latency',
		{
			method:
				'simulator burst (own process) -> our trigger (n8n-core TriggerContext emit) vs raw cometd-nodejs-client subscriber. solo*: each alone, e2e from BurstSentAt (1 ms resolution), added = percentile(ours) - percentile(raw); replyToEmit*: Bayeux reply from n8n helper -> emit; paired*: both at once in one process, per message ours - raw; cpuUs: CPU per notification in the client process',
			target: { addedP99MsAtMost: TARGET_P99_MS, lost: 0, verdict, rawP99SpreadMs: round(rawSpread, 2) },
			repetitionsPerRate: { shared: reps, solo: soloReps },
			rows,
		},
		{
			title: `Trigger: latency added over the raw CometD client (p99 target <= ${TARGET_P99_MS} ms)`,
			width: 520,
			height: 280,
			data: {
				values: rows.flatMap((r) => [
					{ rate: r.ratePerSec, stat: 'added p50 (solo runs: ours - raw)', ms: r.soloAddedP50Ms },
					{ rate: r.ratePerSec, stat: 'added p99 (solo runs: ours - raw)', ms: r.soloAddedP99Ms },
					{ rate: r.ratePerSec, stat: 'in-trigger p99 (reply -> emit)', ms: r.replyToEmitP99Ms },
				]),
			},
			layer: [
				{
					mark: { type: 'line', point: true },
					encoding: {
						x: { field: 'rate', type: 'quantitative', scale: { type: 'log' }, title: 'notifications per second (log)' },
						y: { field: 'ms', type: 'quantitative', title: 'added latency, ms' },
						color: { field: 'stat', type: 'nominal', title: null },
					},
				},
				{
					data: { values: [{ target: TARGET_P99_MS }] },
					mark: { type: 'rule', strokeDash: [6, 4], color: 'firebrick' },
					encoding: { y: { field: 'target', type: 'quantitative' } },
				},
			],
		},
	);
	return { rows, verdict };
}
