/**
 * The real n8n for the benchmarks, started the way the e2e suite starts it (scripts/lib/n8n-stack.ts,
 * scripts/lib/n8n-rest.ts, scripts/pack-and-install.sh): our packed package in a fresh user folder, `n8n start`
 * (regular mode, SQLite) or `n8n start` + N `n8n worker` with Debian's redis-server and PostgreSQL (queue mode;
 * SQLite only as the comparison), an owner, one `genesysGwsApi` credential per simulated agent, workflows
 * imported and activated through n8n's REST API. Differences from the e2e stack: the simulator is a separate
 * process (SimProcess), the n8n settings under test come in `env`, and n8n can be started under `--cpu-prof` with
 * its logs written to files we parse.
 */
import { setTimeout as sleep } from 'timers/promises';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { buildAndPack, ensureN8n, type ManagedProcess, packAndInstall } from '../../scripts/lib/n8n-process';
import { N8nRest, type Owner, type WorkflowJson } from '../../scripts/lib/n8n-rest';
import { startN8nStack, type N8nStack } from '../../scripts/lib/n8n-stack';
import type { SimProcess } from './sim-process';

// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a throwaway local n8n owner, like test/e2e/helpers/stack.ts
const OWNER: Owner = { email: 'bench@example.com', firstName: 'Bench', lastName: 'Owner', password: 'Bench-owner-pass1' };

export interface BenchAgent {
	username: string;
	password: string;
	phoneNumber: string;
}


let packed: string | undefined;

/** Builds and packs this package once per benchmark process (what a user installs); returns the tarball. */
function packOnce(): string {
	if (!packed || !fs.existsSync(packed)) packed = buildAndPack('the reaction benchmark');
	return packed;
}

export interface N8nBenchOptions {
	sim: SimProcess;
	agents: BenchAgent[];
	/** n8n settings under test (on top of the e2e suite's environment). */
	env?: Record<string, string>;
	/** 0 = regular mode; N >= 1 = queue mode with N workers. */
	workers?: number;
	/** Queue mode's database (default PostgreSQL; SQLite only as the comparison that shows why not). */
	queueDatabase?: 'postgres' | 'sqlite';
	/** `n8n worker --concurrency N` (n8n's default 10). */
	workerConcurrency?: number;
	/** Write a V8 CPU profile of every n8n process into this folder (written when the process exits). */
	cpuProfileDir?: string;
	/** Sampling interval of that profile in µs (V8's default 1000). */
	cpuProfileIntervalUs?: number;
}

export class N8nBench {
	readonly credentials = new Map<string, { id: string; name: string }>();
	/** When each process's exit was seen (epoch ms and process.hrtime µs), for placing CPU-profile windows. */
	exitedAt?: { epochMs: number; hrtimeUs: number };

	private constructor(
		readonly rest: N8nRest,
		readonly stack: N8nStack,
		readonly userFolder: string,
		readonly logFile: string,
		private readonly sim: SimProcess,
	) {}

	get main(): ManagedProcess {
		return this.stack.main;
	}

	get workers(): ManagedProcess[] {
		return this.stack.workers;
	}

