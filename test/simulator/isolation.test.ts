/** Per-user delivery: 100 users in one simulator, each CometD session sees only its own user's notifications. */
import type { SimUserConfig } from '../../simulator/api';
import { CometdSubscriber } from './helpers';
import { useSimulator } from '../helpers/simulator';

const USERS: SimUserConfig[] = Array.from({ length: 100 }, (_, i) => ({
	username: `user${i}`,
	password: `pass${i}`,
	phoneNumber: String(20000 + i),
}));

// Declared before useSimulator(): jest runs afterAll hooks in order, and these need the simulator running.
afterAll(async () => {
	await CometdSubscriber.stopAll();
	await Promise.all(subs.map((s) => s.stop()));
});
const sim = useSimulator({ users: USERS, reset: false });
const subs: CometdSubscriber[] = [];

beforeAll(async () => {
	for (let i = 0; i < USERS.length; i += 20) {
		const batch = USERS.slice(i, i + 20).map((u) => new CometdSubscriber(sim.url, { username: u.username, password: u.password }));
		await Promise.all(batch.map((s) => s.start(10000)));
		subs.push(...batch);
	}
}, 60000);

test('an inbound call to each of 100 users reaches only that user', async () => {
	const placed = await Promise.all(USERS.map((u) => sim.placeInboundCall({ to: u.username, from: '5551234' })));
	await Promise.all(subs.map((s, i) => s.waitFor((n) => n.data.call?.id === placed[i].callId, 10000, 0)));
	// Anything sent to the wrong user would be there before that user's marker.
	await Promise.all(subs.map((s) => s.flush(10000)));
	subs.forEach((s, i) => {
		const calls = s.notifications.filter((n) => n.channel === '/v2/me/calls');
		expect(calls.map((n) => [n.data.phoneNumber, n.data.call.id])).toEqual([[USERS[i].phoneNumber, placed[i].callId]]);
	});
}, 30000);

test('a burst to one user is not seen by the others', async () => {
	const counts = subs.map((s) => s.notifications.length);
	await sim.burst({ user: 'user7', count: 200, ratePerSec: 0 });
	await subs[7].waitForCount(200, counts[7]);
	await Promise.all(subs.map((s) => s.flush(10000)));
	subs.forEach((s, i) => {
		if (i !== 7) expect(s.notifications.length).toBe(counts[i]);
	});
});
