 
/**
 * Runs the REAL n8n program for the demo and the e2e suite: install (cached), our packed package in its
 * community-package folder, `n8n start` / `n8n worker` as child processes on loopback ports.
 * One place for the environment we give n8n, so the demo and the tests run the same n8n.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The n8n release we pin and test (2.41.3 misses a dependency in the registry). */
const PINNED_N8N_VERSION = '2.41.1';

export function n8nVersion(): string {
	return process.env.GWS_N8N_VERSION || PINNED_N8N_VERSION;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; we close the probe before n8n binds it). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * Installs n8n into the cache if needed (scripts/n8n-install.sh) and returns the launcher path.
 * Progress goes to our stderr; a failure throws an error that says what to do.
 */
export function ensureN8n(version = n8nVersion()): string {
	const script = path.join(REPO_ROOT, 'scripts', 'n8n-install.sh');
	const result = spawnSync('bash', [script, version], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
	const launcher = (result.stdout ?? '').trim().split('\n').pop() ?? '';
	if (result.status !== 0 || !launcher || !fs.existsSync(launcher)) {
		throw new Error(
			`The real n8n ${version} could not be installed (scripts/n8n-install.sh exited with ${String(result.status)}). ` +
				'The e2e suite needs it: check network access to the npm registry and free disk space (about 3 GB), ' +
				`then run "bash scripts/n8n-install.sh ${version}" to see the full log.`,
		);
	}
	return launcher;
}

/**
 * Builds this package and packs it into a new temporary folder, as a user would get it from npm; returns the
 * tarball's path. `purpose` names who needs it, for the error and the folder name.
 */
export function buildAndPack(purpose: string): string {
	// Its output stays visible: tsc reports type errors on stdout.
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
	if (build.status !== 0) throw new Error(`npm run build failed: ${purpose} runs the built, packed package`);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-pack-'));
	const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const name = (pack.stdout ?? '').trim().split('\n').pop() ?? '';
	const tarball = path.join(dir, name);
	if (pack.status !== 0 || !name || !fs.existsSync(tarball)) throw new Error(`npm pack failed (${purpose})`);
	return tarball;
}

/** Builds + packs this package (once per tarball path) and installs it into `<userFolder>/.n8n/nodes`. */
export function packAndInstall(userFolder: string, tarball?: string): string {
	const script = path.join(REPO_ROOT, 'scripts', 'pack-and-install.sh');
	const args = [script, userFolder, ...(tarball ? ['--tarball', tarball] : [])];
	const result = spawnSync('bash', args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
	const packed = (result.stdout ?? '').trim().split('\n').pop() ?? '';
	if (result.status !== 0 || !packed) {
		throw new Error(`scripts/pack-and-install.sh failed for ${userFolder} (exit ${String(result.status)})`);
	}
	return packed;
}

export interface N8nEnvOptions {
	userFolder: string;
	port: number;
	/** The task-runner broker's port (default 5679 would clash between processes). */
	brokerPort: number;
	/** Queue mode: the Redis port on 127.0.0.1. */
	redisPort?: number;
	/** n8n's database: PostgreSQL (queue mode; scripts/lib/postgres.ts), else SQLite in the user folder. */
	postgres?: PostgresConnection;
	extra?: Record<string, string>;
}

/** Where n8n finds its PostgreSQL database (a PostgresServer from scripts/lib/postgres.ts is one). */
interface PostgresConnection {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
}

/**
 * n8n's database settings. PostgreSQL: DB_TYPE=postgresdb and the DB_POSTGRESDB_* connection (the pool size
 * stays n8n's default unless `extra` sets DB_POSTGRESDB_POOL_SIZE). SQLite: with its read pool on
 * (DB_SQLITE_POOL_SIZE > 0, WAL), which n8n recommends; 3 is n8n 2.41's default (1.x defaulted to 0: no pool).
 */
function databaseEnv(postgres: PostgresConnection | undefined): Record<string, string> {
	if (!postgres) return { DB_TYPE: 'sqlite', DB_SQLITE_POOL_SIZE: '3' };
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
	};
}

/**
 * The environment every n8n process gets: loopback only, no phoning home, our package loaded from the
 * user folder. Built from scratch (only PATH/HOME/TMPDIR/LANG inherited) so a developer's N8N_* variables
 * cannot change what the tests see.
 */
export function n8nEnv(options: N8nEnvOptions): NodeJS.ProcessEnv {
	const { userFolder, port, brokerPort, redisPort, postgres, extra } = options;
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		TMPDIR: process.env.TMPDIR,
		LANG: process.env.LANG ?? 'C.UTF-8',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// Nothing leaves the machine: no telemetry, version checks, templates or MCP registry refresh.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		// 2.x only: 1.x refuses to start when it does not know a module named here.
		...(Number(n8nVersion().split('.')[0]) >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		// Plain http on loopback: the auth cookie must not demand https.
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		...databaseEnv(postgres),
		...(redisPort
			? {
					EXECUTIONS_MODE: 'queue',
					QUEUE_BULL_REDIS_HOST: '127.0.0.1',
					QUEUE_BULL_REDIS_PORT: String(redisPort),
					// Manual runs go to the worker too, like production executions.
					OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				}
			: {}),
		...extra,
	};
	return env;
}

/** One child process (n8n, redis-server, the simulator CLI) with its output kept for assertions and errors. */
export class ManagedProcess {
	private child?: ChildProcess;
	private out = '';
	private exited = false;
	private exitCode: number | null = null;

	constructor(
		readonly name: string,
		private readonly command: string,
		private readonly args: string[],
		private readonly env: NodeJS.ProcessEnv,
		private readonly echo = false,
		/** Also append everything to this file (the demo keeps n8n's log next to its user folder). */
		private readonly logFile?: string,
	) {}

	start(): void {
		// detached: its own process group, so stop() also ends helpers n8n spawns (the task runner).
		this.child = spawn(this.command, this.args, { env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		const collect = (chunk: Buffer) => {
			const text = chunk.toString();
			this.out += text;
			if (this.out.length > 4_000_000) this.out = this.out.slice(-2_000_000);
			if (this.echo) process.stderr.write(text.replace(/^(?=.)/gm, `[${this.name}] `));
			if (this.logFile) fs.appendFileSync(this.logFile, text);
		};
		this.child.stdout?.on('data', collect);
		this.child.stderr?.on('data', collect);
		this.child.on('exit', (code) => {
			this.exited = true;
			this.exitCode = code;
		});
		// e.g. ENOENT when the program is not installed: reported by waitUntil() as "exited before ...".
		this.child.on('error', (error) => {
			this.out += `\n[${this.name}] could not run ${this.command}: ${error.message}\n`;
			this.exited = true;
		});
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	output(): string {
		return this.out;
	}

	isRunning(): boolean {
		return !!this.child && !this.exited;
	}

	/** Waits until `check` passes; fails early (with the last output lines) if the process exits. */
	async waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.exited) {
				throw new Error(`${this.name} exited (code ${String(this.exitCode)}) before ${what}:\n${this.tail()}`);
			}
			try {
				if (await check()) return;
			} catch {
				// not ready yet
			}
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(`${this.name}: timed out after ${timeoutMs} ms waiting for ${what}:\n${this.tail()}`);
	}

	async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
		await this.waitUntil(`output ${String(pattern)}`, () => pattern.test(this.out), timeoutMs);
	}

	tail(lines = 40): string {
		return this.out.split('\n').slice(-lines).join('\n');
	}

	/** SIGTERM to the process group, SIGKILL after `graceMs`. Resolves once the process has exited. */
	async stop(graceMs = 10_000): Promise<void> {
		const child = this.child;
		if (!child || this.exited || child.pid === undefined) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		const signalGroup = (signal: NodeJS.Signals) => {
			try {
				process.kill(-child.pid!, signal);
			} catch {
				// already gone
			}
		};
		signalGroup('SIGTERM');
		const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
		child.stdout?.destroy();
		child.stderr?.destroy();
	}
}

/** `n8n start` (or `n8n worker`) ready for requests. */
export async function startN8n(
	launcher: string,
	command: 'start' | 'worker',
	env: NodeJS.ProcessEnv,
	options: { name?: string; echo?: boolean; timeoutMs?: number; logFile?: string; args?: string[] } = {},
): Promise<ManagedProcess> {
	const proc = new ManagedProcess(options.name ?? `n8n ${command}`, launcher, [command, ...(options.args ?? [])], env, options.echo, options.logFile);
	proc.start();
	const timeoutMs = options.timeoutMs ?? 120_000;
	if (command === 'start') {
		const url = `http://127.0.0.1:${env.N8N_PORT}/healthz/readiness`;
		await proc.waitUntil('n8n to be ready', async () => (await fetch(url)).ok, timeoutMs);
		// Readiness flips before the editor finishes activating workflows; this line comes last.
		await proc.waitForOutput(/Editor is now accessible via/, timeoutMs);
	} else {
		await proc.waitForOutput(/n8n worker is now ready|Worker started|worker is now ready/i, timeoutMs);
	}
	return proc;
}

/** A throwaway redis-server on a free loopback port, nothing persisted (queue mode in the e2e suite and the benchmark). */
export async function startRedis(): Promise<{ proc: ManagedProcess; port: number }> {
	const port = await freePort();
	const proc = new ManagedProcess('redis', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
		PATH: process.env.PATH,
	});
	proc.start();
	await proc.waitForOutput(/Ready to accept connections/, 20_000);
	return { proc, port };
}
