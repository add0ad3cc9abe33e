/**
 * DEFECTS the reliability suite found in node code, each as a test of the CORRECT behaviour (the list, with
 * input, observed, expected, suspected place and the fixing commit, is support/defects.ts, rendered into
 * docs/RELIABILITY.md). An OPEN defect's test uses `defect(...)`, declared as
 *   const defect = process.env.REL_RUN_KNOWN_DEFECTS ? it : it.skip;
 * (removed while no defect is open: lint refuses an unused name): skipped so the suite stays green; run them with
 *   REL_RUN_KNOWN_DEFECTS=1 npx jest test/reliability/known-defects.test.ts
 * (an open one fails, which proves it). A FIXED defect's test runs as a plain `it`: a regression test.
 * Fixed: D1-D4, D7, D8 (8ec12c1, limits in nodes/GenesysGws/actions/limits.ts), D5, D6 (ebfbf45), D9 (f796074),
 * D10 (8711189), D11 (e6c18e7).
 * Open: none.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAX_ID_LENGTH } from '../../nodes/shared/limits';
import { NOTIFICATION_CLIENT_DEFAULTS } from '../../nodes/shared/cometd';
import { activateTrigger, restAs } from '../trigger/harness';
import { runNode, type GwsTestCredential } from '../helpers/n8n';
import { FaultyProxy } from './support/proxy';
import { lastSeq, requestsSince, startTestSimulator, type Sim } from '../helpers/simulator';
import { credentialOf, RELAGENT, REL_USERS } from '../helpers/users';
import { until } from '../helpers/wait';

let sim: Sim;
let credential: GwsTestCredential;
beforeAll(async () => {
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, { backoffIncrementMs: 50, maxBackoffMs: 200 });
	sim = await startTestSimulator({ users: REL_USERS });
	credential = credentialOf(sim.url, RELAGENT);
});
afterAll(async () => {
	await sim.close();
});

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

// D1 (bad-input.test.ts): "." and ".." are not encoded by encodeURIComponent, and the URL parser removes dot
// segments (also %2E%2E), so the request goes to ANOTHER resource: callId ".." + Hang Up POSTs
// {"operationName":"Hangup"} to /api/v2/me; deviceId ".." + Dial POSTs {"operationName":"Dial",...} to
// /api/v2/me/calls. Expected: refused before sending, naming the parameter.
describe('D1: dot-segment ids change the request path', () => {
	for (const [param, operation, value] of [
		['callId', 'hangup', '..'],
		['callId', 'hangup', '.'],
		['callId', 'get', '..'],
		['deviceId', 'dial', '..'],
		['otherCallUri', 'swapCalls', '..'],
	] as const) {
		it(`${operation} with ${param} "${value}" is refused naming the parameter, and nothing is sent`, async () => {
			const since = lastSeq(sim);
			const parameters: IDataObject = { resource: 'call', operation, callId: byId('REL-CALL'), destination: '5550100', deviceId: 'REL-DEVICE', otherCallUri: 'REL-OTHER' };
			parameters[param] = param === 'callId' ? byId(value) : value;
			const result = await runNode({ credential, continueOnFail: true, parameters: parameters as never });
			const label = { callId: 'Call', deviceId: 'Device ID', otherCallUri: 'Other Call' }[param];
			expect(String(result.items[0].error)).toContain(`"${label}"`);
			expect(requestsSince(sim, since)).toEqual([]);
		});
	}
});

// D2 (bad-input.test.ts "very long"): no length limit. A 5,000-character Call ID is sent to GWS and the 404
// error message repeats all 5,000 characters. Expected: refused before sending with a message naming "Call"
// (a short excerpt of the value, not all of it).
it('D2: a 5,000-character Call ID is refused naming the parameter, with a short message', async () => {
	const since = lastSeq(sim);
	const result = await runNode({ credential, continueOnFail: true, parameters: { resource: 'call', operation: 'hangup', callId: byId('x'.repeat(5000)) } });
	expect(String(result.items[0].error)).toContain('"Call"');
	expect(String(result.items[0].error).length).toBeLessThan(300);
	expect(requestsSince(sim, since)).toEqual([]);
});

// D3 (bad-input.test.ts "userData too deep"): userData nested 60 levels deep is sent to GWS as is.
// Expected: refused naming "User Data" (GWS user data is key/value pairs, at most a few levels of KVList).
it('D3: userData nested 60 levels deep is refused naming the parameter', async () => {
	let deep: unknown = 'leaf';
	for (let i = 0; i < 60; i++) deep = { k: deep };
	const since = lastSeq(sim);
	const result = await runNode({
		credential,
		continueOnFail: true,
		parameters: { resource: 'call', operation: 'updateUserData', callId: byId('REL-CALL'), userData: '={{ $json.deep }}' },
		items: [{ deep } as IDataObject],
	});
	expect(String(result.items[0].error)).toContain('"User Data"');
	expect(requestsSince(sim, since)).toEqual([]);
});

// D4 (server-faults.test.ts "reset half-way"): a connection reset after the headers and half the body gives
// "The request to GWS at <url> failed (POST ...)" with description "stream has been aborted": no fix. Expected:
// the ECONNRESET wording, "GWS at <url> closed the connection during POST ..." + retry advice.
it('D4: a reset half-way through the response body says the connection was closed and what to do', async () => {
	const proxy = new FaultyProxy(sim.port);
	await proxy.start();
	try {
		const rest = restAs(credential);
		const { callId } = await sim.placeInboundCall({ to: 'relagent', from: '5550100' });
		await rest('POST', `/api/v2/me/calls/${callId}`, { operationName: 'Answer' });
		proxy.decide = (req) => (req.method === 'POST' ? { kind: 'resetMidResponse' } : { kind: 'pass' });
		const result = await runNode({
			credential: credentialOf(proxy.url, RELAGENT),
			continueOnFail: true,
			parameters: { resource: 'call', operation: 'hold', callId: byId(callId) },
		});
		expect(String(result.items[0].error)).toMatch(/closed the connection during POST/);
		expect(String(result.items[0].description)).toMatch(/Retry/);
	} finally {
		await proxy.close();
	}
});

// D5 (cometd-faults.test.ts "malformed"): a long-poll reply holding one Bayeux message without a string
// `channel` (e.g. {"data":{}} or {"channel":42}) next to the /meta/connect reply stalls the trigger: no later
// notification is delivered, nothing is logged, no emitError. Expected: the bad message is skipped (and
// logged) and the stream goes on.
it('D5: a channel-less message in a Bayeux reply does not stop the notifications after it', async () => {
	const proxy = new FaultyProxy(sim.port);
	await proxy.start();
	let heldPolls = 0;
	let inject = false;
	proxy.decide = (req) => {
		if (!req.body.includes('/meta/connect')) return { kind: 'pass' };
		if (!req.body.includes('"timeout":0')) heldPolls++;
		if (!inject) return { kind: 'pass' };
		inject = false;
		return { kind: 'rewrite', body: (original) => JSON.stringify([{ data: { a: 1 } }, ...JSON.parse(original)]) };
	};
	const t = await activateTrigger({ credential: credentialOf(proxy.url, RELAGENT), parameters: { events: ['AttachedDataChanged'] } });
	try {
		await until('a long poll held', () => heldPolls >= 1, 3000);
		inject = true;
		// This burst completes the poll held now; the NEXT poll's reply carries the channel-less message.
		await sim.burst({ user: 'relagent', count: 3, ratePerSec: 0 });
		await until('3 items', () => t.items.length >= 3, 3000);
		await until('the next poll (the one whose reply carries the bad message)', () => !inject, 3000);
		await sim.burst({ user: 'relagent', count: 3, ratePerSec: 0 });
		await until('6 items', () => t.items.length >= 6, 3000);
		expect(t.items).toHaveLength(6);
	} finally {
		await t.close();
		await proxy.close();
	}
});

// D6 (trigger-input.test.ts): the User Data Key filter tests `key in userData`, so a key such as "constructor"
// or "toString" (inherited from Object.prototype) matches EVERY call that has user data. Expected: only calls
// whose user data has that key of their own.
it('D6: a User Data Key filter "constructor" does not match calls without that key', async () => {
	const t = await activateTrigger({ credential, parameters: { events: ['StatusChange'], filters: { userDataKey: 'constructor' } } });
	try {
		await sim.placeInboundCall({ to: 'relagent', from: '5550100', userData: { Other: 'x' } });
		await t.quiet(sim); // the call's notification came before this marker
		expect(t.items).toEqual([]);
	} finally {
		await t.close();
	}
});

// D7: see support/defects.ts.
it('D7: a Base URL with user:password@ is refused, and the password reaches no message', async () => {
	const password = credential.password;
	const result = await runNode({
		credential: { ...credential, baseUrl: `http://relagent:${encodeURIComponent(password)}@127.0.0.1:9` },
		continueOnFail: true,
		parameters: { resource: 'call', operation: 'getAll' },
	});
	const text = JSON.stringify(result.items);
	expect(text).not.toContain(encodeURIComponent(password));
	expect(text).not.toContain(password);
	expect(String(result.items[0].error)).toMatch(/Base URL/);
});

// D8: see support/defects.ts.
it('D8: a Timeout of 3,000,000 s is refused naming the option (or honoured), never an instant timeout', async () => {
	sim.setLatency(200);
	try {
		const result = await runNode({ credential, continueOnFail: true, parameters: { resource: 'call', operation: 'getAll', options: { timeout: 3_000_000 } } });
		const error = String(result.items[0]?.error ?? '');
		if (error) expect(error).toMatch(/"timeout"/);
		else expect(result.status).toBe('success');
	} finally {
		sim.setLatency(0);
	}
});

// D9: see support/defects.ts.
it('D9: a bare Other Call id longer than the id limit is refused naming the parameter', async () => {
	const since = lastSeq(sim);
	const result = await runNode({
		credential,
		continueOnFail: true,
		parameters: { resource: 'call', operation: 'swapCalls', callId: byId('REL-CALL'), otherCallUri: 'x'.repeat(MAX_ID_LENGTH + 1) },
	});
	expect(String(result.items[0].error)).toContain('"Other Call"');
	expect(requestsSince(sim, since)).toEqual([]);
});

// D10: see support/defects.ts.
describe('D10: the trigger refuses a Test Step Timeout out of range', () => {
	for (const value of [3_000_000, 0, -5]) {
		it(`manualTimeout ${value}`, async () => {
			let failure: unknown;
			try {
				const t = await activateTrigger({ credential, mode: 'manual', parameters: { events: ['StatusChange'], options: { manualTimeout: value } } });
				try {
					await t.response.manualTriggerFunction?.();
				} finally {
					await t.close();
				}
			} catch (error) {
				failure = error;
			}
			expect(`${(failure as Error)?.message} ${String((failure as { description?: unknown })?.description)}`).toMatch(/Test Step Timeout/);
			expect((failure as Error)?.message).not.toMatch(/No matching GWS notification arrived/);
		});
	}
});

// D11: see support/defects.ts.
it('D11: a notification whose long-poll reply was cut by the network is still reported (resync)', async () => {
	const proxy = new FaultyProxy(sim.port);
	await proxy.start();
	let heldPolls = 0;
	let armed = false;
	let cut = 0;
	proxy.decide = (req) => {
		if (!req.url.startsWith('/api/v2/notifications') || !req.body.includes('/meta/connect')) return { kind: 'pass' };
		if (!req.body.includes('"timeout":0')) heldPolls++;
		if (!armed || cut > 0) return { kind: 'pass' };
		cut++;
		return { kind: 'resetMidResponse' };
	};
	const t = await activateTrigger({ credential: credentialOf(proxy.url, RELAGENT), parameters: { events: ['StatusChange'] } });
	try {
		await until('a long poll held', () => heldPolls >= 1, 3000);
		// The poll held now was forwarded already; the NEXT one gets its reply cut half-way.
		armed = true;
		const first = await sim.placeInboundCall({ to: 'relagent', from: '5550100' });
		await until('the first call', () => t.items.some((i) => (i.call as IDataObject).id === first.callId), 3000);
		await until('the next poll (the one to cut)', () => cut === 1, 3000);
		const second = await sim.placeInboundCall({ to: 'relagent', from: '5550101' });
		await until('the second call (live or resync)', () => t.items.some((i) => (i.call as IDataObject).id === second.callId), 5000);
		await t.quiet(sim); // a duplicate would be in by now
		const reported = t.items.filter((i) => (i.call as IDataObject).id === second.callId);
		expect(reported).toHaveLength(1);
		// its Ringing was in the cut reply: only the resync after the failed connect can have found it
		expect(reported[0]._gws).toMatchObject({ resync: true, resyncReason: 'new' });
		expect(t.items.filter((i) => (i.call as IDataObject).id === first.callId)).toHaveLength(1);
	} finally {
		await t.close();
		await proxy.close();
	}
});
