/**
 * One e2e "stack": the in-process simulator on a random port, a fresh n8n user folder with our packed package
 * installed as a user would, the real n8n (single process, or main + worker in queue mode with redis-server),
 * an owner account, a logged-in REST client and a `genesysGwsApi` credential pointing at the simulator.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { DEMO_USERS, startSimulator } from '../../../simulator';
import {
	ensureN8n,
	freePort,
	ManagedProcess,
	n8nEnv,
	packAndInstall,
	startN8n,
	startRedis,
} from '../../../scripts/lib/n8n-process';
import { N8nRest, type Owner } from '../../../scripts/lib/n8n-rest';

export const OWNER: Owner = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-owner-pass1',
};

export const AGENT = DEMO_USERS[0];
export const SUPERVISOR = DEMO_USERS.find((u) => u.roles?.includes('supervisor'))!;

export interface Stack {
	sim: Awaited<ReturnType<typeof startSimulator>>;
	rest: N8nRest;
	baseUrl: string;
	userFolder: string;
	main: ManagedProcess;
	worker?: ManagedProcess;
	redis?: ManagedProcess;
	/** agent1's credential. */
	credential: { id: string; name: string };
	/** supervisor1's credential (the supervisor example, the supervisor operations). */
	supervisorCredential: { id: string; name: string };
	/**
	 * Stops `n8n start` as an operator would (SIGTERM), runs `whileDown`, then starts it again with the same user
	 * folder, database and port, and logs in again. The worker and Redis keep running, as they would.
	 */
	restartMain(whileDown?: () => Promise<void>): Promise<void>;
	stop(): Promise<void>;
}

export interface StackOptions {
	queue?: boolean;
	/** Extra env for n8n processes. */
	env?: Record<string, string>;
}

function tarball(): string {
	const packed = process.env.GWS_E2E_TARBALL;
	if (!packed || !fs.existsSync(packed)) {
		throw new Error('GWS_E2E_TARBALL is not set: run the e2e suite with `jest -c jest.e2e.config.js` (its globalSetup packs the package)');
	}
	return packed;
}

/** Keeps every process's output for a post-mortem: $GWS_E2E_LOG_DIR (default <tmp>/gws-e2e-logs). */
function saveLogs(items: Array<{ stop(): Promise<void> }>): void {
	const dir = process.env.GWS_E2E_LOG_DIR ?? path.join(os.tmpdir(), 'gws-e2e-logs');
	fs.mkdirSync(dir, { recursive: true });
	const test = (expect.getState().testPath ?? 'stack').split('/').pop();
	for (const item of items) {
		if (item instanceof ManagedProcess) {
			fs.writeFileSync(path.join(dir, `${test}.${item.name.replace(/\W+/g, '-')}.log`), item.output());
		}
	}
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
	const launcher = process.env.GWS_E2E_N8N ?? ensureN8n();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-e2e-n8n-'));
	packAndInstall(userFolder, tarball());

	const started: Array<{ stop(): Promise<void> }> = [];
	const stopAll = async () => {
		for (const item of started.reverse()) await item.stop().catch(() => undefined);
		saveLogs(started);
		fs.rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		const sim = await startSimulator({ port: 0 });
		started.push({ stop: () => sim.close() });

		const queue = options.queue ? await startRedis() : undefined;
		if (queue) started.push(queue.proc);
		const redis = queue?.proc;
		const redisPort = queue?.port;
		const port = await freePort();
		// GWS_E2E_N8N_ENV (JSON object): extra n8n settings for a run, e.g. '{"N8N_LOG_LEVEL":"debug"}'.
		const extra = { ...(JSON.parse(process.env.GWS_E2E_N8N_ENV ?? '{}') as Record<string, string>), ...options.env };
		const env = n8nEnv({ userFolder, port, brokerPort: await freePort(), redisPort, extra });
		let main = await startN8n(launcher, 'start', env, { name: 'n8n main' });
		started.push(main);

		let worker: ManagedProcess | undefined;
		if (options.queue) {
			// Same user folder (database and encryption key), its own ports.
			const workerEnv = n8nEnv({
				userFolder,
				port: await freePort(),
				brokerPort: await freePort(),
				redisPort,
				extra: { ...extra, QUEUE_HEALTH_CHECK_PORT: String(await freePort()), N8N_LOG_LEVEL: 'debug' },
			});
			worker = await startN8n(launcher, 'worker', workerEnv, { name: 'n8n worker' });
			started.push(worker);
		}

		const baseUrl = `http://127.0.0.1:${port}`;
		const rest = new N8nRest(baseUrl);
		await rest.setupOwner(OWNER);
		await rest.login(OWNER);
		const credentialOf = async (user: { username: string; password: string }) => {
			const name = `GWS simulator (${user.username})`;
			const { id } = await rest.createCredential({
				name,
				type: 'genesysGwsApi',
				data: { baseUrl: sim.url, username: user.username, password: user.password, allowUnauthorizedCerts: false },
			});
			return { id, name };
		};
		const credential = await credentialOf(AGENT);
		const supervisorCredential = await credentialOf(SUPERVISOR);
		const stack: Stack = {
			sim,
			rest,
			baseUrl,
			userFolder,
			main,
			worker,
			redis,
			credential,
			supervisorCredential,
			stop: stopAll,
			restartMain: async (whileDown) => {
				await main.stop();
				await whileDown?.();
				const restarted = await startN8n(launcher, 'start', env, { name: 'n8n main (restarted)' });
				started.splice(started.indexOf(main), 1, restarted);
				main = restarted;
				stack.main = restarted;
				await rest.login(OWNER);
			},
		};
		return stack;
	} catch (error) {
		await stopAll();
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- test tooling, not node code
		throw error;
	}
}
