/**
 * Secrets. First the scanner itself is shown to catch each kind of secret in each kind of place (a scan that
 * cannot fail proves nothing). Then the places where a secret is most likely to slip out: a refused login (the
 * Authorization header is in the failing request), a workflow that fails without Continue On Fail (n8n's own
 * execution error, with its cause chain), network failures (the HTTP client's error carries the request options),
 * and the debug/warn log of the trigger. The other reliability files scan everything they produce the same way.
 */
import { NodeOperationError } from 'n8n-workflow';

import { activateTrigger, contextFor } from '../trigger/harness';
import { runNode, testCredential } from '../helpers/n8n';
import { FaultyProxy } from './support/proxy';
import { Figures } from './support/results';
import { deepText, recordN8nLogs, SecretScanner, withoutPrinting } from './support/secrets';
import { startTestSimulator, type Sim } from '../helpers/simulator';
import { credentialOf, RELAGENT, REL_USERS } from '../helpers/users';

let sim: Sim;
const figures = new Figures('secrets', 'Secrets (scanner self-check and likely leak points)');
const logs = recordN8nLogs();
const scanner = new SecretScanner(REL_USERS);
const user = REL_USERS[0];

beforeAll(async () => {
	sim = await startTestSimulator({ users: REL_USERS });
});
afterAll(async () => {
	await scanner.captureSession(contextFor(credentialOf(sim.url, RELAGENT)), 'secrets');
	const findings = scanner.finish(logs);
	figures.set('secrets found in errors, logs and items', findings.length, '0');
	figures.set('errors, items and log lines scanned', scanner.scanned);
	figures.write();
	await sim.close();
	expect(findings).toEqual([]);
});

