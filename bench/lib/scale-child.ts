/**
 * Measurement process for the scale benchmark (run with --expose-gc): loads everything, warms up with one
 * client started and closed, takes a GC'd RSS/heap baseline, starts N clients (one per simulated user), waits
 * until each is subscribed and its first resync is done, GCs again and reports the deltas.
 * BENCH_SCALE = JSON { url, users: [{username,password}], kind: 'ours' | 'raw' }.
 */
import './prefer-ts';
import './n8n-env';
import { setTimeout as sleep } from 'timers/promises';

import { startOurTrigger } from './our-trigger';
import { startRawSubscriber } from './raw-cometd';

interface Job {
	url: string;
	users: Array<{ username: string; password: string }>;
	kind: 'ours' | 'raw';
	warmUser: { username: string; password: string };
}

const gc = (globalThis as { gc?: () => void }).gc;

async function settle(): Promise<{ rss: number; heapUsed: number; external: number }> {
	for (let i = 0; i < 4; i++) {
		gc?.();
		await sleep(50);
	}
	const m = process.memoryUsage();
	return { rss: m.rss, heapUsed: m.heapUsed, external: m.external + m.arrayBuffers };
}

async function start(job: Job, user: { username: string; password: string }): Promise<() => Promise<void>> {
	if (job.kind === 'ours') {
		const t = await startOurTrigger({ baseUrl: job.url, ...user }, () => undefined, ['StatusChange']);
		return () => t.close();
	}
	const s = await startRawSubscriber(job.url, user.username, user.password, () => undefined);
	return () => s.stop();
}

async function main(): Promise<void> {
	if (!gc) throw new Error('run with --expose-gc');
	const job = JSON.parse(process.env.BENCH_SCALE ?? '{}') as Job;
	const warm = await start(job, job.warmUser);
	await sleep(500);
	await warm();
	await sleep(200);
	const before = await settle();
	const t0 = performance.now();
	const closers: Array<() => Promise<void>> = [];
	const BATCH = 25; // start in small waves, as n8n activates workflows
	for (let i = 0; i < job.users.length; i += BATCH) {
		closers.push(...(await Promise.all(job.users.slice(i, i + BATCH).map((u) => start(job, u)))));
	}
	const startMs = performance.now() - t0;
	await sleep(1000); // first resync (GET /api/v2/me/calls) and the long polls in place
	const after = await settle();
	const n = job.users.length;
	process.send?.({
		n,
		kind: job.kind,
		startMs,
		rssDeltaMB: (after.rss - before.rss) / 2 ** 20,
		heapDeltaMB: (after.heapUsed - before.heapUsed) / 2 ** 20,
		externalDeltaMB: (after.external - before.external) / 2 ** 20,
		baselineRssMB: before.rss / 2 ** 20,
	});
	await Promise.all(closers.map((c) => c()));
	process.exit(0);
}

main().catch((error) => {
	console.error('scale-child failed:', error);
	process.exit(1);
});
