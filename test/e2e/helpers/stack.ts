/**
 * One e2e "stack": the in-process simulator on a random port, a fresh n8n user folder with our packed package
 * installed as a user would, the real n8n (scripts/lib/n8n-stack.ts: a single process on SQLite, or in queue mode
 * main + two workers with redis-server and PostgreSQL), an owner account, a logged-in REST client and a
 * `genesysGwsApi` credential pointing at the simulator.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { DEMO_USERS, startSimulator } from '../../../simulator';
import { ensureN8n, ManagedProcess, packAndInstall } from '../../../scripts/lib/n8n-process';
import { startN8nStack, type N8nStack } from '../../../scripts/lib/n8n-stack';
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
	/** Queue mode: the workers (two), which run every execution. */
	workers: ManagedProcess[];
	/** The n8n processes and servers (queue mode: redis-server and PostgreSQL). */
	n8n: N8nStack;
	/** agent1's credential. */
	credential: { id: string; name: string };
	/** supervisor1's credential (the supervisor example, the supervisor operations). */
	supervisorCredential: { id: string; name: string };
	/**
	 * Stops `n8n start` as an operator would (SIGTERM), runs `whileDown`, then starts it again with the same user
	 * folder, database and port, and logs in again. The workers, Redis and PostgreSQL keep running, as they would.
	 */
	restartMain(whileDown?: () => Promise<void>): Promise<void>;
	stop(): Promise<void>;
}

export interface StackOptions {
	/** Queue mode: main + `workers` (default 2) on PostgreSQL and Redis. */
	queue?: boolean;
	workers?: number;
	/** Extra env for n8n processes. */
	env?: Record<string, string>;
	/**
	 * Puts our package into <userFolder>/.n8n/nodes; default scripts/pack-and-install.sh with the suite's tarball.
	 * test/e2e/install-from-readme.test.ts runs the README's own commands instead.
	 */
	install?: (userFolder: string) => void;
}

/** Queue mode: the worker whose log says it started the execution (undefined: no worker did). */
export function workerThatRan(stack: Stack, executionId: string): string | undefined {
	const pattern = new RegExp(`Worker started execution ${executionId}\\b`);
	return stack.workers.find((w) => pattern.test(w.output()))?.name;
}

function tarball(): string {
	const packed = process.env.GWS_E2E_TARBALL;
	if (!packed || !fs.existsSync(packed)) {
		throw new Error('GWS_E2E_TARBALL is not set: run the e2e suite with `jest -c jest.e2e.config.js` (its globalSetup packs the package)');
	}
	return packed;
}

/** Keeps every process's output for a post-mortem: $GWS_E2E_LOG_DIR (default <tmp>/gws-e2e-logs). */
function saveLogs(processes: ManagedProcess[], extra: Record<string, string> = {}): void {
	const dir = process.env.GWS_E2E_LOG_DIR ?? path.join(os.tmpdir(), 'gws-e2e-logs');
	fs.mkdirSync(dir, { recursive: true });
	const test = (expect.getState().testPath ?? 'stack').split('/').pop();
	for (const item of processes) fs.writeFileSync(path.join(dir, `${test}.${item.name.replace(/\W+/g, '-')}.log`), item.output());
	for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, `${test}.${name}.log`), text);
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
	const launcher = process.env.GWS_E2E_N8N ?? ensureN8n();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-e2e-n8n-'));
	(options.install ?? ((folder) => packAndInstall(folder, tarball())))(userFolder);

	let sim: Stack['sim'] | undefined;
	let n8n: N8nStack | undefined;
	const stopAll = async () => {
		const pgLog: Record<string, string> = n8n?.postgres && fs.existsSync(n8n.postgres.logFile) ? { postgres: fs.readFileSync(n8n.postgres.logFile, 'utf8') } : {};
		await n8n?.stop();
		await sim?.close().catch(() => undefined);
		saveLogs(n8n?.processes() ?? [], pgLog);
		fs.rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		sim = await startSimulator({ port: 0 });
		// GWS_E2E_N8N_ENV (JSON object): extra n8n settings for a run, e.g. '{"N8N_LOG_LEVEL":"debug"}'.
		const extra = { ...(JSON.parse(process.env.GWS_E2E_N8N_ENV ?? '{}') as Record<string, string>), ...options.env };
		n8n = await startN8nStack({
			launcher,
			userFolder,
			workers: options.queue ? (options.workers ?? 2) : 0,
			env: extra,
			workerEnv: { N8N_LOG_LEVEL: 'debug' },
		});
		const rest = new N8nRest(n8n.baseUrl);
		await rest.setupOwner(OWNER);
		await rest.login(OWNER);
		const credentialOf = async (user: { username: string; password: string }) => {
			const name = `GWS simulator (${user.username})`;
			const { id } = await rest.createCredential({
				name,
				type: 'genesysGwsApi',
				data: { baseUrl: sim!.url, username: user.username, password: user.password, allowUnauthorizedCerts: false },
			});
			return { id, name };
		};
		const credential = await credentialOf(AGENT);
		const supervisorCredential = await credentialOf(SUPERVISOR);
		const started = n8n;
		const stack: Stack = {
			sim,
			rest,
			baseUrl: started.baseUrl,
			userFolder,
			main: started.main,
			workers: started.workers,
			n8n: started,
			credential,
			supervisorCredential,
			stop: stopAll,
			restartMain: async (whileDown) => {
				stack.main = await started.restartMain(whileDown);
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
