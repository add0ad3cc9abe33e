/**
 * The console's live feed: a server-sent event stream (GET /simulator/events, loopback only like the control API).
 *
 * Events (each `data` is one line of JSON):
 *   hello     {snapshot, notifications, requests}  on connect and after a reset: the whole picture, with the most
 *                                                 recent log entries (oldest first)
 *   snapshot  {url, agents, calls, cometdSessions, ...}  when it changed: at most every SNAPSHOT_MIN_MS after a
 *                                                 notification or request, and checked every SNAPSHOT_POLL_MS for
 *                                                 changes nothing announces (a CometD handshake, a reset)
 *   log       {notifications, requests, skipped}   new log entries, batched every LOG_BATCH_MS
 *
 * Never in the simulator's way: it does nothing while nobody listens; a listener's error is caught; a client that
 * goes away is released at once (its 'close'). Memory per client is bounded: a snapshot is state, so a client still
 * busy with earlier frames gets only the newest one, when its socket drains; log batches hold at most MAX_BATCH
 * entries (the rest are counted as `skipped`; the full logs stay in GET /simulator/notifications and
 * /simulator/requests), and a client with more than MAX_BUFFERED_BYTES still unsent is cut off (the browser's
 * EventSource reconnects and starts over with a fresh `hello`), checked after each write, so one large frame cannot
 * pile up behind it. Frames are bounded in bytes too: a request body or a notification's user data larger than
 * CONSOLE_VALUE_CHARS is shown cut, with a marker (the full ones stay in the logs).
 */
import type * as http from 'http';
import type { LoggedNotification, LoggedRequest } from '../api';
import { CONSOLE_VALUE_CHARS, shownUserData } from './bounds';
import { loggedBodyText } from '../traffic';
import type { ConsoleSnapshot } from './snapshot';

const HISTORY = 300;
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** At most this much unsent per client, the frame being written included. */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;
const LOG_BATCH_MS = 100;
const SNAPSHOT_MIN_MS = 150;
const SNAPSHOT_POLL_MS = 1000;
const KEEPALIVE_MS = 15_000;
const MAX_BATCH = 1000;

/** What the feed reads from the simulator. */
export interface FeedSource {
	snapshot(): ConsoleSnapshot;
	recentNotifications(limit: number): LoggedNotification[];
	recentRequests(limit: number): LoggedRequest[];
}

/** A request as the console shows it: the log entry without the raw body (the parsed `body` says the same). */
export type ConsoleRequest = Omit<LoggedRequest, 'rawBody'>;

/** The `hello` event: the whole picture with the most recent log entries, oldest first. */
export interface HelloEvent {
	snapshot: ConsoleSnapshot;
	notifications: LoggedNotification[];
	requests: ConsoleRequest[];
}

/** The `log` event: new entries since the last one, and how many were left out. */
export interface LogEvent {
	notifications: LoggedNotification[];
	requests: ConsoleRequest[];
	skipped: number;
}

interface Client {
	res: http.ServerResponse;
	/** A snapshot waits for the socket to drain (only the newest is sent). */
	snapshotDue: boolean;
}

function forConsole(entry: LoggedRequest): ConsoleRequest {
	// Copied at publication: the log entry itself may still change (e.g. a later status).
	const { rawBody, ...rest } = entry;
	if (rawBody !== undefined && rawBody.length > CONSOLE_VALUE_CHARS) rest.body = loggedBodyText(rawBody, CONSOLE_VALUE_CHARS);
	return { ...rest };
}

/** A notification as the console shows it: user data larger than CONSOLE_VALUE_CHARS replaced by a marker. */
function notificationForConsole(entry: LoggedNotification): LoggedNotification {
	const call = entry.data.call as Record<string, unknown> | undefined;
	if (!call || typeof call !== 'object' || call.userData === undefined) return entry;
	const shown = shownUserData(call.userData);
	if (shown === call.userData) return entry;
	return { ...entry, data: { ...entry.data, call: { ...call, userData: shown } } };
}

export class ConsoleFeed {
	private readonly clients = new Set<Client>();
	private notifications: LoggedNotification[] = [];
	private requests: ConsoleRequest[] = [];
	private skipped = 0;
	private logTimer?: NodeJS.Timeout;
	private snapshotTimer?: NodeJS.Timeout;
	private pollTimer?: NodeJS.Timeout;
	private keepaliveTimer?: NodeJS.Timeout;
	private lastSnapshot = '';
	/** Clients cut off because they read too slowly (GET /simulator/status). */
	slowClientsDropped = 0;

	constructor(private readonly source: FeedSource) {}

	get clientCount(): number {
		return this.clients.size;
	}

	/** GET /simulator/events: the stream stays open until the client leaves, is too slow, or the simulator stops. */
	open(res: http.ServerResponse): void {
		res.writeHead(200, {
			'Content-Type': 'text/event-stream; charset=utf-8',
			'Cache-Control': 'no-cache, no-transform',
			Connection: 'keep-alive',
			'X-Content-Type-Options': 'nosniff',
		});
		const client: Client = { res, snapshotDue: false };
		this.clients.add(client);
		const release = () => this.release(client);
		// The response closes when the client goes away (or the simulator stops): that is the one signal to trust.
		res.on('close', release);
		res.on('error', release);
		res.on('drain', () => {
			if (!client.snapshotDue) return;
			client.snapshotDue = false;
			this.guard(() => this.write(client, `event: snapshot\ndata: ${this.lastSnapshot}\n\n`));
		});
		// EventSource reconnects after this many ms when the stream breaks (a restart, a cut-off slow client).
		res.write('retry: 1000\n\n');
		this.startTimers();
		this.guard(() => this.write(client, this.frame('hello', this.hello())));
	}

