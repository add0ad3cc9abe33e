/**
 * TLS: the simulator serving HTTPS with a self-signed certificate made here with the openssl CLI. The action
 * node, the credential test and the trigger must refuse it by default with a message that names the server and
 * the fix ("Ignore SSL Issues"), and work with allowUnauthorizedCerts. Also https:// against a plain-HTTP server.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { NOTIFICATION_CLIENT_DEFAULTS } from '../../nodes/shared/cometd';
import { activateTrigger, contextFor } from '../trigger/harness';
import { runNode, testCredential, type GwsTestCredential } from '../helpers/n8n';
import { Figures } from './support/results';
import { recordN8nLogs, SecretScanner } from './support/secrets';
import { startTestSimulator, type Sim } from '../helpers/simulator';
import { credentialOf, RELAGENT, REL_USERS } from '../helpers/users';

function selfSigned(): { key: string; cert: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rel-tls-'));
	try {
		const key = path.join(dir, 'key.pem');
		const cert = path.join(dir, 'cert.pem');
		// Test-only: Node cannot issue an X.509 certificate itself, so the openssl CLI makes a throw-away one.
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], {
			stdio: 'ignore',
		});
		return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

let sim: Sim;
let plain: Sim;
const figures = new Figures('tls', 'TLS (self-signed certificate)');
const logs = recordN8nLogs();
const scanner = new SecretScanner(REL_USERS);
const savedDefaults = { ...NOTIFICATION_CLIENT_DEFAULTS };

beforeAll(async () => {
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, { backoffIncrementMs: 50, maxBackoffMs: 200, failureAfterMs: 300 });
	sim = await startTestSimulator({ users: REL_USERS, tls: selfSigned() });
	plain = await startTestSimulator({ users: REL_USERS });
});
afterAll(async () => {
	await scanner.captureSession(contextFor(credentialOf(sim.url, RELAGENT, { allowUnauthorizedCerts: true })), 'tls');
	const findings = scanner.finish(logs);
	figures.set('secrets found in errors, logs and items', findings.length, '0');
	figures.set('errors, items and log lines scanned', scanner.scanned);
	figures.write();
	await sim.close();
	await plain.close();
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, savedDefaults);
	expect(findings).toEqual([]);
});

const getAll = (credential: GwsTestCredential) =>
	runNode({ credential, continueOnFail: true, parameters: { resource: 'call', operation: 'getAll' } });

it('the action node refuses the self-signed certificate by default, naming the server and the fix', async () => {
	expect(sim.url).toMatch(/^https:/);
	const result = await getAll(credentialOf(sim.url, RELAGENT));
	scanner.collect('tls refused item', result.items);
	expect(result.items).toHaveLength(1);
	expect(result.items[0].error).toBe(`The TLS certificate of ${sim.url} was not accepted`);
	expect(String(result.items[0].description)).toMatch(/SELF_SIGNED_CERT[\s\S]*Ignore SSL Issues \(Insecure\)/);
	expect(sim.requests()).toEqual([]); // nothing reached the server's HTTP layer
	figures.add('TLS cases', 1);
});

it('the action node works with allowUnauthorizedCerts', async () => {
	const { callId } = await sim.placeInboundCall({ to: 'relagent', from: '5550100' });
	const result = await getAll(credentialOf(sim.url, RELAGENT, { allowUnauthorizedCerts: true }));
	scanner.collect('tls accepted items', result.items);
	expect(result.items.map((i) => i.id)).toEqual([callId]);
	figures.add('TLS cases', 1);
});

it('the credential test says why the login failed, and passes with allowUnauthorizedCerts', async () => {
	const refused = await testCredential(credentialOf(sim.url, RELAGENT));
	scanner.collect('credential test refused', refused);
	expect(refused.status).toBe('Error');
	expect(refused.message).toMatch(/certificate/i);
	const accepted = await testCredential(credentialOf(sim.url, RELAGENT, { allowUnauthorizedCerts: true }));
	scanner.collect('credential test accepted', accepted);
	expect(accepted.status).toBe('OK');
	figures.add('TLS cases', 2);
});

it('the trigger refuses to activate by default and receives notifications with allowUnauthorizedCerts', async () => {
	let refusal: unknown;
	try {
		const t = await activateTrigger({ credential: credentialOf(sim.url, RELAGENT), parameters: { events: ['StatusChange'] } });
		await t.close();
	} catch (error) {
		refusal = error;
	}
	scanner.collect('trigger tls refusal', refusal);
	expect(refusal).toBeInstanceOf(Error);
	expect(`${(refusal as Error).message} ${String((refusal as { description?: unknown }).description)}`).toMatch(/certificate|TLS/i);

	const t = await activateTrigger({
		credential: credentialOf(sim.url, RELAGENT, { allowUnauthorizedCerts: true }),
		parameters: { events: ['StatusChange'] },
	});
	try {
		const { callId } = await sim.placeInboundCall({ to: 'relagent', from: '5550101' });
		const items = await t.waitForItems(1);
		scanner.collect('trigger tls items', items);
		expect((items[0].call as { id: string }).id).toBe(callId);
		expect(t.errors).toEqual([]);
	} finally {
		await t.close();
	}
	figures.add('TLS cases', 2);
});

it('https:// against a plain-HTTP server: a TLS handshake error that says to check the scheme', async () => {
	const result = await getAll(credentialOf(plain.url.replace('http:', 'https:'), RELAGENT));
	scanner.collect('scheme mismatch item', result.items);
	expect(result.items[0].error).toMatch(/TLS handshake with https:\/\/127\.0\.0\.1:\d+ failed/);
	expect(String(result.items[0].description)).toMatch(/http:\/\/ or https:\/\//);
	figures.add('TLS cases', 1);
});
