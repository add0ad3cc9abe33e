/**
 * Server faults, each in a real n8n-core execution with Continue On Fail: item 0 and item 2 act on healthy calls,
 * item 1 meets the fault (the simulator's fault queue, scoped to item 1's call path). The faulty item must turn
 * into an error item that says what happened and what to do, and items 0 and 2 must still run (asserted on the
 * simulator's own call state, not only on the output).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import * as http from 'http';
import type { AddressInfo } from 'net';

import { NOTIFICATION_CLIENT_DEFAULTS } from '../../nodes/shared/cometd';
import type { FaultSpec } from '../../simulator/api';
import { contextFor, restAs } from '../trigger/harness';
import { runNode, type GwsTestCredential, type NodeResult } from '../helpers/n8n';
import { FaultyProxy } from './support/proxy';
import { Figures } from './support/results';
import { recordN8nLogs, SecretScanner } from './support/secrets';
import { startTestSimulator, type Sim } from '../helpers/simulator';
import { credentialOf, RELAGENT, REL_USERS } from '../helpers/users';
import { until } from '../helpers/wait';

let sim: Sim;
let credential: GwsTestCredential;
let rest: ReturnType<typeof restAs>;
const figures = new Figures('server-faults', 'Server faults (Continue On Fail)');
const logs = recordN8nLogs();
const scanner = new SecretScanner(REL_USERS);

const savedDefaults = { ...NOTIFICATION_CLIENT_DEFAULTS };

beforeAll(async () => {
	// "Wait for Confirmation" gives up on unreachable notifications after this (10 s in production).
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, { backoffIncrementMs: 50, maxBackoffMs: 200, failureAfterMs: 500 });
	// One agent answers several calls at once here: their phone does not hold the others (docs/FIDELITY.md C14).
	sim = await startTestSimulator({ users: REL_USERS, features: { holdOnAnswer: false } });
	credential = credentialOf(sim.url, RELAGENT);
	rest = restAs(credential);
});
afterAll(async () => {
	await scanner.captureSession(contextFor(credential), 'server-faults');
	const findings = scanner.finish(logs);
	figures.set('secrets found in errors, logs and items', findings.length, '0');
	figures.set('errors, items and log lines scanned', scanner.scanned);
	figures.write();
	await sim.close();
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, savedDefaults);
	expect(findings).toEqual([]);
});
beforeEach(async () => {
	await sim.reset();
});

async function establishedCalls(n: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < n; i++) {
		const { callId } = await sim.placeInboundCall({ to: 'relagent', from: `555010${i}` });
		await rest('POST', `/api/v2/me/calls/${callId}`, { operationName: 'Answer' });
		ids.push(callId);
	}
	await until('calls established', () => ids.every((id) => sim.calls('relagent').find((c) => c.id === id)?.state === 'Established'));
	return ids;
}

/** updateUserData on three calls, item i setting Item=i; returns the execution result. */
async function runThree(ids: string[], cred: GwsTestCredential = credential, options: IDataObject = {}): Promise<NodeResult> {
	const result = await runNode({
		credential: cred,
		continueOnFail: true,
		parameters: {
			resource: 'call',
			operation: 'updateUserData',
			callId: { __rl: true, mode: 'id', value: '={{ $json.callId }}' },
			userData: '={{ $json.userData }}',
			options: options as INodeParameters,
		},
		items: ids.map((callId, i) => ({ callId, userData: { Item: `item-${i}` } })),
	});
	scanner.collect('fault execution items', result.items);
	if (result.error) scanner.collect('fault execution error', result.error);
	return result;
}

function userDataOf(id: string): Record<string, unknown> | undefined {
	return sim.calls('relagent').find((c) => c.id === id)?.userData;
}

interface FaultCase {
	name: string;
	fault: Omit<FaultSpec, 'pathPrefix'>;
	/** What the error item must say (message + description). */
	expected: RegExp;
	/** A fault the transport recovers from by itself (a new login): item 1 succeeds. */
	recovers?: boolean;
	options?: IDataObject;
}

