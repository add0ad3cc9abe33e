/**
 * Every error the issue lists, through real n8n executions: the message names the parameter / value / call /
 * base URL and the fix; nothing secret reaches the error or the output; Continue On Fail keeps going.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { inspect } from 'util';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	callRef,
	runNode,
	testCredential,
	type GwsTestCredential,
	type NodeResult,
} from '../helpers/n8n';
import { selfSignedCertificate } from '../helpers/tls';
import { agent1, lastSeq, leakedSecrets, ringingCallOf } from './setup';
import { useSimulator } from '../helpers/simulator';
import { clearGwsSessions } from '../../nodes/shared/transport';

const sim = useSimulator();

const ringingCall = async () => await ringingCallOf(sim);

async function fails(
	parameters: INodeParameters,
	credential: GwsTestCredential = agent1(sim),
): Promise<NonNullable<NodeResult['error']>> {
	const result = await runNode({ credential, parameters });
	expect(result.status).toBe('error');
	expect(result.error).toBeDefined();
	const serialized = [
		JSON.stringify(result.error),
		inspect(result.error, { depth: 6 }),
		JSON.stringify(result.items),
	].join('\n');
	expect(leakedSecrets(serialized, credential.password)).toEqual([]);
	return result.error!;
}

const postsSince = (seq: number) =>
	sim.requests().filter((r) => r.seq > seq && r.method === 'POST');

describe('bad input (nothing is sent)', () => {
	it('a missing required parameter names it and the fix', async () => {
		const id = await ringingCall();
		const seq = lastSeq(sim);
		const error = await fails({
			resource: 'call',
			operation: 'singleStepTransfer',
			callId: callRef(id),
			destination: '  ',
		});
		expect(error.message).toBe(
			'Parameter "Destination" is required for "Single Step Transfer" but is empty',
		);
		expect(error.description).toContain('phone number');
		expect(postsSince(seq)).toEqual([]);
	});

	it('a blank call id', async () => {
		const error = await fails({ resource: 'call', operation: 'hold', callId: callRef(' ') });
		expect(error.message).toBe('Parameter "Call" is required for "Hold" but is empty');
	});

	it.each([
		['[1, 2]', 'must be a JSON object of key/value pairs, but got an array ([1,2])'],
		['"text"', 'must be a JSON object of key/value pairs, but got string text'],
		['{"CaseNumber": ', 'is not valid JSON: {"CaseNumber":'],
		['={{ 42 }}', 'must be a JSON object of key/value pairs, but got number 42'],
	])('userData %s is refused', async (userData, expected) => {
		const id = await ringingCall();
		const seq = lastSeq(sim);
		const error = await fails({
			resource: 'call',
			operation: 'attachUserData',
			callId: callRef(id),
			userData,
		});
		expect(error.message).toContain('Parameter "User Data" of "Attach User Data" ');
		expect(error.message).toContain(expected);
		expect(postsSince(seq)).toEqual([]);
	});

	it('a user data pair without a key', async () => {
		const id = await ringingCall();
		const error = await fails({
			resource: 'call',
			operation: 'attachUserData',
			callId: callRef(id),
			userDataInput: 'fields',
			userDataFields: {
				pair: [
					{ key: 'A', value: '1' },
					{ key: ' ', value: '2' },
				],
			},
		});
		expect(error.message).toBe('User Data Fields of "Attach User Data": pair 2 has no key');
	});

	it('empty userData for an operation that needs it', async () => {
		const id = await ringingCall();
		const error = await fails({
			resource: 'call',
			operation: 'updateUserData',
			callId: callRef(id),
			userData: '{}',
		});
		expect(error.message).toBe('Parameter "User Data" of "Update User Data" is empty');
	});

	it('digits other than 0-9, * and #', async () => {
		const id = await ringingCall();
		const error = await fails({
			resource: 'call',
			operation: 'sendDtmf',
			callId: callRef(id),
			digits: '12a',
		});
		expect(error.message).toBe('Parameter "Digits" may contain only 0-9, * and #, but is "12a"');
	});

	it('an unknown agent state (from an expression) lists the valid ones', async () => {
		const error = await fails({
			resource: 'agent',
			operation: 'setState',
			agentState: '={{ "Busy" }}',
		});
		expect(error.message).toBe('Parameter "State" has an unknown value "Busy"');
		expect(error.description).toBe('Use one of: Ready, NotReady, AfterCallWork.');
	});

	it('a timeout option that is not a positive number', async () => {
		const error = await fails({
			resource: 'call',
			operation: 'getAll',
			options: { timeout: '={{ -1 }}' },
		});
		expect(error.message).toBe(
			'Option "timeout" must be a number of seconds above 0 and at most 2147483, but is "-1"',
		);
	});

	it('a timeout above what Node.js timers can run is refused, not turned into an instant timeout', async () => {
		const seq = lastSeq(sim);
		const error = await fails({ resource: 'call', operation: 'getAll', options: { timeout: 2147484 } });
		expect(error.message).toBe(
			'Option "timeout" must be a number of seconds above 0 and at most 2147483, but is "2147484"',
		);
		expect(sim.requests().filter((r) => r.seq > seq)).toEqual([]);
	});

	it('a Base URL that is not a URL', async () => {
		const error = await fails(
			{ resource: 'call', operation: 'getAll' },
			{ baseUrl: 'gws.example.com', username: 'agent1', password: 'agent1pass' },
		);
		expect(error.message).toBe('Base URL "gws.example.com" is not a valid URL');
	});

	it('a Base URL with user:password@ is refused without echoing the password', async () => {
		const credential = { ...agent1(sim), baseUrl: sim.url.replace('//', '//agent1:agent1pass@') };
		const seq = lastSeq(sim);
		const error = await fails({ resource: 'call', operation: 'getAll' }, credential);
		expect(error.message).toBe('Base URL must not contain a username or password (user:password@host)');
		expect(error.description).toContain('Username and Password fields');
		expect(sim.requests().filter((r) => r.seq > seq)).toEqual([]);
	});
});

describe('limits and dot segments (nothing is sent)', () => {
	const nothingSentSince = (seq: number) => expect(sim.requests().filter((r) => r.seq > seq)).toEqual([]);

	it('"." and ".." as Call, Device ID or Other Call (also inside a call URI) are refused by name', async () => {
		const seq = lastSeq(sim);
		const cases: Array<[INodeParameters, string]> = [
			[{ resource: 'call', operation: 'hangup', callId: callRef('..') }, 'Parameter "Call" of "Hang Up" cannot be ".."'],
			[{ resource: 'call', operation: 'get', callId: callRef('/api/v2/me/calls/%2E%2E') }, 'Parameter "Call" of "Get" cannot be ".."'],
			[{ resource: 'call', operation: 'dial', deviceId: '.', destination: '15001' }, 'Parameter "Device ID" of "Dial" cannot be "."'],
			[
				{ resource: 'call', operation: 'swapCalls', callId: callRef('A'), otherCallUri: `${sim.url}/api/v2/me/calls/%2e%2e` },
				'Parameter "Other Call" of "Swap Calls" cannot be',
			],
		];
		for (const [parameters, message] of cases) {
			const error = await fails(parameters);
			expect(error.message).toContain(message);
			expect(error.message).toContain('another GWS resource');
		}
		nothingSentSince(seq);
	});

	it('a 5,000-character Call ID is refused with an excerpt, not the whole value', async () => {
		const seq = lastSeq(sim);
		const error = await fails({ resource: 'call', operation: 'hold', callId: callRef('x'.repeat(5000)) });
		expect(error.message).toBe(`Parameter "Call" of "Hold" is too long: 5000 characters ("${'x'.repeat(37)}...")`);
		expect(error.description).toContain('at most 256 characters');
		nothingSentSince(seq);
	});

	it('a bare Other Call id is held to the id limit (256), a call URI to the URI limit (2,048)', async () => {
		const seq = lastSeq(sim);
		const swap = (otherCallUri: string) => ({ resource: 'call', operation: 'swapCalls', callId: callRef('A'), otherCallUri });
		const bare = await fails(swap('o'.repeat(257)));
		expect(bare.message).toMatch(/^Parameter "Other Call" of "Swap Calls" is too long: 257 characters/);
		expect(bare.description).toContain('at most 256 characters');
		const uri = await fails(swap(`${sim.url}/api/v2/me/calls/${'o'.repeat(2048)}`));
		expect(uri.description).toContain('at most 2048 characters');
		nothingSentSince(seq);
	});

	it('a 300-character destination is refused; 256 is accepted', async () => {
		const seq = lastSeq(sim);
		const error = await fails({ resource: 'call', operation: 'dial', destination: '1'.repeat(300) });
		expect(error.message).toMatch(/^Parameter "Destination" of "Dial" is too long: 300 characters/);
		nothingSentSince(seq);
		const ok = await runNode({ credential: agent1(sim), parameters: { resource: 'call', operation: 'dial', destination: '1'.repeat(256) } });
		expect(ok.status).toBe('success');
	});

	it('user data: 5 levels pass, 6 are refused; so are a 257-character key and more than 32,768 characters', async () => {
		const id = await ringingCall();
		const nest = (levels: number) => {
			let value: unknown = 'leaf';
			for (let i = 0; i < levels; i++) value = { k: value };
			return value as IDataObject;
		};
		const attach = (userData: IDataObject) => ({
			resource: 'call',
			operation: 'attachUserData',
			callId: callRef(id),
			userData: JSON.stringify(userData),
		});
		const seq = lastSeq(sim);
		const tooDeep = await fails(attach(nest(6)));
		expect(tooDeep.message).toBe('Parameter "User Data" of "Attach User Data" is nested too deeply (more than 5 levels of objects)');
		const longKey = await fails(attach({ ['k'.repeat(257)]: 'v' }));
		expect(longKey.message).toMatch(/^Parameter "User Data" of "Attach User Data" has a key of 257 characters: "k{37}\.\.\."$/);
		const tooLarge = await fails(attach({ Notes: 'n'.repeat(40_000) }));
		expect(tooLarge.message).toMatch(/^Parameter "User Data" of "Attach User Data" is too large: 40012 characters as JSON/);
		expect(tooLarge.message.length).toBeLessThan(200);
		nothingSentSince(seq);
		const ok = await runNode({ credential: agent1(sim), parameters: attach(nest(5)) });
		expect(ok.status).toBe('success');
		expect(sim.requests().filter((r) => r.seq > seq).map((r) => r.body)).toContainEqual({ operationName: 'AttachUserData', userData: nest(5) });
	});
});

describe('GWS refuses', () => {
	it('an unknown call (404 / statusCode 6) names the call id', async () => {
		const error = await fails({
			resource: 'call',
			operation: 'hold',
			callId: callRef('NO-SUCH-CALL'),
		});
		expect(error.message).toBe(
			'Unknown call "NO-SUCH-CALL": GWS has no such call for user "agent1"',
		);
		expect((error as { httpCode?: string }).httpCode).toBe('404');
	});

	it('a call reference that is neither an id nor a call URI or path is refused before any request', async () => {
		for (const reference of ['../devices/dev-1', '../x/y?z=1#frag', 'a?operationName=Hangup', 'a#frag']) {
			const seq = lastSeq(sim);
			const error = await fails({ resource: 'call', operation: 'hold', callId: callRef(reference) });
			expect(error.message).toBe(`Parameter "Call" of "Hold" is neither a call ID nor a call URI: "${reference}"`);
			expect(sim.requests().filter((r) => r.seq > seq)).toEqual([]);
		}
		// A device URI is not a call either (Other Call takes call URIs only).
		const seq = lastSeq(sim);
		const other = await fails({
			resource: 'call',
			operation: 'swapCalls',
			callId: callRef('C1'),
			otherCallUri: `${sim.url}/api/v2/devices/dev-1`,
		});
		expect(other.message).toBe(`Parameter "Other Call" of "Swap Calls" is not a call URI: "${sim.url}/api/v2/devices/dev-1"`);
		expect(sim.requests().filter((r) => r.seq > seq)).toEqual([]);
	});

	it('ids are URL-encoded: characters a path would take differently reach GWS as one segment', async () => {
		const seq = lastSeq(sim);
		const error = await fails({ resource: 'call', operation: 'hold', callId: callRef('a b%c"ü') });
		expect(error.message).toContain('Unknown call "a b%c"ü"');
		const sent = sim.requests().filter((r) => r.seq > seq && r.method === 'POST');
		expect(sent.map((r) => r.url)).toEqual(['/api/v2/me/calls/a%20b%25c%22%C3%BC']);
	});

	it("a call's uri or path given as Call addresses that call", async () => {
		for (const reference of [`${sim.url}/api/v2/me/calls/NO-SUCH`, '/api/v2/me/calls/NO-SUCH', '/calls/NO-SUCH']) {
			const seq = lastSeq(sim);
			const error = await fails({ resource: 'call', operation: 'hold', callId: callRef(reference) });
			expect(error.message).toContain('Unknown call "NO-SUCH"');
			const sent = sim.requests().filter((r) => r.seq > seq && r.method === 'POST');
			expect(sent.map((r) => r.url)).toEqual(['/api/v2/me/calls/NO-SUCH']);
		}
	});

	it('an operation refused for the call state shows statusCode and statusMessage', async () => {
		const id = await ringingCall();
		const error = await fails({ resource: 'call', operation: 'hold', callId: callRef(id) });
		expect(error.message).toMatch(
			new RegExp(`^GWS refused Hold on call "${id}": .+ \\(statusCode 2\\)$`),
		);
		expect(error.description).toContain(
			'statusCode 2 means "a parameter is not valid for the current state"',
		);
	});

	it('HTTP 200 with a non-zero statusCode is a failure', async () => {
		const id = await ringingCall();
		sim.injectFault({
			count: 1,
			status: 200,
			body: { statusCode: 4, statusMessage: 'Voice service is not available at this time' },
			method: 'POST',
		});
		const error = await fails({ resource: 'call', operation: 'answer', callId: callRef(id) });
		expect(error.message).toBe(
			`GWS refused Answer on call "${id}": Voice service is not available at this time (statusCode 4)`,
		);
	});

	it('HTTP 5xx with statusCode 0 is a failure', async () => {
		const id = await ringingCall();
		sim.injectFault({ count: 1, status: 503, body: { statusCode: 0 }, method: 'POST' });
		const error = await fails({ resource: 'call', operation: 'answer', callId: callRef(id) });
		expect(error.message).toBe(`GWS failed Answer on call "${id}" with HTTP 503`);
	});

	it('a non-JSON reply (secrets echoed in it are scrubbed)', async () => {
		sim.injectFault({
			count: 1,
			status: 200,
			body: '<html>Proxy login. Authorization: Basic YWdlbnQxOmFnZW50MXBhc3M= JSESSIONID=abc123</html>',
			method: 'GET',
			pathPrefix: '/api/v2/me/calls',
		});
		const error = await fails({ resource: 'call', operation: 'getAll' });
		expect(error.message).toContain(
			'GWS sent a reply that is not JSON for GET /api/v2/me/calls (HTTP 200',
		);
		expect(error.description).toContain('It starts with: "<html>Proxy login. [redacted header]');
	});

	it('401: wrong password says to check username and password', async () => {
		const error = await fails(
			{ resource: 'call', operation: 'getAll' },
			{ baseUrl: sim.url, username: 'agent1', password: 'wrong-secret' },
		);
		expect(error.message).toBe(`GWS rejected the login of user "agent1" at ${sim.url} (HTTP 401)`);
		expect(error.description).toContain('check username and password');
	});
});

describe('one reply rule for operations, the login and the credential test', () => {
	// GWS status codes are numbers and only 0 means success; a statusCode that is not a number (a proxy or
	// another service answering JSON) is a failure for every caller of judgeGwsReply, not a success for one.
	const notGws = { statusCode: 'OK', statusMessage: 'fine' };

	it('an operation answered 200 with a non-numeric statusCode fails', async () => {
		const id = await ringingCall();
		sim.injectFault({ count: 1, status: 200, body: notGws, method: 'POST' });
		const error = await fails({ resource: 'call', operation: 'answer', callId: callRef(id) });
		expect(error.message).toBe(
			`GWS answered Answer on call "${id}" with statusCode "OK", which is not a GWS status code (HTTP 200)`,
		);
		expect(sim.calls('agent1').find((c) => c.id === id)?.state).toBe('Ringing');
	});

	it('a login answered 200 with a non-numeric statusCode fails (no session is kept)', async () => {
		clearGwsSessions();
		sim.injectFault({ count: 1, status: 200, body: notGws, method: 'GET', pathPrefix: '/api/v2/me' });
		const error = await fails({ resource: 'call', operation: 'getAll' });
		expect(error.message).toContain('statusCode "OK", which is not a GWS status code (HTTP 200)');
		expect(error.message).toContain('/api/v2/me');
		// The next run logs in again and works.
		const result = await runNode({ credential: agent1(sim), parameters: { resource: 'call', operation: 'getAll' } });
		expect(result.status).toBe('success');
	});

	it('the credential test answered 200 with a non-numeric statusCode says Error', async () => {
		sim.injectFault({ count: 1, status: 200, body: notGws, method: 'GET', pathPrefix: '/api/v2/me' });
		const result = await testCredential(agent1(sim));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('statusCode "OK", which is not a GWS status code');
	});
});

describe('cannot reach GWS', () => {
	it('connection refused names the base URL', async () => {
		const server = http.createServer();
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const port = (server.address() as AddressInfo).port;
		await new Promise((r) => server.close(r));
		const baseUrl = `http://127.0.0.1:${port}`;
		const error = await fails(
			{ resource: 'call', operation: 'getAll' },
			{ baseUrl, username: 'agent1', password: 'agent1pass' },
		);
		expect(error.message).toBe(
			`Could not connect to GWS at ${baseUrl}: the connection was refused`,
		);
		expect(error.description).toContain('Check Base URL');
	});

	it('a timeout names the request and the limit', async () => {
		clearGwsSessions(); // the login is the request that times out
		sim.setLatency(1500);
		const error = await fails({ resource: 'call', operation: 'getAll', options: { timeout: 0.5 } });
		expect(error.message).toBe(`GWS at ${sim.url} did not answer GET /api/v2/me within 0.5 s`);
		sim.setLatency(0);
	});

	describe('TLS', () => {
		const tlsSim = useSimulator({ tls: selfSignedCertificate(), reset: false });

		it('a self-signed certificate is refused with the fix', async () => {
			expect(tlsSim.url).toMatch(/^https:/);
			const error = await fails(
				{ resource: 'call', operation: 'getAll' },
				{ baseUrl: tlsSim.url, username: 'agent1', password: 'agent1pass' },
			);
			expect(error.message).toBe(`The TLS certificate of ${tlsSim.url} was not accepted`);
			expect(error.description).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
			expect(error.description).toContain('Ignore SSL Issues');
		});

		it('the credential test says the same, and passes with allowUnauthorizedCerts', async () => {
			const cred = { baseUrl: tlsSim.url, username: 'agent1', password: 'agent1pass' };
			const refused = await testCredential(cred);
			expect(refused.status).toBe('Error');
			expect(refused.message).toContain(`The TLS certificate of ${tlsSim.url} was not accepted`);
			expect(refused.message).toContain('Ignore SSL Issues');
			expect((await testCredential({ ...cred, allowUnauthorizedCerts: true })).status).toBe('OK');
		});

		it('works with allowUnauthorizedCerts', async () => {
			const result = await runNode({
				credential: {
					baseUrl: tlsSim.url,
					username: 'agent1',
					password: 'agent1pass',
					allowUnauthorizedCerts: true,
				},
				parameters: { resource: 'agent', operation: 'getDevices' },
			});
			expect(result.status).toBe('success');
			expect(result.items[0]).toMatchObject({ phoneNumber: '15000' });
		});
	});
});

describe('Continue On Fail', () => {
	it('a failing item becomes an error item; the others still run, paired items kept', async () => {
		const a = await ringingCall();
		const b = await ringingCall();
		const result = await runNode({
			credential: agent1(sim),
			continueOnFail: true,
			items: [{ id: a }, { id: 'GONE' }, { id: b }],
			parameters: { resource: 'call', operation: 'answer', callId: callRef('={{ $json.id }}') },
		});
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(3);
		expect(result.items[0]).toMatchObject({ callId: a, statusCode: 0 });
		expect(result.items[1]).toEqual({
			error: 'Unknown call "GONE": GWS has no such call for user "agent1"',
			description: expect.stringContaining('Get Many'),
		});
		expect(result.items[2]).toMatchObject({ callId: b, statusCode: 0 });
		expect(result.output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(leakedSecrets(JSON.stringify(result.output), 'agent1pass')).toEqual([]);
	});

	it('without it, the execution stops at the failing item and names it', async () => {
		const a = await ringingCall();
		const result = await runNode({
			credential: agent1(sim),
			items: [{ id: a }, { id: 'GONE' }],
			parameters: { resource: 'call', operation: 'answer', callId: callRef('={{ $json.id }}') },
		});
		expect(result.status).toBe('error');
		expect((result.error?.context as IDataObject).itemIndex).toBe(1);
	});
});

describe('secrets', () => {
	it('outputs and errors of a whole session never carry the password, Authorization or the session cookie', async () => {
		const id = await ringingCall();
		const ok = await runNode({
			credential: agent1(sim),
			parameters: {
				resource: 'call',
				operation: 'answer',
				callId: callRef(id),
				options: { includeCall: true },
			},
		});
		expect(ok.status).toBe('success');
		expect(leakedSecrets(JSON.stringify(ok.run.data), 'agent1pass')).toEqual([]);
		// GWS did get the session: cookie and CSRF header on the POST.
		const post = sim
			.requests()
			.filter((r) => r.method === 'POST')
			.pop()!;
		expect(String(post.headers.cookie ?? '')).not.toBe('');
		expect(Object.keys(post.headers).map((h) => h.toLowerCase())).toContain('x-csrf-token');
	});
});
