/**
 * The one "session refused" rule (nodes/shared/transport/reply.ts sessionRejection) on the CometD path, as on REST
 * (test/reliability/server-faults.test.ts): a Bayeux POST answered 403 "Missing or invalid Csrf token" is a lost
 * session, renewed with a new login and resent once by the shared transport, unseen by the client; a 403 GWS sends
 * for the request itself (statusCode 3) is not a session matter: no new login, an ordinary failed exchange that
 * cometd.js retries, never "lasting at once" as a refused credential is.
 */
import { createNotificationClient, type GwsCometdClient, type NotificationClientStatus } from '../../nodes/shared/cometd';
import { clearGwsSessions } from '../../nodes/shared/transport';
import { FaultyProxy, type ProxiedRequest } from '../reliability/support/proxy';
import { useSimulator } from '../helpers/simulator';
import { contextFor } from './harness';

const sim = useSimulator();
let proxy: FaultyProxy;
let client: GwsCometdClient | undefined;

beforeEach(async () => {
	clearGwsSessions();
	proxy = new FaultyProxy(sim.port);
	await proxy.start();
});
afterEach(async () => {
	await client?.stop();
	client = undefined;
	await proxy.close();
});

/** A client through the proxy whose first handshake POST is answered `status` / `body`; what it saw and sent. */
async function startWithRefusedHandshake(status: number, body: string) {
	const requests: ProxiedRequest[] = [];
	let refused = false;
	proxy.decide = (req) => {
		requests.push(req);
		if (refused || !req.url.startsWith('/api/v2/notifications') || !req.body.includes('/meta/handshake')) return { kind: 'pass' };
		refused = true;
		return { kind: 'respond', status, body };
	};
	const statuses: NotificationClientStatus[] = [];
	const ctx = contextFor({ baseUrl: proxy.url, username: 'agent1', password: 'agent1pass' });
	client = createNotificationClient(ctx, { backoffIncrementMs: 50, maxBackoffMs: 200, onStatus: (s) => statuses.push(s) });
	await client.start();
	const refusedAt = requests.findIndex((r) => r.body.includes('/meta/handshake'));
	const loginsAfter = requests.slice(refusedAt + 1).filter((r) => r.method === 'GET' && r.url === '/api/v2/me').length;
	return { statuses, loginsAfter, handshakes: requests.filter((r) => r.body.includes('/meta/handshake')).length };
}

it('403 "Missing or invalid Csrf token" on a Bayeux POST: a new login and the POST resent, the client sees no failure', async () => {
	const { statuses, loginsAfter, handshakes } = await startWithRefusedHandshake(403, 'Missing or invalid Csrf token');
	expect(loginsAfter).toBe(1);
	expect(handshakes).toBe(2); // the refused one and its resend
	expect(statuses.map((s) => s.state)).toEqual(['subscribed']);
});

it('403 forbidden (statusCode 3) on a Bayeux POST: no new login, one reconnect by cometd.js, not a lasting failure', async () => {
	const { statuses, loginsAfter } = await startWithRefusedHandshake(403, JSON.stringify({ statusCode: 3, statusMessage: 'Forbidden' }));
	expect(loginsAfter).toBe(0);
	expect(statuses.map((s) => s.state)).toEqual(['reconnecting', 'recovered', 'subscribed']);
	expect(statuses[0]).toMatchObject({ cause: 'HTTP 403 from the notification endpoint' });
});
