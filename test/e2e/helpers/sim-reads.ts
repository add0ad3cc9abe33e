/**
 * What the example e2e files read back from the simulator while a flow runs: the POSTs n8n sent to GWS, a user's leg
 * of a call, a user's device, and waiting for one of them to reach a value (test/helpers/wait.ts `eventually`).
 */
import { eventually } from '../../helpers/wait';
import type { ExampleStack } from './example-stack';

export interface Post {
	user?: string;
	path: string;
	body: unknown;
}

export function simReads(ex: ExampleStack) {
	const sentAfter = (since: number): Post[] =>
		ex.stack.sim
			.requests()
			.filter((r) => r.seq > since && r.method === 'POST' && r.path.startsWith('/api/v2/me'))
			.map((r) => ({ user: r.username, path: r.path, body: r.body }));
	return {
		/** POSTs n8n sent to GWS after `since` (who, where, what), once `count` arrived or after `timeoutMs`. */
		async posts(since: number, count: number, timeoutMs = 20_000): Promise<Post[]> {
			try {
				return await eventually(() => sentAfter(since), (found) => found.length >= count, timeoutMs);
			} catch {
				return sentAfter(since); // fewer than expected: the test's assertion shows which
			}
		},
		/** `read()` once `done` holds for it; fails after `timeoutMs` naming `what` and the last value. */
		until<T>(what: string, read: () => T, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
			return eventually(read, done, timeoutMs, what);
		},
		leg: (user: string, callId: string) => ex.stack.sim.calls(user).find((c) => c.id === callId),
		deviceOf: (user: string) => ex.stack.sim.agents().find((a) => a.username === user)!,
	};
}
