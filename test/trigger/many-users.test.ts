/**
 * 100 trigger instances for 100 different users in one process, each with its own CometD client, REST session
 * and Bayeux cookie: every trigger gets its own calls and nothing else, also after all sessions are dropped at
 * once. Then closing them all leaves no timer and no socket behind.
 */
import type { IDataObject } from 'n8n-workflow';

import type { SimUserConfig } from '../../simulator';
import { activateTrigger, type ActiveTrigger } from './harness';
import { lastSeq, useSimulator } from '../helpers/simulator';
import { credentialOf } from '../helpers/users';
import { until } from '../helpers/wait';
import { watchLeftovers } from './leftovers';

const USERS: SimUserConfig[] = Array.from({ length: 100 }, (_, i) => ({
	username: `agent${i + 1}`,
	password: `pw-${i + 1}-secret`,
	phoneNumber: String(16000 + i),
}));

const sim = useSimulator({ users: USERS });

function resources(): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
	return counts;
}

it('100 triggers for 100 users each receive their own calls only, across a drop of every session, and close without leftovers', async () => {
	const before = resources();
	const leftovers = watchLeftovers();
	const triggers: ActiveTrigger[] = [];
	// Activate in parallel, as n8n does at startup with many active workflows.
	triggers.push(
		...(await Promise.all(
			USERS.map((u) =>
				activateTrigger({
					credential: credentialOf(sim.url, u),
					parameters: { events: ['StatusChange'] },
				}),
			),
		)),
	);
	const during = resources();
	// the measure sees our long polls (client and server ends) while the triggers run
	expect(during.TCPSocketWrap ?? 0).toBeGreaterThanOrEqual((before.TCPSocketWrap ?? 0) + 100);
	try {
		const callIds: string[] = [];
		for (const [i, u] of USERS.entries()) {
			callIds.push((await sim.placeInboundCall({ to: u.username, from: `555${String(i).padStart(4, '0')}` })).callId);
		}
		await Promise.all(triggers.map((t) => t.waitForItems(1, 15_000)));
		// Every session dropped at once: all 100 re-handshake, re-subscribe and resync (nothing changed: no item).
		const mark = lastSeq(sim);
		sim.dropCometdSessions();
		// each trigger reads /me/calls once it has re-subscribed
		const resynced = () =>
			new Set(
				sim
					.requests()
					.filter((r) => r.seq > mark && r.path === '/api/v2/me/calls')
					.map((r) => r.username),
			).size;
		await until('every trigger\'s resync', () => resynced() === USERS.length, 15_000).catch(() => undefined);
		expect(resynced()).toBe(USERS.length);
		// A second round to each user, so a misrouted first notification would have had time to show.
		for (const u of USERS) {
			await sim.burst({ user: u.username, count: 1, ratePerSec: 0, notificationType: 'StatusChange' });
		}
		await Promise.all(triggers.map((t) => t.waitForItems(2, 15_000)));
		// A misrouted notification would have reached its trigger before that trigger's marker.
		await Promise.all(triggers.map((t) => t.quiet(sim, 15_000)));
		for (const [i, t] of triggers.entries()) {
			expect(t.items).toHaveLength(2);
			expect(t.items.every((item) => item.phoneNumber === USERS[i].phoneNumber)).toBe(true);
			expect((t.items[0].call as IDataObject).id).toBe(callIds[i]);
			expect(t.errors).toEqual([]);
		}
	} finally {
		await Promise.all(triggers.map((t) => t.close()));
	}
	expect(await leftovers.stop()).toEqual([]);
	// and, counted the plain way (server ends included, which close a moment after ours), no more sockets than
	// before we started
	const sockets = () => resources().TCPSocketWrap ?? 0;
	await until('the sockets closed', () => sockets() <= (before.TCPSocketWrap ?? 0), 2000).catch(() => undefined);
	expect(sockets()).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
}, 60_000);
