/**
 * What the action-node suites share beyond test/helpers (the simulator: test/helpers/simulator.ts useSimulator();
 * users and credentials: test/helpers/users.ts; waiting: test/helpers/wait.ts, re-exported here for these suites).
 */
import type { RunningSimulator } from '../../simulator/api';
import { eventually } from '../helpers/wait';

export { agent1, agent2, supervisor1 } from '../helpers/users';
export { eventually } from '../helpers/wait';
export { lastSeq } from '../helpers/simulator';

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
