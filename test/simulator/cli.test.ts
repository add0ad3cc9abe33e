/**
 * The CLI as users run it: the built `gws-simulator` bin (dist/simulator/cli.js, what the packed package ships) as
 * a real child process, and HTTPS with a throwaway certificate. Each case spawns plain node on the build, not
 * ts-node on the sources (a few hundred ms instead of seconds each). The build must be fresh: CI builds before
 * `npm test`; a local run whose dist/ is missing or older than simulator/ runs `npm run build` first (beforeAll).
 */
import { execFileSync, spawn, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Script } from 'vm';
import { parseArgs } from '../../simulator/cli';
import { GwsRestClient, rawRequest, startTestSimulator } from './helpers';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'simulator', 'cli.js');
const BUNDLE = join(ROOT, 'dist', 'simulator', 'console', 'app.js');
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

/** The newest modification time of any file under `dir`. */
function newest(dir: string): number {
	let latest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
	}
	return latest;
}

beforeAll(() => {
	const fresh = existsSync(CLI) && existsSync(BUNDLE) && statSync(CLI).mtimeMs >= newest(join(ROOT, 'simulator'));
	if (fresh) return;
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
	if (build.status !== 0) throw new Error(`npm run build failed, so the CLI cannot be tested:\n${build.stdout}\n${build.stderr}`);
}, 240_000);

function runCli(args: string[]) {
	const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	child.stderr.on('data', (c) => (err += c));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	/** The URL it prints once listening; rejects when it exits first. */
	const listening = new Promise<string>((resolve, reject) => {
		child.stdout.on('data', (c) => {
			out += c;
			const url = LISTENING.exec(out)?.[1];
			if (url) resolve(url);
		});
		void exited.then((code) => reject(new Error(`the simulator exited (${code}) before listening: ${out} ${err}`)));
	});
	listening.catch(() => undefined);
	return { child, exited, listening, output: () => out, errors: () => err };
}

test('prints its URL and the demo users, serves GWS and the console, stops cleanly on SIGTERM', async () => {
	const cli = runCli(['--port', '0', '--no-csrf']);
	try {
		const url = await cli.listening;
		for (const line of ['agent1 / agent1pass / 15000', 'agent2 / agent2pass / 15001', 'supervisor1 / supervisor1pass / 15002']) {
			expect(cli.output()).toContain(line);
		}
		expect(cli.output()).toContain('CSRF off');
		const rest = new GwsRestClient(url, 'agent1', 'agent1pass');
		expect((await rest.post('/api/v2/me/channels/voice', { operationName: 'Ready' })).body).toEqual({ statusCode: 0 });
		// The console page and the script the build bundled for it.
		const page = await rawRequest('GET', `${url}/simulator/console`, {});
		expect(page.status).toBe(200);
		expect(page.text).toContain('<script src="/simulator/console/app.js" defer></script>');
		const script = await rawRequest('GET', `${url}/simulator/console/app.js`, {});
		expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
		expect(script.text).toBe(readFileSync(BUNDLE, 'utf8'));
		expect(() => new Script(script.text, { filename: 'app.js' })).not.toThrow();
		cli.child.kill('SIGTERM');
		expect(await cli.exited).toBe(0);
		expect(cli.output()).toContain('SIGTERM: stopping the simulator');
	} finally {
		cli.child.kill('SIGKILL');
	}
}, 30000);

test('--agents-logged-out: the agents start logged out (Ready refused until StartContactCenterSession)', async () => {
	const cli = runCli(['--port', '0', '--no-csrf', '--agents-logged-out']);
	try {
		const url = await cli.listening;
		expect(cli.output()).toContain('Agents start logged out');
		const rest = new GwsRestClient(url, 'agent1', 'agent1pass');
		expect((await rest.post('/api/v2/me/channels/voice', { operationName: 'Ready' })).body.statusCode).toBe(2);
		expect((await rest.post('/api/v2/me', { operationName: 'StartContactCenterSession', channels: ['voice'] })).body).toEqual({ statusCode: 0 });
		expect((await rest.post('/api/v2/me/channels/voice', { operationName: 'Ready' })).body).toEqual({ statusCode: 0 });
		cli.child.kill('SIGTERM');
		expect(await cli.exited).toBe(0);
	} finally {
		cli.child.kill('SIGKILL');
	}
}, 30000);

test('bad flags exit with status 2 and say what to fix', async () => {
	const cli = runCli(['--port', 'abc']);
	const host = runCli(['--host', '0.0.0.0']);
	expect(await cli.exited).toBe(2);
	expect(cli.errors()).toContain("--port must be an integer >= 0 (got 'abc')");
	// The documented status 2 and one line: the reason, no stack trace (issue 21).
	expect(await host.exited).toBe(2);
	expect(host.errors().trim()).toBe("Simulator host '0.0.0.0' is not a loopback address; use 127.0.0.1, ::1 or localhost");
}, 30000);

