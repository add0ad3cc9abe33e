/**
 * The operations of each GWS user that are waiting for their confirmation in this n8n process, so that an
 * ErrorMessage naming no operation can be given to the one it can belong to (asyncFailures.ts, docs/FIDELITY.md part
 * 2, A2). GWS sends a user's notifications to every CometD session of that user, so every wait of the user sees the
 * same ErrorMessage; each decides from this list whether it is the only one the message can be about.
 *
 * Keyed by server and user (not by n8n credential: two credentials of one user share that user's notifications).
 * Another n8n process (a queue-mode worker) keeps its own list: a wait there is not counted here.
 */
import type { SentRequest } from './asyncFailures';

const PENDING = new Map<string, Set<SentRequest>>();

export interface PendingOperation {
	/** The other operations of the same user pending right now (this one excluded). */
	others(): SentRequest[];
	/** The wait ended (confirmed, failed or timed out). */
	done(): void;
}

export function startPending(server: { baseUrl: string; username: string }, request: SentRequest): PendingOperation {
	const key = `${server.baseUrl}\n${server.username}`;
	let set = PENDING.get(key);
	if (!set) PENDING.set(key, (set = new Set()));
	set.add(request);
	return {
		others: () => [...(PENDING.get(key) ?? [])].filter((r) => r !== request),
		done: () => {
			set.delete(request);
			if (set.size === 0 && PENDING.get(key) === set) PENDING.delete(key);
		},
	};
}
