 
/** The CLI (`npm run simulator` / `gws-simulator`) as a real child process, and HTTPS with a throwaway certificate. */
import { execFileSync, spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
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
});