	/** Hook: the notification hub recorded a notification. */
	notificationPublished(entry: LoggedNotification): void {
		if (this.clients.size === 0) return;
		if (this.notifications.length < MAX_BATCH) this.notifications.push(notificationForConsole(entry));
		else this.skipped++;
		this.scheduleLog();
		this.scheduleSnapshot();
	}

	/** Hook: a REST request got its final status. */
	requestSettled(entry: LoggedRequest): void {
		if (this.clients.size === 0) return;
		if (this.requests.length < MAX_BATCH) this.requests.push(forConsole(entry));
		else this.skipped++;
		this.scheduleLog();
		this.scheduleSnapshot();
	}

	/** Hook: state changed without a notification or request (reset, restart): every client starts over. */
	startOver(): void {
		if (this.clients.size === 0) return;
		this.notifications = [];
		this.requests = [];
		this.skipped = 0;
		this.guard(() => this.broadcast('hello', this.hello()));
	}

	/** Ends every stream and timer (the simulator closes). */
	close(): void {
		for (const client of [...this.clients]) client.res.end();
		this.clients.clear();
		this.stopTimers();
	}

	private hello(): HelloEvent {
		const snapshot = this.source.snapshot();
		this.lastSnapshot = JSON.stringify(snapshot);
		return {
			snapshot,
			notifications: this.source.recentNotifications(HISTORY).map(notificationForConsole),
			requests: this.source.recentRequests(HISTORY).map(forConsole),
		};
	}

	private frame(event: string, data: unknown): string {
		// JSON.stringify escapes line breaks, so the payload is one `data:` line.
		return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
	}

	private broadcast(event: string, data: unknown): void {
		if (this.clients.size === 0) return;
		const frame = this.frame(event, data);
		for (const client of [...this.clients]) this.write(client, frame);
	}

	private write(client: Client, frame: string): void {
		const { res } = client;
		if (res.destroyed || res.writableEnded) return this.release(client);
		// Before the write: more than MAX_BUFFERED_BYTES still unread from earlier frames. On the write: this frame on
		// top of them would make more than MAX_PENDING_BYTES (frames are bounded, so only many of them can).
		const pending = res.writableLength;
		if (pending > MAX_BUFFERED_BYTES || pending + frame.length > MAX_PENDING_BYTES) {
			this.slowClientsDropped++;
			res.destroy();
			return this.release(client);
		}
		res.write(frame);
	}

	private release(client: Client): void {
		if (!this.clients.delete(client)) return;
		if (this.clients.size === 0) {
			this.stopTimers();
			this.notifications = [];
			this.requests = [];
			this.skipped = 0;
		}
	}

	private scheduleLog(): void {
		this.once('logTimer', LOG_BATCH_MS, () => this.flushLog());
	}

	/** Runs `fn` after `ms` unless a run is already scheduled in `slot` (batches what arrives meanwhile). */
	private once(slot: 'logTimer' | 'snapshotTimer', ms: number, fn: () => void): void {
		if (this[slot]) return;
		this[slot] = setTimeout(() => {
			this[slot] = undefined;
			this.guard(fn);
		}, ms);
	}

	private flushLog(): void {
		const data: LogEvent = { notifications: this.notifications, requests: this.requests, skipped: this.skipped };
		this.notifications = [];
		this.requests = [];
		this.skipped = 0;
		this.broadcast('log', data);
	}

	private scheduleSnapshot(): void {
		this.once('snapshotTimer', SNAPSHOT_MIN_MS, () => this.pushSnapshot());
	}

	/** Sends the snapshot to every client it is new to, or that still waits for one; a busy client gets it on drain. */
	private pushSnapshot(): void {
		if (this.clients.size === 0) return;
		const text = JSON.stringify(this.source.snapshot());
		const changed = text !== this.lastSnapshot;
		this.lastSnapshot = text;
		const frame = `event: snapshot\ndata: ${text}\n\n`;
		for (const client of [...this.clients]) {
			if (!changed && !client.snapshotDue) continue;
			// Still sending earlier frames: this one would be out of date by the time it went out.
			if (client.res.writableLength > 0) {
				client.snapshotDue = true;
				continue;
			}
			client.snapshotDue = false;
			this.write(client, frame);
		}
	}

	private startTimers(): void {
		if (this.pollTimer) return;
		this.pollTimer = setInterval(() => this.guard(() => this.pushSnapshot()), SNAPSHOT_POLL_MS);
		this.keepaliveTimer = setInterval(() => this.guard(() => this.keepalive()), KEEPALIVE_MS);
		this.pollTimer.unref();
		this.keepaliveTimer.unref();
	}

	private keepalive(): void {
		for (const client of [...this.clients]) this.write(client, ': keepalive\n\n');
	}

	private stopTimers(): void {
		for (const timer of [this.logTimer, this.snapshotTimer]) if (timer) clearTimeout(timer);
		for (const timer of [this.pollTimer, this.keepaliveTimer]) if (timer) clearInterval(timer);
		this.logTimer = this.snapshotTimer = this.pollTimer = this.keepaliveTimer = undefined;
	}

	/** The feed must never take the simulator down: a failure here costs the console one update, nothing else. */
	private guard(fn: () => void): void {
		try {
			fn();
		} catch (error) {
			console.error('simulator console feed: update failed', error);
		}
	}
}
