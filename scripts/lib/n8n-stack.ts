/**
 * One n8n installation as the e2e suite and the benchmarks run it, on loopback ports:
 * - regular mode: `n8n start` on SQLite (in the user folder, with its read pool on);
 * - queue mode: redis-server, PostgreSQL (scripts/lib/postgres.ts), `n8n start` as main and N `n8n worker`,
 *   all sharing one user folder (the encryption key and our community package) and one database.
 * Queue mode on SQLite is possible for a comparison only: n8n does not support it (it logs "Scaling mode is not
 * officially supported with sqlite") and its processes then fail each other's writes with SQLITE_BUSY.
 * stop() ends everything in reverse order, also after a failed start.
 */
import * as fs from 'fs';
import * as path from 'path';

import { freePort, ManagedProcess, n8nEnv, startN8n, startRedis } from './n8n-process';
import { startPostgres, type PostgresServer } from './postgres';

export interface N8nStackOptions {
	/** The n8n launcher (ensureN8n()). */
	launcher: string;
	/** N8N_USER_FOLDER of every process, with our package installed in its .n8n/nodes. */
	userFolder: string;
	/** 0 = regular mode (default); N >= 1 = queue mode with N workers. */
	workers?: number;
	/** Queue mode's database: 'postgres' (default; what n8n supports) or 'sqlite' (only to show why not). */
	queueDatabase?: 'postgres' | 'sqlite';
	/** Extra n8n settings for every process. */
	env?: Record<string, string>;
	/** Extra n8n settings for the workers only (on top of `env`). */
	workerEnv?: Record<string, string>;
	/** `n8n worker --concurrency N` (n8n's default is 10). */
	workerConcurrency?: number;
	/** Also append each process's output to <logDir>/<process>.log (n8n-main.log, n8n-worker-1.log, ...). */
	logDir?: string;
}

export interface N8nStack {
	readonly baseUrl: string;
	readonly main: ManagedProcess;
	readonly workers: ManagedProcess[];
	readonly redis?: ManagedProcess;
	readonly postgres?: PostgresServer;
	/** n8n's DB_TYPE. */
	readonly database: 'sqlite' | 'postgresdb';
	/** Stops `n8n start` (SIGTERM, as an operator would), runs `whileDown`, starts it again on the same port. */
	restartMain(whileDown?: () => Promise<void>): Promise<ManagedProcess>;
	/** Every process started so far, for logs. */
	processes(): ManagedProcess[];
	stop(): Promise<void>;
}

const logFileOf = (logDir: string | undefined, name: string) => (logDir ? path.join(logDir, `${name.replace(/\W+/g, '-')}.log`) : undefined);

export async function startN8nStack(options: N8nStackOptions): Promise<N8nStack> {
	const { launcher, userFolder, logDir } = options;
	const workerCount = options.workers ?? 0;
	if (logDir) fs.mkdirSync(logDir, { recursive: true });
	const started: Array<{ stop(): Promise<void> }> = [];
	const processes: ManagedProcess[] = [];
	const track = <T extends { stop(): Promise<void> }>(item: T): T => {
		started.push(item);
		if (item instanceof ManagedProcess) processes.push(item);
		return item;
	};
	const stop = async () => {
		for (const item of [...started].reverse()) await item.stop().catch(() => undefined);
		started.length = 0;
	};
	try {
		const redis = workerCount > 0 ? await startRedis() : undefined;
		if (redis) track(redis.proc);
		const usePostgres = workerCount > 0 && (options.queueDatabase ?? 'postgres') === 'postgres';
		const postgres = usePostgres ? track(await startPostgres()) : undefined;
		const port = await freePort();
		const env = n8nEnv({ userFolder, port, brokerPort: await freePort(), redisPort: redis?.port, postgres, extra: options.env });
		let main = track(await startN8n(launcher, 'start', env, { name: 'n8n main', logFile: logFileOf(logDir, 'n8n main') }));
		const workers: ManagedProcess[] = [];
		for (let i = 1; i <= workerCount; i++) {
			const workerEnv = n8nEnv({
				userFolder,
				port: await freePort(),
				brokerPort: await freePort(),
				redisPort: redis?.port,
				postgres,
				extra: { ...options.env, ...options.workerEnv, QUEUE_HEALTH_CHECK_PORT: String(await freePort()) },
			});
			const name = `n8n worker ${i}`;
			const args = options.workerConcurrency ? [`--concurrency=${options.workerConcurrency}`] : [];
			workers.push(track(await startN8n(launcher, 'worker', workerEnv, { name, logFile: logFileOf(logDir, name), args })));
		}
		const stack: N8nStack = {
			baseUrl: `http://127.0.0.1:${port}`,
			main,
			workers,
			redis: redis?.proc,
			postgres,
			database: postgres ? 'postgresdb' : 'sqlite',
			processes: () => [...processes],
			stop,
			restartMain: async (whileDown) => {
				await main.stop();
				await whileDown?.();
				const restarted = await startN8n(launcher, 'start', env, { name: 'n8n main (restarted)', logFile: logFileOf(logDir, 'n8n main') });
				started.splice(started.indexOf(main), 1, restarted);
				processes.push(restarted);
				main = restarted;
				(stack as { main: ManagedProcess }).main = restarted;
				return restarted;
			},
		};
		return stack;
	} catch (error) {
		await stop();
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- tooling, not node code
		throw error;
	}
}
