/**
 * Where every notification goes: recorded in the notification log, then queued while paused or delivered to the
 * user's CometD sessions.
 */
import type { LoggedNotification } from './api';
import { measureValue } from './bodyLimits';
import { preciseNow } from './clock';
import type { CometdEndpoint } from './cometd';
import type { Notification } from './notifications';

/** Bounded so long benchmark runs do not grow without limit (as the request log): in entries, and in characters. */
const LOG_LIMIT = 10_000;
/** The notification log's size bound: about this many characters of JSON over all entries (sizeOf). */
const LOG_CHARS = 32 * 1024 * 1024;
/** What a notification takes without its call's user data: its fields are the simulator's own, of bounded size. */
const NOTIFICATION_BASE_CHARS = 2000;

/**
 * About how many characters of JSON a notification takes: a fixed allowance for what the simulator writes, plus its
 * call's user data (what a client sends, the only part of any size), measured. Cheap enough for bursts of tens of
 * thousands per second, where measuring every field would cost a third of the throughput.
 */
function sizeOf(notification: Notification): number {
	const call = notification.data.call as { userData?: unknown } | undefined;
	const userData = call && typeof call === 'object' ? call.userData : undefined;
	return NOTIFICATION_BASE_CHARS + (userData === undefined ? 0 : measureValue(userData).chars);
}

export class NotificationHub {
	private paused = false;
	private queue: Array<{ username: string; notification: Notification }> = [];
	private log: LoggedNotification[] = [];
	/** About how many characters of JSON each logged entry takes, in log order, and their sum. */
	private sizes: number[] = [];
	private logChars = 0;
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
		const size = sizeOf(notification);
		this.sizes.push(size);
		this.logChars += size;
		// Trimmed in steps, not per message: bursts publish tens of thousands per second.
		if (this.log.length > LOG_LIMIT + LOG_LIMIT / 10 || this.logChars > LOG_CHARS) this.trim();
		for (const listener of this.listeners) {
			try {
				listener(entry);
			} catch {
				// A listener (the console) must never stop a notification from being delivered.
			}
		}
	}

	/** Drops the oldest entries down to LOG_LIMIT entries and 90% of LOG_CHARS. */
	private trim(): void {
		let drop = Math.max(0, this.log.length - LOG_LIMIT);
		let chars = this.logChars;
		for (let i = 0; i < drop; i++) chars -= this.sizes[i];
		while (chars > LOG_CHARS * 0.9 && drop < this.log.length - 1) chars -= this.sizes[drop++];
		this.log.splice(0, drop);
		this.sizes.splice(0, drop);
		this.logChars = chars;
	}

	notifications(filter: { user?: string; since?: number } = {}): LoggedNotification[] {
		return this.log
			.slice(-LOG_LIMIT)
			.filter((n) => (filter.user === undefined || n.username === filter.user) && n.seq > (filter.since ?? 0))
			.map((n) => ({ ...n, data: copyOf(n.data) }));
	}

	/** The most recent `limit` entries, oldest first, not copied: for a caller that serializes them at once. */
	recent(limit: number): LoggedNotification[] {
		return this.log.slice(-Math.min(limit, LOG_LIMIT));
	}

	clearLog(): void {
		this.log = [];
		this.sizes = [];
		this.logChars = 0;
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
		this.clearLog();
	}
}

/**
 * A copy a reader may change. What is logged is never deeper than MAX_JSON_DEPTH (bodyLimits.ts refuses deeper
 * input); if a copy still failed, the reader gets a marker instead of an error that would break the whole read.
 */
function copyOf(data: Record<string, unknown>): Record<string, unknown> {
	try {
		return structuredClone(data);
	} catch (error) {
		return { '[not copied]': (error as Error).message };
	}
}
