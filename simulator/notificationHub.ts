/**
 * Where every notification goes: recorded in the notification log, then queued while paused or delivered to the
 * user's CometD sessions.
 */
import type { LoggedNotification } from './api';
import { preciseNow } from './clock';
import type { CometdEndpoint } from './cometd';
import type { Notification } from './notifications';

/** Bounded so long benchmark runs do not grow without limit (as the request log). */
const LOG_LIMIT = 10_000;

export class NotificationHub {
	private paused = false;
	private queue: Array<{ username: string; notification: Notification }> = [];
	private log: LoggedNotification[] = [];
	private seq = 0;
	/** How many notifications were published (GET /simulator/status). */
	published = 0;
	private readonly listeners = new Set<(entry: LoggedNotification) => void>();

	constructor(private readonly cometd: () => CometdEndpoint) {}

	publish(username: string, notification: Notification): void {
		this.published++;
		this.record(username, notification);
		if (this.paused) {
			this.queue.push({ username, notification });
			return;
		}
		this.cometd().deliver(username, notification);
	}

	/** Called with every logged notification as it is published (the console's live feed); returns the unsubscribe. */
	listen(listener: (entry: LoggedNotification) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private record(username: string, notification: Notification): void {
		const entry: LoggedNotification = {
			seq: ++this.seq,
			time: preciseNow(),
			username,
			channel: notification.channel,
			data: notification.data,
		};
		if (this.paused) entry.queued = true;
		this.log.push(entry);
		// Trimmed in steps, not per message: bursts publish tens of thousands per second.
		if (this.log.length > LOG_LIMIT + LOG_LIMIT / 10) this.log.splice(0, this.log.length - LOG_LIMIT);
		for (const listener of this.listeners) {
			try {
				listener(entry);
			} catch {
				// A listener (the console) must never stop a notification from being delivered.
			}
		}
	}

	notifications(filter: { user?: string; since?: number } = {}): LoggedNotification[] {
		return this.log
			.slice(-LOG_LIMIT)
			.filter((n) => (filter.user === undefined || n.username === filter.user) && n.seq > (filter.since ?? 0))
			.map((n) => ({ ...n, data: structuredClone(n.data) }));
	}

	/** The most recent `limit` entries, oldest first, not copied: for a caller that serializes them at once. */
	recent(limit: number): LoggedNotification[] {
		return this.log.slice(-Math.min(limit, LOG_LIMIT));
	}

	clearLog(): void {
		this.log = [];
	}

	pause(): void {
		this.paused = true;
	}

	/** Delivers the queued notifications in order (or drops them with deliver=false). */
	resume(deliver = true): void {
		this.paused = false;
		const queued = this.queue;
		this.queue = [];
		if (deliver) for (const q of queued) this.cometd().deliver(q.username, q.notification);
	}

	get isPaused(): boolean {
		return this.paused;
	}

	clear(): void {
		this.paused = false;
		this.queue = [];
		this.log = [];
	}
}