describe('the scanner catches what it must', () => {
	it('finds the password, the Authorization value, the base64 and the session cookie wherever they hide', async () => {
		const probe = new SecretScanner([user]);
		await probe.captureSession(contextFor(credentialOf(sim.url, RELAGENT)), 'probe');
		const basic = Buffer.from(`${user.username}:${user.password}`).toString('base64');
		const session = (await import('../../nodes/shared/transport')).getGwsSession;
		const cookie = (await session.call(contextFor(credentialOf(sim.url, RELAGENT)))).cookieHeader.match(/JSESSIONID=([^;]+)/)?.[1];
		expect(cookie).toBeDefined();
		const deep = new Error('outer');
		(deep as Error & { cause?: unknown }).cause = { config: { headers: { Cookie: `JSESSIONID=${cookie}` } } };
		const node = { id: 'n', name: 'N', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		probe.collect('description', new NodeOperationError(node, 'x', { description: `pw ${user.password}` }));
		probe.collect('item', [{ json: { h: `Basic ${basic}` } }]);
		probe.collect('base64 only', { deep: { deeper: [basic] } });
		probe.collect('cause chain', deep);
		const probeLogs = new (logs.constructor as typeof import('./support/secrets').RecordingLogger)();
		const fromLine = logs.lines.length;
		// A real node context's logger is the one n8n's Container hands out: it must be the recording one.
		contextFor(credentialOf(sim.url, RELAGENT)).logger.warn(`logged ${user.password}`);
		withoutPrinting(() => console.debug(`console ${basic}`));
		probeLogs.lines.push(...logs.lines.slice(fromLine));
		logs.lines.splice(fromLine); // planted on purpose: not part of the file's own scan
		const found = probe.finish(probeLogs).map((f) => `${f.where}: ${f.secret.replace(/….*$/, '')}`);
		expect(found).toEqual(
			expect.arrayContaining([
				`description: password of ${user.username}`,
				`item: Authorization header of ${user.username}`,
				`item: basic credentials (base64) of ${user.username}`,
				`base64 only: basic credentials (base64) of ${user.username}`,
				'cause chain: session cookie ' + cookie!.slice(0, 4),
				`n8n log lines: password of ${user.username}`,
				`n8n log lines: basic credentials (base64) of ${user.username}`,
			]),
		);
		expect(deepText(new Error('plain'))).toContain('plain');
		figures.set('scanner self-check: planted secrets found', found.length, '>= 7');
	});
});

describe('likely leak points', () => {
	it('a refused login, without Continue On Fail: n8n execution error', async () => {
		const wrong = { ...credentialOf(sim.url, RELAGENT), password: 'Wr0ng#relPW-not-this!5550-kappa' };
		scanner.addUser(wrong.username, wrong.password);
		const result = await runNode({ credential: wrong, parameters: { resource: 'call', operation: 'getAll' } });
		scanner.collect('refused login: execution error', result.error);
		scanner.collect('refused login: run data', result.run.data);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/rejected the login of user "relagent"/);
		figures.add('leak points checked', 1);
	});

	it('a refused login in the credential test', async () => {
		const wrong = { ...credentialOf(sim.url, RELAGENT), password: 'Wr0ng#relPW-not-this!5550-kappa' };
		const result = await testCredential(wrong);
		scanner.collect('credential test', result);
		expect(result.status).toBe('Error');
		figures.add('leak points checked', 1);
	});

	it('network failures (refused, reset) without Continue On Fail keep the request options out', async () => {
		sim.injectFault({ count: 1, status: 200, mode: 'reset', pathPrefix: '/api/v2/me/calls' });
		const reset = await runNode({ credential: credentialOf(sim.url, RELAGENT), parameters: { resource: 'call', operation: 'getAll' } });
		scanner.collect('reset: execution error', reset.error);
		scanner.collect('reset: run data', reset.run.data);
		expect(reset.status).toBe('error');
		const refused = await runNode({ credential: credentialOf('http://127.0.0.1:9', RELAGENT), parameters: { resource: 'call', operation: 'getAll' } });
		scanner.collect('refused: execution error', refused.error);
		expect(refused.status).toBe('error');
		figures.add('leak points checked', 2);
	});

	it('a successful run: output items and run data', async () => {
		await sim.placeInboundCall({ to: 'relagent', from: '5550100' });
		const result = await runNode({ credential: credentialOf(sim.url, RELAGENT), parameters: { resource: 'call', operation: 'getAll' } });
		scanner.collect('getAll run data', result.run.data);
		expect(result.items).toHaveLength(1);
		figures.add('leak points checked', 1);
	});

	it('the trigger: a refused handshake and its log lines', async () => {
		const wrong = { ...credentialOf(sim.url, RELAGENT), password: 'Wr0ng#relPW-not-this!5550-kappa' };
		let failure: unknown;
		try {
			const t = await activateTrigger({ credential: wrong, parameters: { events: ['StatusChange'] } });
			await t.close();
		} catch (error) {
			failure = error;
		}
		scanner.collect('trigger refused', failure);
		expect((failure as Error).message).toMatch(/credential|login|refused|401/i);
		figures.add('leak points checked', 1);
	});
});

