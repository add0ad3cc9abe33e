/** Shared helpers for the action-node suites (the simulator itself: test/helpers/simulator.ts useSimulator()). */
import type { RunningSimulator } from '../../simulator/api';
import type { GwsTestCredential } from '../helpers/n8n';

export function agent1(sim: RunningSimulator): GwsTestCredential {
	return { baseUrl: sim.url, username: 'agent1', password: 'agent1pass' };
}

export function agent2(sim: RunningSimulator): GwsTestCredential {
	return { baseUrl: sim.url, username: 'agent2', password: 'agent2pass' };
}

/** The POST bodies the simulator received on a path (in order), optionally only since `since` (a seq). */
export function postedBodies(sim: RunningSimulator, path: string, since = 0): unknown[] {
	return sim
		.requests()
		.filter((r) => r.seq > since && r.method === 'POST' && r.path === path)
		.map((r) => r.body);
}

export function lastSeq(sim: RunningSimulator): number {
	const all = sim.requests();
	return all.length ? all[all.length - 1].seq : 0;
}

/** Polls the simulator's own view until `check` holds (notifications are asynchronous). */
export async function eventually<T>(
	read: () => T,
	check: (value: T) => boolean,
	timeoutMs = 3000,
): Promise<T> {
	const start = Date.now();
	for (;;) {
		const value = read();
		if (check(value)) return value;
		if (Date.now() - start > timeoutMs)
			throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** Secrets that must never appear in errors or outputs. */
export function leakedSecrets(serialized: string, password: string): string[] {
	const found: string[] = [];
	if (serialized.includes(password)) found.push('password');
	if (/authorization/i.test(serialized)) found.push('Authorization');
	if (/basic [a-z0-9+/=]{6,}/i.test(serialized)) found.push('Basic credentials');
	if (/JSESSIONID/i.test(serialized)) found.push('JSESSIONID');
	return found;
}

/** An inbound call from 5551234 ringing at agent1; resolves with its id once the simulator shows it Ringing. */
export async function ringingCallOf(sim: RunningSimulator): Promise<string> {
	const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
	await eventually(
		() => sim.calls('agent1'),
		(c) => c.some((x) => x.id === callId && x.state === 'Ringing'),
	);
	return callId;
}