	static async start(options: N8nBenchOptions): Promise<N8nBench> {
		const launcher = ensureN8n();
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-bench-n8n-'));
		packAndInstall(userFolder, packOnce());
		const extra: Record<string, string> = { ...options.env };
		if (options.cpuProfileDir) {
			fs.mkdirSync(options.cpuProfileDir, { recursive: true });
			const interval = options.cpuProfileIntervalUs ? ` --cpu-prof-interval=${options.cpuProfileIntervalUs}` : '';
			extra.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${options.cpuProfileDir}${interval}`;
		}
		let stack: N8nStack | undefined;
		try {
			stack = await startN8nStack({
				launcher,
				userFolder,
				workers: options.workers ?? 0,
				queueDatabase: options.queueDatabase,
				workerConcurrency: options.workerConcurrency,
				env: extra,
				logDir: userFolder,
			});
			const rest = new N8nRest(stack.baseUrl);
			await rest.setupOwner(OWNER);
			await rest.login(OWNER);
			const bench = new N8nBench(rest, stack, userFolder, path.join(userFolder, 'n8n-main.log'), options.sim);
			for (const agent of options.agents) await bench.addCredential(agent);
			return bench;
		} catch (error) {
			await stack?.stop();
			fs.rmSync(userFolder, { recursive: true, force: true });
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- benchmark tooling, not node code
			throw error;
		}
	}

	/** A `genesysGwsApi` credential for the agent, pointing at the simulator. */
	async addCredential(agent: BenchAgent): Promise<{ id: string; name: string }> {
		const name = `GWS simulator (${agent.username})`;
		const { id } = await this.rest.createCredential({
			name,
			type: 'genesysGwsApi',
			data: { baseUrl: this.sim.url, username: agent.username, password: agent.password, allowUnauthorizedCerts: false },
		});
		this.credentials.set(agent.username, { id, name });
		return { id, name };
	}

	/** A copy of the workflow with every Genesys node's credential pointed at `username`'s. */
	withCredentialOf(workflow: WorkflowJson, username: string): WorkflowJson {
		const credential = this.credentials.get(username);
		if (!credential) throw new Error(`no credential for ${username}`);
		const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson;
		for (const node of copy.nodes) {
			const creds = node.credentials as Record<string, unknown> | undefined;
			if (creds && 'genesysGwsApi' in creds) node.credentials = { genesysGwsApi: { id: credential.id, name: credential.name } };
		}
		return copy;
	}

	/** Process ids: main, workers, redis, PostgreSQL's processes (for CPU accounting). */
	pids(): { main?: number; workers: number[]; redis?: number; postgres?: number[] } {
		return { main: this.main.pid, workers: this.workers.map((w) => w.pid!).filter(Boolean), redis: this.stack.redis?.pid, postgres: this.stack.postgres?.processIds() };
	}

	/**
	 * Imports a workflow with its Genesys credentials pointed at `username`'s, activates it and waits until its
	 * trigger is live: a CometD session of that user and the trigger's baseline read of the calls after subscribing
	 * (a call that changes before that read is learned, not emitted).
	 */
	async activate(workflow: WorkflowJson, username: string): Promise<string> {
		const copy = this.withCredentialOf(workflow, username);
		const sessionsBefore = await this.sim.cometdSessions(username);
		const seqBefore = await this.sim.lastRequestSeq();
		const { id, versionId } = await this.rest.createWorkflow(copy);
		await this.rest.activateWorkflow(id, versionId);
		const deadline = Date.now() + 30_000;
		for (;;) {
			const sessions = await this.sim.cometdSessions(username);
			const baseline = await this.sim.countRequests({ since: seqBefore, method: 'GET', path: '/api/v2/me/calls', username });
			if (sessions > sessionsBefore && baseline > 0) break;
			if (Date.now() > deadline) throw new Error(`${workflow.name} (${username}): the trigger did not subscribe and read the calls within 30 s`);
			await sleep(200);
		}
		return id;
	}

	/** `graceMs`: how long main may take to deactivate its triggers and exit (it writes its CPU profile then). */
	async stop(graceMs = 30_000): Promise<void> {
		// Workers first (they hold no trigger), then main: each writes its CPU profile on a clean exit.
		for (const worker of this.workers) await worker.stop(30_000);
		await this.main.stop(graceMs);
		this.exitedAt ??= { epochMs: Date.now(), hrtimeUs: Number(process.hrtime.bigint() / 1000n) };
		await this.stack.stop();
	}

	/** How many lines of each process's log (main, workers) match `pattern`, e.g. database lock errors. */
	countLogLines(pattern: RegExp): Record<string, number> {
		const out: Record<string, number> = {};
		for (const file of fs.readdirSync(this.userFolder).filter((f) => /^n8n-(main|worker-\d+)\.log$/.test(f))) {
			const text = fs.readFileSync(path.join(this.userFolder, file), 'utf8');
			out[file.replace(/^n8n-|\.log$/g, '')] = text.split('\n').filter((line) => pattern.test(line)).length;
		}
		return out;
	}

	/** Removes the user folder (after the log was read). */
	cleanup(): void {
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}