const CASES: FaultCase[] = [
	{ name: '401 once (session expired): logs in again and retries', fault: { count: 1, status: 401 }, expected: /./, recovers: true },
	{ name: '401 twice (password changed)', fault: { count: 2, status: 401 }, expected: /rejected the login of user "relagent"[\s\S]*check username and password/ },
	{
		name: '403 "Missing or invalid Csrf token" once: logs in again and retries',
		fault: { count: 1, status: 403, body: 'Missing or invalid Csrf token' },
		expected: /./,
		recovers: true,
	},
	{ name: '403 forbidden', fault: { count: 1, status: 403, body: { statusCode: 3, statusMessage: 'Forbidden' } }, expected: /UpdateUserData[\s\S]*Forbidden[\s\S]*HTTP 403/ },
	{ name: '404 not found', fault: { count: 1, status: 404, body: { statusCode: 6, statusMessage: 'Not found' } }, expected: /Unknown call "[^"]+"[\s\S]*Get Many/ },
	{ name: '409 conflict', fault: { count: 1, status: 409, body: { statusCode: 19, statusMessage: 'Already in use' } }, expected: /UpdateUserData[\s\S]*Already in use[\s\S]*409/ },
	{ name: '500 internal error', fault: { count: 1, status: 500 }, expected: /UpdateUserData[\s\S]*500/ },
	{ name: '503 unavailable, no body fields', fault: { count: 1, status: 503, body: {} }, expected: /failed UpdateUserData on call "[^"]+" with HTTP 503[\s\S]*retry later/ },
	{ name: 'slow reply past the timeout', fault: { count: 1, status: 200, mode: 'hang' }, expected: /did not answer POST \S+ within 0\.5 s[\s\S]*Raise the timeout/, options: { timeout: 0.5 } },
	{ name: 'connection reset before the reply', fault: { count: 1, status: 200, mode: 'reset' }, expected: /closed the connection during POST/ },
	{ name: 'non-JSON body (an HTML page)', fault: { count: 1, status: 200, body: '<html><body>Please log in</body></html>' }, expected: /not JSON[\s\S]*Please log in[\s\S]*Base URL/ },
	{ name: 'truncated JSON body', fault: { count: 1, status: 200, body: '{"statusCode":0,"call":{"id":"x' }, expected: /not JSON[\s\S]*statusCode/ },
	{ name: 'empty body', fault: { count: 1, status: 200, body: '' }, expected: /not JSON[\s\S]*empty/ },
	{ name: 'JSON that is not an object', fault: { count: 1, status: 200, body: '[1,2,3]' }, expected: /not JSON/ },
	{
		name: 'HTTP 200 with statusCode 2 and a statusMessage',
		fault: { count: 1, status: 200, body: { statusCode: 2, statusMessage: 'Invalid call state' } },
		expected: /GWS refused UpdateUserData on call "[^"]+": Invalid call state \(statusCode 2\)[\s\S]*operation "Get"/,
	},
	{
		name: 'HTTP 200 with statusCode 2 and no statusMessage',
		fault: { count: 1, status: 200, body: { statusCode: 2 } },
		expected: /GWS refused UpdateUserData on call "[^"]+": a parameter is not valid for the current state \(statusCode 2\)/,
	},
	{ name: 'HTTP 200 with an unknown statusCode', fault: { count: 1, status: 200, body: { statusCode: 99 } }, expected: /statusCode 99[\s\S]*unknown code/ },
	{ name: 'HTTP 500 with statusCode 0', fault: { count: 1, status: 500, body: { statusCode: 0 } }, expected: /HTTP 500/ },
];

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
	it('becomes an error item (or recovers) and the other items still run', async () => {
		const ids = await establishedCalls(3);
		sim.injectFault({ ...c.fault, pathPrefix: `/api/v2/me/calls/${ids[1]}` });
		const started = Date.now();
		const result = await runThree(ids, credential, c.options);
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(3);
		expect(result.output.map((o) => (o.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		for (const i of [0, 2]) {
			expect(result.items[i]).toMatchObject({ operationName: 'UpdateUserData', statusCode: 0 });
			expect(userDataOf(ids[i])).toMatchObject({ Item: `item-${i}` });
		}
		if (c.recovers) {
			expect(result.items[1]).toMatchObject({ operationName: 'UpdateUserData', statusCode: 0 });
			expect(userDataOf(ids[1])).toMatchObject({ Item: 'item-1' });
		} else {
			const text = `${String(result.items[1].error)}\n${String(result.items[1].description)}`;
			expect(typeof result.items[1].error).toBe('string');
			expect(text).toMatch(c.expected);
			expect(userDataOf(ids[1])?.Item).toBeUndefined();
		}
		if (c.fault.mode === 'hang') expect(Date.now() - started).toBeLessThan(5000);
		figures.add('faults survived', 1);
	});
});

it('connection refused: every item becomes an error naming the server; the node recovers when GWS is back', async () => {
	// A port that was just free: nothing listens there.
	const probe = http.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const port = (probe.address() as AddressInfo).port;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	const down = credentialOf(`http://127.0.0.1:${port}`, RELAGENT);
	const result = await runThree(['A', 'B', 'C'], down);
	expect(result.status).toBe('success');
	expect(result.items).toHaveLength(3);
	for (const item of result.items) {
		expect(item.error).toBe(`Could not connect to GWS at http://127.0.0.1:${port}: the connection was refused`);
		expect(String(item.description)).toMatch(/Check Base URL/);
	}
	figures.add('faults survived', 1);
});

it('the simulator restarting between executions: the next execution logs in again and succeeds', async () => {
	const ids = await establishedCalls(1);
	await runThree(ids);
	await sim.stop();
	const whileDown = await runThree(ids);
	expect(String(whileDown.items[0].error)).toMatch(/connection was refused/);
	await sim.start();
	const after = await runThree(ids);
	expect(after.items[0]).toMatchObject({ statusCode: 0 });
	figures.add('faults survived', 1);
});

it('a connection reset half-way through the response body (through a proxy)', async () => {
	const proxy = new FaultyProxy(sim.port);
	await proxy.start();
	try {
		const ids = await establishedCalls(3);
		proxy.decide = (req) => (req.method === 'POST' && req.url.endsWith(encodeURIComponent(ids[1])) ? { kind: 'resetMidResponse' } : { kind: 'pass' });
		const result = await runThree(ids, credentialOf(proxy.url, RELAGENT));
		expect(proxy.applied.resetMidResponse).toBe(1);
		expect(result.items).toHaveLength(3);
		expect(result.items[0]).toMatchObject({ statusCode: 0 });
		expect(result.items[2]).toMatchObject({ statusCode: 0 });
		// GWS did the work, but the reply was cut: the item must fail and name the request. (The clearer "closed
		// the connection" wording is asserted in known-defects.test.ts.)
		expect(String(result.items[1].error)).toContain(`POST /api/v2/me/calls/${ids[1]}`);
		figures.add('faults survived', 1);
	} finally {
		await proxy.close();
	}
});

it('every fault in one execution: 2 items per fault, all healthy items ran', async () => {
	const faulty = CASES.filter((c) => !c.recovers && c.fault.mode !== 'hang');
	const ids = await establishedCalls(faulty.length * 2);
	faulty.forEach((c, i) => sim.injectFault({ ...c.fault, pathPrefix: `/api/v2/me/calls/${ids[2 * i + 1]}` }));
	const result = await runThree(ids);
	expect(result.items).toHaveLength(ids.length);
	faulty.forEach((c, i) => {
		expect(result.items[2 * i]).toMatchObject({ statusCode: 0 });
		expect(`${String(result.items[2 * i + 1].error)}\n${String(result.items[2 * i + 1].description)}`).toMatch(c.expected);
	});
	figures.add('faults survived', faulty.length);
	figures.set('fault kinds', CASES.length + 3);
});

describe('Wait for Confirmation', () => {
	const hold = (cred: GwsTestCredential, callId: string, operation = 'hold') =>
		runNode({
			credential: cred,
			continueOnFail: true,
			parameters: { resource: 'call', operation, callId: { __rl: true, mode: 'id', value: callId }, options: { waitForConfirmation: true, confirmationTimeout: 1 } },
		});

	it('the confirming notification never comes: an error item after the confirmation timeout, saying the operation was sent', async () => {
		const [id] = await establishedCalls(1);
		sim.pauseNotifications();
		const started = Date.now();
		const result = await hold(credential, id);
		sim.resumeNotifications(false);
		scanner.collect('confirmation timeout', result.items);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.items[0].error).toBe('GWS accepted "Hold" but did not confirm it within 1 s');
		expect(String(result.items[0].description)).toMatch(/raise "Confirmation Timeout"/);
		expect(sim.calls('relagent').find((c) => c.id === id)?.state).toBe('Held');
		figures.add('faults survived', 1);
	});

	it('read back (Start Session, which GWS confirms by no notification): GWS failing the reads is an error item naming it; the login was sent', async () => {
		// The POST goes through; every read of the devices that follows fails.
		const before = Math.max(0, ...sim.requests().map((r) => r.seq));
		sim.injectFault({ count: 20, status: 503, body: {}, method: 'GET', pathPrefix: '/api/v2/me/devices' });
		const result = await runNode({
			credential,
			continueOnFail: true,
			parameters: { resource: 'agent', operation: 'startSession', options: { waitForConfirmation: true, confirmationTimeout: 1 } },
		});
		sim.clearFaults();
		scanner.collect('read back, reads failing', result.items);
		expect(String(result.items[0].error)).toMatch(/GWS failed GET \/api\/v2\/me\/devices\S* with HTTP 503/);
		const login = sim.requests().filter((r) => r.seq > before && r.method === 'POST' && r.path === '/api/v2/me');
		expect(login.map((r) => (r.body as IDataObject).operationName)).toEqual(['StartContactCenterSession']);
		figures.add('faults survived', 1);
	});

	it('an ErrorMessage that says nothing (no operation, no text), names another call, or has malformed fields never ends the wait', async () => {
		const proxy = new FaultyProxy(sim.port);
		await proxy.start();
		try {
			const [id] = await establishedCalls(1);
			// Odd ErrorMessages a GWS (or a proxy) might send, put in front of every notification the wait sees.
			const odd = [
				{ messageType: 'ErrorMessage' },
				{ messageType: 'ErrorMessage', operationName: 'Hold', callId: 'ANOTHER-CALL', errorCode: 1, errorMessage: 'not yours' },
				{ messageType: 'ErrorMessage', operationName: 42, errorMessage: { nested: true } },
				{ messageType: 'ErrorMessage', operationName: 'Hold', callUri: 'http://gws/api/v2/me/calls/OTHER', errorCode: 2 },
				// Naming no operation but another call (docs/FIDELITY.md part 2, A1/A2).
				{ messageType: 'ErrorMessage', callId: 'ANOTHER-CALL', errorCode: 3, errorMessage: 'about another call' },
			].map((data) => ({ channel: '/v2/me/calls', data }));
			let injected = 0;
			proxy.decide = (req) => {
				if (!req.url.startsWith('/api/v2/notifications') || !req.body.includes('/meta/connect')) return { kind: 'pass' };
				return {
					kind: 'rewrite',
					body: (original) => {
						const messages = JSON.parse(original) as unknown[];
						if (!Array.isArray(messages) || messages.length < 2) return original;
						injected++;
						return JSON.stringify([...odd, ...messages]);
					},
				};
			};
			const result = await hold(credentialOf(proxy.url, RELAGENT), id);
			scanner.collect('odd ErrorMessages during a wait', result.items);
			expect(injected).toBeGreaterThan(0);
			expect(result.items[0]).toMatchObject({ confirmed: true, call: { id, state: 'Held' } });
			figures.add('faults survived', 1);
		} finally {
			await proxy.close();
		}
	});

	for (const [name, action] of [
		['answers HTTP 500', { kind: 'respond', status: 500, body: '{"statusCode":4}' }],
		['resets every connection', { kind: 'reset' }],
	] as const) {
		it(`the notification endpoint ${name}: an error item, and the operation is NOT sent`, async () => {
			const proxy = new FaultyProxy(sim.port);
			await proxy.start();
			try {
				const [id] = await establishedCalls(1);
				proxy.decide = (req) => (req.url.startsWith('/api/v2/notifications') ? action : { kind: 'pass' });
				const started = Date.now();
				const result = await hold(credentialOf(proxy.url, RELAGENT), id);
				scanner.collect(`confirmation, notifications ${name}`, result.items);
				expect(Date.now() - started).toBeLessThan(10_000);
				expect(result.items[0].error).toBe('Could not subscribe to GWS notifications to wait for the confirmation of "Hold"');
				expect(String(result.items[0].description)).toMatch(/The request was not sent[\s\S]*Turn off "Wait for Confirmation"/);
				expect(sim.calls('relagent').find((c) => c.id === id)?.state).toBe('Established');
				figures.add('faults survived', 1);
			} finally {
				await proxy.close();
			}
		});
	}
});

it('GWS restarted (every session gone) under 6 parallel executions: one shared new login, all succeed', async () => {
	const ids = await establishedCalls(6);
	await sim.stop();
	await sim.start();
	sim.clearRequests();
	const results = await Promise.all(
		ids.map((id) =>
			runNode({ credential, continueOnFail: true, parameters: { resource: 'call', operation: 'hold', callId: { __rl: true, mode: 'id', value: id } } }),
		),
	);
	results.forEach((r) => scanner.collect('parallel after restart', r.items));
	expect(results.map((r) => r.items[0])).toEqual(ids.map(() => expect.objectContaining({ statusCode: 0 })));
	expect(sim.requests().filter((r) => r.method === 'GET' && r.path === '/api/v2/me')).toHaveLength(1);
	await until('all held', () => ids.every((id) => sim.calls('relagent').find((c) => c.id === id)?.state === 'Held'));
	figures.add('faults survived', 1);
});
