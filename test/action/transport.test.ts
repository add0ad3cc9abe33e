/**
 * The shared transport called directly inside a real n8n ExecuteContext (the contexts the action node and the
 * "wait for confirmation" CometD client use): raw exchanges for CometD, session info, abort and timeouts.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	checkBaseUrl,
	clearGwsSessions,
	describeTarget,
	getGwsSession,
	gwsApiRequest,
	gwsPath,
	gwsRawRequest,
} from '../../nodes/shared/transport';
import { chain, gwsNode, inputNode, runWorkflow, withExecuteContext } from '../helpers/n8n';
import { agent1, ringingCallOf } from './setup';
import { useSimulator } from '../helpers/simulator';

const sim = useSimulator({ reset: false });
beforeEach(async () => {
	await sim.reset();
	clearGwsSessions();
});

const ringingCall = async () => await ringingCallOf(sim);

describe('gwsRawRequest', () => {
	it('returns non-2xx replies to the caller instead of throwing', async () => {
		const res = await withExecuteContext(agent1(sim), (ctx) =>
			gwsRawRequest.call(ctx, { method: 'GET', url: `${sim.url}/api/v2/me/calls/NOPE` }),
		);
		expect(res.statusCode).toBe(404);
		expect(JSON.parse(res.body)).toMatchObject({ statusCode: 6 });
	});

	it("adds the session cookie and CSRF token, merged with the caller's own Cookie header", async () => {
		const id = await ringingCall();
		const res = await withExecuteContext(agent1(sim), (ctx) =>
			gwsRawRequest.call(ctx, {
				method: 'POST',
				url: `${sim.url}/api/v2/me/calls/${id}`,
				body: JSON.stringify({ operationName: 'Answer' }),
				headers: { 'Content-Type': 'application/json', Cookie: 'BAYEUX_BROWSER=abc' },
			}),
		);
		// CSRF is on: only a request in the session (JSESSIONID + its token) is accepted.
		expect(res.statusCode).toBe(200);
		expect(JSON.parse(res.body)).toEqual({ statusCode: 0 });
	});

	it('stops a hanging request when the caller aborts', async () => {
		sim.injectFault({ count: 1, status: 200, mode: 'hang', pathPrefix: '/api/v2/me/calls' });
		const started = Date.now();
		const error = await withExecuteContext(agent1(sim), async (ctx) => {
			await getGwsSession.call(ctx);
			const controller = new AbortController();
			setTimeout(() => controller.abort(), 100);
			return await gwsRawRequest
				.call(ctx, {
					method: 'GET',
					url: `${sim.url}/api/v2/me/calls`,
					timeoutMs: 60_000,
					abortSignal: controller.signal,
				})
				.then(
					() => undefined,
					(e: Error) => e,
				);
		});
		expect(error?.name).toBe('AbortError');
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('gives up after timeoutMs with a clear error', async () => {
		sim.injectFault({ count: 1, status: 200, mode: 'hang', pathPrefix: '/api/v2/me/calls' });
		const error = await withExecuteContext(agent1(sim), async (ctx) => {
			await getGwsSession.call(ctx);
			return await gwsRawRequest
				.call(ctx, { method: 'GET', url: `${sim.url}/api/v2/me/calls`, timeoutMs: 300 })
				.then(
					() => undefined,
					(e: Error) => e,
				);
		});
		expect(error?.message).toBe(
			`GWS at ${sim.url} did not answer GET /api/v2/me/calls within 0.3 s`,
		);
	});
});

describe('getGwsSession', () => {
	it('returns the cookie and CSRF header for CometD, and a new session when asked to renew', async () => {
		const [first, again, renewed] = await withExecuteContext(agent1(sim), async (ctx) => [
			await getGwsSession.call(ctx),
			await getGwsSession.call(ctx),
			await getGwsSession.call(ctx, true),
		]);
		expect(first.baseUrl).toBe(sim.url);
		expect(first.cookieHeader).toMatch(/JSESSIONID=/);
		expect(first.csrfHeaderName).toBe('X-CSRF-TOKEN');
		expect(first.csrfToken).toBeTruthy();
		expect(again).toEqual(first);
		expect(renewed.cookieHeader).not.toBe(first.cookieHeader);
		const logins = sim.requests().filter((r) => r.method === 'GET' && r.path === '/api/v2/me');
		expect(logins).toHaveLength(2);
	});

	it('normalizes a Base URL with a trailing slash and /api/v2', async () => {
		const info = await withExecuteContext(
			{ ...agent1(sim), baseUrl: `${sim.url}/api/v2/` },
			(ctx) => getGwsSession.call(ctx),
		);
		expect(info.baseUrl).toBe(sim.url);
	});
});

describe('gwsApiRequest', () => {
	it('sends the query string and encodes ids with gwsPath', async () => {
		const id = await ringingCall();
		const response = await withExecuteContext(agent1(sim), (ctx) =>
			gwsApiRequest.call(ctx, {
				method: 'GET',
				path: gwsPath`/api/v2/me/calls/${id}`,
				qs: { fields: '*', empty: '' },
			}),
		);
		expect((response.call as IDataObject).id).toBe(id);
		const get = sim
			.requests()
			.filter((r) => r.method === 'GET' && r.path === `/api/v2/me/calls/${id}`)[0];
		expect(get.url).toBe(`/api/v2/me/calls/${id}?fields=*`); // the empty parameter is left out
	});

	it('gwsPath refuses "." and ".." ids (the URL parser would drop them as dot segments), encodes the rest', () => {
		expect(() => gwsPath`/api/v2/me/calls/${'..'}`).toThrow('an id cannot be "." or ".."');
		expect(() => gwsPath`/api/v2/me/devices/${'.'}/calls`).toThrow('an id cannot be "." or ".."');
		expect(gwsPath`/api/v2/me/calls/${'../x'}`).toBe('/api/v2/me/calls/..%2Fx');
		expect(gwsPath`/api/v2/me/calls/${'%2e%2e'}`).toBe('/api/v2/me/calls/%252e%252e');
	});

	it('a Base URL with user:password@ is refused, and an unusable one never echoes what precedes "@"', () => {
		expect(checkBaseUrl('http://agent1:s3cret@gws.example.com')).toEqual({
			problem: 'Base URL must not contain a username or password (user:password@host)',
			fix: expect.stringContaining('Username and Password fields'),
		});
		const invalid = checkBaseUrl('http://agent1:s3c ret/x@gws example');
		expect(JSON.stringify(invalid)).not.toContain('s3c');
		expect(invalid).toMatchObject({ problem: 'Base URL "http://***@gws example" is not a valid URL' });
		const scheme = checkBaseUrl('ftp://agent1:s3cret@gws.example.com');
		expect(JSON.stringify(scheme)).not.toContain('s3cret');
	});

	it('error messages show an excerpt of a long id, not all of it', () => {
		const target = describeTarget(gwsPath`/api/v2/me/calls/${'y'.repeat(1000)}`);
		expect(target).toBe(`call "${'y'.repeat(77)}..."`);
	});

	it('two parallel first requests share one login', async () => {
		await withExecuteContext(agent1(sim), (ctx) =>
			Promise.all([
				gwsApiRequest.call(ctx, { method: 'GET', path: '/api/v2/me/calls' }),
				gwsApiRequest.call(ctx, { method: 'GET', path: '/api/v2/me/devices' }),
			]),
		);
		expect(
			sim.requests().filter((r) => r.method === 'GET' && r.path === '/api/v2/me'),
		).toHaveLength(1);
	});
});

describe('session cache key', () => {
	it('two n8n credentials of the same GWS user do not share a session (no riding on another login)', async () => {
		const cred = { baseUrl: sim.url, username: 'agent1', password: 'agent1pass' };
		const result = await runWorkflow({
			nodes: [
				inputNode([{}]),
				gwsNode(
					'First',
					{ resource: 'agent', operation: 'getDevices' },
					{ credentials: { genesysGwsApi: { id: 'x', name: 'x' } } },
				),
				gwsNode(
					'Second',
					{ resource: 'agent', operation: 'getDevices' },
					{ credentials: { genesysGwsApi: { id: 'y', name: 'y' } } },
				),
				gwsNode(
					'First Again',
					{ resource: 'agent', operation: 'getDevices' },
					{ credentials: { genesysGwsApi: { id: 'x', name: 'x' } } },
				),
			],
			connections: chain('Input', 'First', 'Second', 'First Again'),
			credentials: { x: cred, y: cred },
		});
		expect(result.status).toBe('success');
		expect(
			sim.requests().filter((r) => r.method === 'GET' && r.path === '/api/v2/me'),
		).toHaveLength(2);
	});
});
