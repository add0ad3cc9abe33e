/**
 * A throwaway PostgreSQL server for queue-mode runs of the real n8n (the e2e suite, the benchmarks): Debian's
 * `postgresql` binaries (initdb, pg_ctl), a data folder and a loopback port of its own, no system service.
 * PostgreSQL refuses to run as root, so as root every server command runs as the `postgres` user
 * (`runuser -u postgres -- ...`); as any other user it runs as that user.
 *
 * Nothing is left behind: stop() stops the server (pg_ctl stop) and deletes the folder; and a small watchdog
 * process, started with the server, does the same if this process ends without calling stop() (a failed test,
 * Ctrl-C, a kill), because pg_ctl starts the server in a session of its own, which no signal of ours reaches.
 */
import { spawn, spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { freePort } from './n8n-process';

export interface PostgresServer {
	readonly host: string;
	readonly port: number;
	readonly database: string;
	readonly user: string;
	readonly password: string;
	/** e.g. "PostgreSQL 15.14 (Debian 15.14-0+deb12u1)". */
	readonly version: string;
	/** The server's own log (kept until stop()). */
	readonly logFile: string;
	/** The server's processes (postmaster and its backends), for CPU accounting. */
	processIds(): number[];
	/** Runs SQL as the superuser over the server's private socket; returns psql's unaligned output, trimmed. */
	query(sql: string): string;
	/** Stops the server and deletes its folder (data, socket, log). Safe to call twice. */
	stop(): Promise<void>;
}

/** Where the server binaries are: $GWS_PG_BIN, else the newest /usr/lib/postgresql/<major>/bin (Debian's layout). */
function postgresBinDir(): string | undefined {
	const fromEnv = process.env.GWS_PG_BIN;
	if (fromEnv) return fs.existsSync(path.join(fromEnv, 'pg_ctl')) ? fromEnv : undefined;
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** argv that runs `program args` as the user PostgreSQL accepts. */
function asServerUser(program: string, args: string[]): string[] {
	return isRoot() ? ['runuser', '-u', 'postgres', '--', program, ...args] : [program, ...args];
}

function run(argv: string[], what: string, options: { input?: string } = {}): string {
	const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', input: options.input, stdio: ['pipe', 'pipe', 'pipe'] });
	if (result.status !== 0) {
		throw new Error(`${what} failed (exit ${String(result.status)}): ${(result.stderr || result.stdout || String(result.error)).trim().slice(-1500)}`);
	}
	return (result.stdout ?? '').trim();
}

/**
 * A detached process that waits for `parentPid` to end, then runs `stopArgv` and deletes `folder`. Its own
 * session (detached), so Ctrl-C in the terminal does not end it before it has cleaned up.
 */
function startWatchdog(parentPid: number, folder: string, stopArgv: string[]): number | undefined {
	const script = 'p=$1; d=$2; shift 2; while kill -0 "$p" 2>/dev/null; do sleep 1; done; "$@" >/dev/null 2>&1; rm -rf "$d"';
	const child = spawn('bash', ['-c', script, 'gws-postgres-watchdog', String(parentPid), folder, ...stopArgv], {
		detached: true,
		stdio: 'ignore',
	});
	child.unref();
	return child.pid;
}

/** The postmaster (first line of postmaster.pid) and every process whose parent it is (Linux /proc). */
function serverProcessIds(data: string): number[] {
	let postmaster: number;
	try {
		postmaster = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
	} catch {
		return [];
	}
	const children = fs
		.readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.filter((pid) => {
			try {
				const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
				return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
			} catch {
				return false;
			}
		})
		.map(Number);
	return [postmaster, ...children];
}

export interface StartPostgresOptions {
	/** Extra server settings (`-c name=value`), e.g. { max_connections: '200' }. */
	settings?: Record<string, string>;
}

/** initdb + pg_ctl start on a free loopback port, then a role and a database for n8n (both named `n8n`). */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
	const bin = postgresBinDir();
	if (!bin) {
		throw new Error(
			'PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/pg_ctl; set GWS_PG_BIN to another bin folder). ' +
				'Queue mode runs on PostgreSQL: apt-get install -y postgresql (the system service is not used).',
		);
	}
	if (isRoot() && spawnSync('id', ['-u', 'postgres']).status !== 0) {
		throw new Error('Running as root, PostgreSQL needs the `postgres` user to run as (Debian\'s postgresql package creates it)');
	}
	// /tmp-like folders only: the postgres user must be able to reach it (a root-only TMPDIR would not do).
	const base = fs.mkdtempSync(path.join(process.env.GWS_PG_DIR ?? os.tmpdir(), 'gws-pg-'));
	const data = path.join(base, 'data');
	const socketDir = path.join(base, 'socket');
	const logFile = path.join(base, 'postgres.log');
	const pwFile = path.join(base, 'superuser-password');
	const password = randomBytes(12).toString('hex');
	const pgCtl = path.join(bin, 'pg_ctl');
	let watchdog: number | undefined;
	let stopped = false;
	const stop = async (): Promise<void> => {
		if (stopped) return;
		stopped = true;
		if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
			const argv = asServerUser(pgCtl, ['-D', data, 'stop', '-m', 'fast', '-w', '-t', '60']);
			spawnSync(argv[0], argv.slice(1), { stdio: 'ignore' });
		}
		fs.rmSync(base, { recursive: true, force: true });
		if (watchdog) {
			try {
				process.kill(watchdog, 'SIGTERM');
			} catch {
				// already gone
			}
		}
	};
	try {
		fs.mkdirSync(socketDir);
		fs.writeFileSync(pwFile, `${randomBytes(12).toString('hex')}\n`, { mode: 0o600 });
		fs.writeFileSync(logFile, '');
		if (isRoot()) run(['chown', '-R', 'postgres:postgres', base], 'chown of the PostgreSQL folder');
		// Local (socket) connections trust: only this folder's owner and root can reach the socket.
		run(asServerUser(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--locale=C']), 'initdb');
		watchdog = startWatchdog(process.pid, base, asServerUser(pgCtl, ['-D', data, 'stop', '-m', 'immediate']));
		const port = await freePort();
		const settings: Record<string, string> = { listen_addresses: '127.0.0.1', port: String(port), unix_socket_directories: socketDir, ...options.settings };
		const serverOptions = Object.entries(settings)
			.map(([k, v]) => `-c ${k}='${v}'`)
			.join(' ');
		run(asServerUser(pgCtl, ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', serverOptions, 'start']), 'pg_ctl start');
		// The server's own psql, else the client on PATH (a server-only bin folder, e.g. from GWS_PG_BIN).
		const psqlProgram = fs.existsSync(path.join(bin, 'psql')) ? path.join(bin, 'psql') : 'psql';
		const psql = (sql: string, database = 'postgres') =>
			run([psqlProgram, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', socketDir, '-p', String(port), '-U', 'postgres', '-d', database, '-tA', '-c', sql], 'psql');
		psql(`CREATE ROLE n8n LOGIN PASSWORD '${password}'`);
		psql('CREATE DATABASE n8n OWNER n8n');
		const version = psql('SHOW server_version');
		return {
			host: '127.0.0.1',
			port,
			database: 'n8n',
			user: 'n8n',
			password,
			version: `PostgreSQL ${version}`,
			logFile,
			query: (sql: string) => psql(sql, 'n8n'),
			processIds: () => serverProcessIds(data),
			stop,
		};
	} catch (error) {
		const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-1500) : '';
		await stop();
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- tooling, not node code
		throw new Error(`${(error as Error).message}${log ? `\nPostgreSQL log:\n${log}` : ''}`);
	}
}
