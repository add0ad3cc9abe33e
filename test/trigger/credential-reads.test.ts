/**
 * The trigger reads (decrypts) its credential once per activation, not on every Bayeux exchange (n8n's
 * getCredentials decrypts it each time: ~3 ms per call of a flow in the real n8n's profile, README "Performance"),
 * and again only after GWS refused the login, so a password corrected meanwhile is picked up.
 */
import { NOTIFICATION_CLIENT_DEFAULTS } from '../../nodes/shared/cometd';
import { useSimulator } from '../helpers/simulator';
import { until } from '../helpers/wait';
import { activateTrigger, type ActiveTrigger } from './harness';

const sim = useSimulator();
const open: ActiveTrigger[] = [];
const savedDefaults = { ...NOTIFICATION_CLIENT_DEFAULTS };

beforeAll(() => {
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, { backoffIncrementMs: 50, maxBackoffMs: 200, failureAfterMs: 300 });
});
afterEach(async () => {
	await Promise.all(open.splice(0).map((t) => t.close()));
});
afterAll(() => {
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, savedDefaults);
});

async function activate(): Promise<ActiveTrigger> {
	const t = await activateTrigger({
		credential: { baseUrl: sim.url, username: 'agent1', password: 'agent1pass' },
		parameters: { events: ['StatusChange'] },
	});
	open.push(t);
	return t;
}

it('reads the credential once for an activation, however many exchanges and notifications follow', async () => {
	const t = await activate();
	for (let i = 0; i < 5; i++) await sim.placeInboundCall({ to: 'agent1', from: `555000${i}` });
	await t.waitForItems(5);
	// A dropped CometD session: re-handshake and resync, still with the credential already read.
	sim.dropCometdSessions();
	await sim.placeInboundCall({ to: 'agent1', from: '5550009' });
	await t.waitForItems(6);
	// Every REST request and Bayeux exchange was authenticated with it.
	expect(t.credentials.authenticated.length).toBeGreaterThan(10);
	expect(t.credentials.decrypts).toBe(1);
});

it('reads it again after GWS refused the login, so a corrected password is used', async () => {
	const t = await activate();
	await sim.placeInboundCall({ to: 'agent1', from: '5551000' });
	await t.waitForItems(1);
	// The user changes the password to a wrong one in n8n: nothing reads it while GWS accepts the requests.
	t.credentials.update('cred-1', { password: 'wrong' });
	await sim.placeInboundCall({ to: 'agent1', from: '5551002' });
	await t.waitForItems(2);
	expect(t.credentials.decrypts).toBe(1);
	// Then GWS refuses a request (as after a password change on its side): the trigger reads the credential again
	// and logs in with what it now holds, which GWS refuses too ...
	sim.injectFault({ count: 1, status: 401, pathPrefix: '/api/v2/me/calls' });
	sim.dropCometdSessions();
	await until('the refused login', () => sim.requests().some((r) => r.path === '/api/v2/me' && r.status === 401));
	expect(t.credentials.decrypts).toBeGreaterThan(1);
	// ... and once GWS restarts, the notification connection needs that login too: a lasting failure, at once.
	await sim.stop();
	await sim.start();
	const error = await t.waitForError(10_000);
	expect(error.message).toMatch(/credential|username and password/i);
	expect(error.message).not.toContain('wrong');
	const readsWhileRefused = t.credentials.decrypts;
	expect(readsWhileRefused).toBeGreaterThan(1);
	// Corrected: the next attempt reads it again and the trigger is back without a new activation.
	t.credentials.update('cred-1', { password: 'agent1pass' });
	const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551001' });
	await t.waitForItems(3, 15_000);
	expect(t.items.some((i) => (i.call as { id?: string }).id === callId)).toBe(true);
});
