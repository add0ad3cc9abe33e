 
/** The CLI (`npm run simulator` / `gws-simulator`) as a real child process, and HTTPS with a throwaway certificate. */
import { execFileSync, spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseArgs } from '../../simulator/cli';
import { GwsRestClient, startTestSimulator } from './helpers';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'simulator', 'cli.ts');

function runCli(args: string[]) {
	const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	child.stdout.on('data', (c) => (out += c));
	child.stderr.on('data', (c) => (err += c));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, exited, output: () => out, errors: () => err };
}

test('prints its URL and the demo users, serves GWS, stops cleanly on SIGTERM', async () => {
	const cli = runCli(['--port', '0', '--no-csrf']);
	try {
		const deadline = Date.now() + 20000;
		while (!/listening on (http:\/\/127\.0\.0\.1:\d+)/.test(cli.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(cli.output())?.[1];
		expect(url).toBeDefined();
		for (const line of ['agent1 / agent1pass / 15000', 'agent2 / agent2pass / 15001', 'supervisor1 / supervisor1pass / 15002']) {
			expect(cli.output()).toContain(line);
		}
		expect(cli.output()).toContain('CSRF off');
		const rest = new GwsRestClient(url!, 'agent1', 'agent1pass');
		expect((await rest.post('/api/v2/me/channels/voice', { operationName: 'Ready' })).body).toEqual({ statusCode: 0 });
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
		const deadline = Date.now() + 20000;
		while (!/listening on (http:\/\/127\.0\.0\.1:\d+)/.test(cli.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(cli.output())?.[1];
		expect(cli.output()).toContain('Agents start logged out');
		const rest = new GwsRestClient(url!, 'agent1', 'agent1pass');
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
	expect(await cli.exited).toBe(2);
	expect(cli.errors()).toContain("--port must be an integer >= 0 (got 'abc')");
	const host = runCli(['--host', '0.0.0.0']);
	expect(await host.exited).toBe(1);
	expect(host.errors()).toContain('not a loopback address');
}, 30000);

async function listening(cli: ReturnType<typeof runCli>): Promise<string> {
	const deadline = Date.now() + 20000;
	while (!/listening on (http:\/\/127\.0\.0\.1:\d+)/.test(cli.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
	const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(cli.output())?.[1];
	if (!url) throw new Error(`the simulator did not start: ${cli.output()} ${cli.errors()}`);
	return url;
}

test('--users FILE: serves exactly those users, prints them and the console URL', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'gws-sim-users-'));
	const file = join(dir, 'users.json');
	writeFileSync(file, JSON.stringify({ users: [{ username: 'dana', password: 'dana-pass', phoneNumber: '41000', roles: ['agent', 'supervisor'] }] }));
	const cli = runCli(['--port', '0', '--users', file]);
	try {
		const url = await listening(cli);
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