// What GWS or a proxy sends back may repeat the credential (issue 21): an error must never show it, whatever path
// the reply takes (login, an operation, the credential test, the trigger's login and its Bayeux handshake).
describe('echoed secrets: GWS or a proxy repeats the password in its reply', () => {
	const basic = Buffer.from(`${user.username}:${user.password}`).toString('base64');
	const echoes: Array<[string, { status: number; body: string }]> = [
		['a 401 whose statusMessage names the password', { status: 401, body: JSON.stringify({ statusCode: 20, statusMessage: `Login failed for ${user.username} with password ${user.password}` }) }],
		['a non-JSON 502 page with the password and the Basic value', { status: 502, body: `<html>Bad gateway: ${user.username}:${user.password} Authorization=${basic}</html>` }],
		['a 500 whose statusMessage holds the base64 alone and the password JSON-escaped', { status: 500, body: JSON.stringify({ statusCode: 4, statusMessage: `cannot decode ${basic}; ${JSON.stringify(user.password)}` }) }],
		['a 400 with the password URL-encoded', { status: 400, body: JSON.stringify({ statusCode: 10, statusMessage: `bad query password=${encodeURIComponent(user.password)}` }) }],
	];
	const hidden = (text: string) => {
		expect(text).not.toContain(user.password);
		expect(text).not.toContain(basic);
		expect(text).not.toContain(basic.replace(/=+$/, ''));
		expect(text).not.toContain(encodeURIComponent(user.password));
		expect(text).not.toContain(JSON.stringify(user.password).slice(1, -1));
	};

	for (const [what, reply] of echoes) {
		it(`the action node: ${what}`, async () => {
			// The login answers with the echo (401), or an operation does (the others).
			const pathPrefix = reply.status === 401 ? '/api/v2/me' : '/api/v2/me/calls';
			sim.injectFault({ count: 1, status: reply.status, body: reply.body, pathPrefix });
			const result = await runNode({ credential: credentialOf(sim.url, RELAGENT), parameters: { resource: 'call', operation: 'getAll' } });
			sim.clearFaults();
			scanner.collect(`echo (${what}): execution error`, result.error);
			scanner.collect(`echo (${what}): run data`, result.run.data);
			expect(result.status).toBe('error');
			const text = `${result.error?.message} ${(result.error as { description?: string })?.description}`;
			hidden(text);
			hidden(deepText(result.error));
			expect(text).toContain('[redacted]');
			figures.add('echo cases (the reply repeats the password)', 1);
		});

		it(`the credential test: ${what}`, async () => {
			sim.injectFault({ count: 1, status: reply.status, body: reply.body, pathPrefix: '/api/v2/me' });
			const result = await testCredential(credentialOf(sim.url, RELAGENT));
			sim.clearFaults();
			scanner.collect(`echo (${what}): credential test`, result);
			expect(result.status).toBe('Error');
			hidden(result.message);
			expect(result.message).toContain('[redacted]');
			figures.add('echo cases (the reply repeats the password)', 1);
		});
	}

	it('the trigger: its login answered by a 401 that names the password', async () => {
		// A session cached by the tests before would spare the trigger its login.
		(await import('../../nodes/shared/transport')).clearGwsSessions();
		sim.injectFault({ count: 1, status: 401, body: echoes[0][1].body, pathPrefix: '/api/v2/me' });
		let failure: unknown;
		try {
			const t = await activateTrigger({ credential: credentialOf(sim.url, RELAGENT), parameters: { events: ['StatusChange'] } });
			await t.close();
		} catch (error) {
			failure = error;
		}
		sim.clearFaults();
		scanner.collect('echo: trigger login', failure);
		expect(failure).toBeDefined();
		hidden(deepText(failure));
		expect(deepText(failure)).toContain('[redacted]');
		figures.add('echo cases (the reply repeats the password)', 1);
	});

	it('the trigger: a Bayeux handshake refused with an error text that names the password', async () => {
		const { NOTIFICATION_CLIENT_DEFAULTS } = await import('../../nodes/shared/cometd');
		const saved = { ...NOTIFICATION_CLIENT_DEFAULTS };
		Object.assign(NOTIFICATION_CLIENT_DEFAULTS, { failureAttempts: 2, failureAfterMs: 100, backoffIncrementMs: 20, maxBackoffMs: 50 });
		const proxy = new FaultyProxy(sim.port);
		await proxy.start();
		proxy.decide = (req) =>
			req.body.includes('/meta/handshake')
				? { kind: 'respond', status: 200, body: JSON.stringify([{ channel: '/meta/handshake', successful: false, error: `403::denied for ${user.username} password ${user.password} (${basic})` }]) }
				: { kind: 'pass' };
		let failure: unknown;
		try {
			const t = await activateTrigger({ credential: credentialOf(proxy.url, RELAGENT), parameters: { events: ['StatusChange'] } });
			await t.close();
		} catch (error) {
			failure = error;
		} finally {
			Object.assign(NOTIFICATION_CLIENT_DEFAULTS, saved);
			await proxy.close();
		}
		scanner.collect('echo: trigger Bayeux handshake error', failure);
		expect(deepText(failure)).toContain('server answered "403::denied for relagent password [redacted]');
		hidden(deepText(failure));
		figures.add('echo cases (the reply repeats the password)', 1);
	});

	it('the scrubber leaves short passwords alone rather than garbling every message', async () => {
		const { credentialScrubber } = await import('../../nodes/shared/transport');
		expect(credentialScrubber('u', 'abc')('abc def abc')).toBe('abc def abc');
		expect(credentialScrubber('u', 'abcd')('abcd def')).toBe('[redacted] def');
	});
});