test('ANSI escapes: a username with one is refused without printing it raw; a password with one is printed escaped', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'gws-sim-users-'));
	try {
		const badName = join(dir, 'name.json');
		writeFileSync(badName, JSON.stringify([{ username: 'evil\u001b[2J', password: 'p', phoneNumber: '41001' }]));
		const refused = runCli(['--port', '0', '--users', badName]);
		expect(await refused.exited).toBe(2);
		expect(refused.errors()).toContain('contains a control character');
		expect(refused.errors()).not.toContain('\u001b');
		const oddPassword = join(dir, 'password.json');
		writeFileSync(oddPassword, JSON.stringify([{ username: 'erin', password: 'pa\u001b[31mss', phoneNumber: '41002' }]));
		const cli = runCli(['--port', '0', '--users', oddPassword]);
		try {
			await cli.listening;
			expect(cli.output()).toContain('erin / pa\\u001b[31mss / 41002');
			expect(cli.output()).not.toContain('\u001b');
		} finally {
			cli.child.kill('SIGKILL');
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}, 30000);

test('--users FILE: serves exactly those users, prints them and the console URL', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'gws-sim-users-'));
	const file = join(dir, 'users.json');
	writeFileSync(file, JSON.stringify({ users: [{ username: 'dana', password: 'dana-pass', phoneNumber: '41000', roles: ['agent', 'supervisor'] }] }));
	const cli = runCli(['--port', '0', '--users', file]);
	try {
		const url = await cli.listening;
		expect(cli.output()).toContain('Users from --users (username / password / DN):');
		expect(cli.output()).toContain('dana / dana-pass / 41000 (supervisor)');
		expect(cli.output()).not.toContain('agent1');
		expect(cli.output()).toContain(`Console: ${url}/simulator/console`);
		expect((await new GwsRestClient(url, 'dana', 'dana-pass').get('/api/v2/me')).body.user.userName).toBe('dana');
		expect((await new GwsRestClient(url, 'agent1', 'agent1pass').get('/api/v2/me')).status).toBe(401);
	} finally {
		cli.child.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	}
}, 30000);

test('--users with a bad file: does not start, exits with status 2 and says where the file is wrong', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'gws-sim-users-'));
	try {
		const syntax = join(dir, 'syntax.json');
		writeFileSync(syntax, '[\n  {"username": "a", "password": "p", "phoneNumber": "1"},\n]\n');
		const schema = join(dir, 'schema.json');
		writeFileSync(schema, JSON.stringify([{ username: 'a', password: 'p', phoneNumber: '1' }, { username: 'b', password: 'p', phoneNumber: 2 }]));
		const bad = runCli(['--port', '0', '--users', syntax]);
		const wrong = runCli(['--port', '0', '--users', schema]);
		const missing = runCli(['--port', '0', '--users', join(dir, 'nope.json')]);
		expect(await Promise.all([bad.exited, wrong.exited, missing.exited])).toEqual([2, 2, 2]);
		expect(bad.errors()).toContain(`${syntax} is not valid JSON: line 3, column 1: a comma before ']'`);
		expect(bad.output()).not.toContain('listening');
		expect(wrong.errors()).toContain(`${schema}: users[1].phoneNumber (user "b") must be a string of digits`);
		expect(missing.errors()).toContain('Cannot read the users file');
		expect(missing.errors()).not.toContain('    at '); // a message, not a stack trace
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}, 30000);

test('serves HTTPS with --tls-key/--tls-cert material (in-process tls option)', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'gws-sim-tls-'));
	try {
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
		const sim = await startTestSimulator({ tls: { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') } });
		try {
			expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
			const me = await new GwsRestClient(sim.url, 'agent1', 'agent1pass').get('/api/v2/me');
			expect(me.body.user.userName).toBe('agent1');
		} finally {
			await sim.close();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}, 30000);

test('parseArgs: every flag, defaults, and clear errors', () => {
	expect(parseArgs([])).toEqual({ port: 8090 });
	expect(parseArgs(['--port', '0', '--host', '::1', '--no-csrf', '--latency', '50', '--remote-answer-delay', '-1', '--agents-logged-out', '--verbose'])).toEqual({
		port: 0,
		host: '::1',
		csrf: false,
		latencyMs: 50,
		remoteAnswerDelayMs: -1,
		agentsLoggedOut: true,
		verbose: true,
	});
	expect(() => parseArgs(['--latency'])).toThrow('--latency needs a value');
	expect(() => parseArgs(['--port', '70000'])).toThrow('--port must be 0-65535');
	expect(() => parseArgs(['--tls-key', 'k.pem'])).toThrow('--tls-key and --tls-cert go together');
	expect(() => parseArgs(['--bogus'])).toThrow("Unknown option '--bogus'");
	expect(() => parseArgs(['--users'])).toThrow('--users needs a value');
});
