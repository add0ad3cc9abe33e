/** Shared helpers for the action-node suites (the simulator itself: test/helpers/simulator.ts useSimulator()). */
import type { RunningSimulator } from '../../simulator/api';
import type { GwsTestCredential } from '../helpers/n8n';

export function agent1(sim: RunningSimulator): GwsTestCredential {
	return { baseUrl: sim.url, username: 'agent1', password: 'agent1pass' };
}

export function agent2(sim: RunningSimulator): GwsTestCredential {
	return { baseUrl: sim.url, username: 'agent2', password: 'agent2pass' };
}

export function supervisor1(sim: RunningSimulator): GwsTestCredential {
	return { baseUrl: sim.url, username: 'supervisor1', password: 'supervisor1pass' };
}

/** A user's device id, and its URI as GWS prints it (a call's deviceUri, a targetDeviceUri). */
export function deviceOf(sim: RunningSimulator, username: string): { id: string; uri: string } {
	const agent = sim.agents().find((a) => a.username === username);
	if (!agent) throw new Error(`no simulated user ${username}`);
	return { id: agent.deviceId, uri: `${sim.url}/api/v2/devices/${agent.deviceId}` };
}

/** Every request (method, path, body) the simulator received after `since`. */
export function requestsSince(sim: RunningSimulator, since: number): Array<{ method: string; path: string; body: unknown }> {
	return sim
		.requests()
		.filter((r) => r.seq > since)
		.map((r) => ({ method: r.method, path: r.path, body: r.body }));
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
