/** One simulator per test file with the distinctive-password users, plus small request-log helpers. */
import { clearGwsSessions } from '../../../nodes/shared/transport';
import { startSimulator, type LoggedRequest, type RunningSimulator, type SimulatorOptions } from '../../../simulator';
import { REL_USERS } from './users';

export type Sim = Awaited<ReturnType<typeof startSimulator>>;

export async function startRelSim(opts: SimulatorOptions = {}): Promise<Sim> {
	clearGwsSessions();
	return await startSimulator({ port: 0, users: REL_USERS, ...opts });
}

export function lastSeq(sim: RunningSimulator): number {
	return sim.requests().at(-1)?.seq ?? 0;
}

/** Requests received after `since`, without the session login (GET /api/v2/me). */
export function requestsSince(sim: RunningSimulator, since: number): LoggedRequest[] {
	return sim.requests().filter((r) => r.seq > since && !(r.method === 'GET' && r.path === '/api/v2/me'));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function until(what: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!done()) {
		if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(10);
	}
}
