/**
 * GwsCometdClient: one CometD (Bayeux) long-polling connection to GWS `/api/v2/notifications` for one credential.
 *
 * Reconnect policy (cometd.js does the mechanics, this class watches and reports):
 * - Dropped connection / server down: cometd.js retries /meta/connect, then re-handshakes, with a backoff growing by
 *   `backoffIncrementMs` up to `maxBackoffMs`.
 * - "402::Unknown client" (server forgot the session, e.g. restart): the server advises `reconnect: handshake`;
 *   cometd.js re-handshakes; we re-subscribe every channel on each successful handshake.
 * - REST session rejected (HTTP 401/403 on a Bayeux POST): gwsHttp.ts renews it through the transport and retries.
 * - A failure is LASTING after `failureAttempts` consecutive failed exchanges and `failureAfterMs` without a
 *   connection, or at once when the credential is refused. It is reported once per outage (onStatus 'failed');
 *   the client keeps trying and reports 'recovered' when the server is back.
 * - After every (re)subscription: onResubscribed({ first }) so a trigger can resync state it may have missed.
 * - Also after a FAILED /meta/connect that cometd.js retried with the same clientId (no re-handshake), once a
 *   /meta/connect succeeds again: the failed reply may have carried notifications (a reply cut half-way by the
 *   network), and a CometD server counts a written reply as delivered (GWS has no ack extension), so only a resync
 *   can find what it held. A failure that ends in a re-handshake resyncs through the resubscription instead.
 */
import type { CometD, Message } from 'cometd';

import { CALLS_CHANNEL, NOTIFICATIONS_PATH } from '../channels';
import type { GwsNotification, GwsNotificationClient, IDataObject } from '../contracts';
import type { BayeuxCookieJar } from './cookieJar';
import type { WireDiagnostics } from './gwsHttp';
import { createLongPollingTransport, type BayeuxSend } from './longPolling';
import { loadCometd } from './runtime';

export type NotificationClientStatus =
	| { state: 'subscribed'; first: boolean }
	| { state: 'reconnecting'; attempt: number; cause: string }
	| { state: 'failed'; attempt: number; cause: string; error: Error }
	| { state: 'recovered'; downForMs: number }
	| { state: 'stopped' };

export interface NotificationClientOptions {
	/** Default: ['/v2/me/calls']. */
	channels?: string[];
	/** Connection state changes; 'failed' is the lasting failure to surface (e.g. emitError). */
	onStatus?: (status: NotificationClientStatus) => void;
	/**
	 * After every successful (re)subscription of all channels, and when a failed /meta/connect (whose reply may
	 * have held notifications) is followed by a successful one. Errors thrown here are reported, not fatal.
	 */
	onResubscribed?: (info: { first: boolean }) => void | Promise<void>;
	/** An outage is lasting after this many consecutive failed exchanges... */
	failureAttempts?: number;
	/** ...and this long without a connection (both must hold; a refused credential is lasting at once). */
	failureAfterMs?: number;
	/** Reconnect backoff grows by this much per failure... */
	backoffIncrementMs?: number;
	/** ...up to this cap. */
	maxBackoffMs?: number;
	/** How many recent notifications waitFor() may look back on (0 = none). */
	bufferSize?: number;
	/** How often to check that the /meta/connect loop is alive. */
	watchdogMs?: number;
	/** Where unexpected internal errors go (default: dropped). Never gets credentials. */
	onInternalError?: (error: unknown) => void;
}

/**
 * Defaults for every client. Reconnects start fast (a contact center wants its events back within seconds) and
 * back off to a few seconds; an outage becomes "lasting" (reported once) only after several attempts AND some
 * time, so a GWS restart of a few seconds does not deactivate a workflow. Tests shorten these.
 */
export const NOTIFICATION_CLIENT_DEFAULTS = {
	failureAttempts: 5,
	failureAfterMs: 10_000,
	backoffIncrementMs: 500,
	maxBackoffMs: 5_000,
	bufferSize: 500,
	/** How often to check that the connect loop is alive (see watch()). */
	watchdogMs: 5_000,
};

interface Waiter {
	predicate: (n: GwsNotification) => boolean;
	resolve: (n: GwsNotification) => void;
	reject: (e: Error) => void;
	timer: ReturnType<typeof setTimeout>;
}

const DISCONNECT_GRACE_MS = 1000;

export class GwsCometdClient implements GwsNotificationClient {
	private readonly channels: string[];
	private readonly listeners = new Set<(n: GwsNotification) => void>();
	private readonly waiters = new Set<Waiter>();
	private readonly buffer: GwsNotification[] = [];
	private readonly inFlight = new Set<AbortController>();
	private readonly timers = new Set<ReturnType<typeof setTimeout>>();
	private readonly options: NotificationClientOptions & typeof NOTIFICATION_CLIENT_DEFAULTS;
	private cometd?: CometD;
	private url = '';
	private stopped = false;
	private starting?: Promise<void>;
	private stopping?: Promise<void>;
	/** Fails a start() still waiting for its first subscription (stop() was called meanwhile). */
	private abortStart?: (error: Error) => void;
	private subscribedOnce = false;
	/** Consecutive failed exchanges, and when the current outage began (0 = connected). */
	private failures = 0;
	private downSince = 0;
	private failureReported = false;
	/** When the last Bayeux exchange ended (watchdog). */
	private lastExchangeAt = Date.now();
	private unstalling = false;
	/** The clientId whose /meta/connect failed since its last resync (see onConnect). */
	private connectLostFor?: string;

	constructor(
		private readonly resolveBaseUrl: () => Promise<string>,
		private readonly send: BayeuxSend,
		private readonly jar: BayeuxCookieJar,
		private readonly diagnostics: WireDiagnostics,
		options: NotificationClientOptions = {},
	) {
		const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
		this.options = { ...NOTIFICATION_CLIENT_DEFAULTS, ...given };
		this.channels = options.channels?.length ? [...new Set(options.channels)] : [CALLS_CHANNEL];
	}

	/** The Bayeux endpoint URL (known after start()). */
	get endpoint(): string {
		return this.url;
	}

	start(): Promise<void> {
		if (this.stopped) return Promise.reject(new Error('The GWS notification client was stopped'));
		this.starting ??= this.doStart();
		return this.starting;
	}

	onNotification(listener: (notification: GwsNotification) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	waitFor(predicate: (n: GwsNotification) => boolean, timeoutMs: number): Promise<GwsNotification> {
		if (this.stopped) return Promise.reject(new Error('The GWS notification client was stopped'));
		const index = this.buffer.findIndex((n) => safeMatch(predicate, n));
		if (index >= 0) return Promise.resolve(this.buffer.splice(index, 1)[0]);
		return new Promise((resolve, reject) => {
			const waiter: Waiter = {
				predicate,
				resolve,
				reject,
				timer: setTimeout(() => {
					this.waiters.delete(waiter);
					reject(
						new Error(
							`No matching GWS notification arrived within ${timeoutMs} ms on ${this.channels.join(', ')} ` +
								`(${this.url || 'not connected'}); increase the timeout or check that the operation happened`,
						),
					);
				}, timeoutMs),
			};
			this.waiters.add(waiter);
		});
	}

	/** Idempotent: every caller gets the same promise, settled once everything is released. */
	stop(): Promise<void> {
		this.stopping ??= this.release();
		return this.stopping;
	}

	private async release(): Promise<void> {
		this.stopped = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const waiter of this.waiters) {
			clearTimeout(waiter.timer);
			waiter.reject(new Error('The GWS notification client was stopped before a matching notification arrived'));
		}
		this.waiters.clear();
		this.buffer.length = 0;
		this.abortStart?.(new Error('The GWS notification client was stopped before it subscribed'));
		const cometd = this.cometd;
		if (cometd && !cometd.isDisconnected()) {
			// Tell the server we leave (frees its session); do not wait long when it is unreachable.
			await new Promise<void>((resolve) => {
				const grace = setTimeout(resolve, DISCONNECT_GRACE_MS);
				cometd.disconnect(() => {
					clearTimeout(grace);
					resolve();
				});
			});
		}
		// Whatever cometd.js still has in flight (the held /meta/connect, a retry) is cancelled now.
		for (const controller of this.inFlight) controller.abort();
		this.inFlight.clear();
		cometd?.clearListeners();
		cometd?.clearSubscriptions();
		this.listeners.clear();
		this.jar.clear();
		this.options.onStatus?.({ state: 'stopped' });
	}

	private async doStart(): Promise<void> {
		const baseUrl = await this.resolveBaseUrl();
		if (this.stopped) throw new Error('The GWS notification client was stopped');
		this.url = `${baseUrl.replace(/\/+$/, '')}${NOTIFICATIONS_PATH}`;
		const { CometD } = loadCometd();
		const cometd = new CometD();
		this.cometd = cometd;
		// cometd.js warns through window.console (i.e. stdout); send its warnings where ours go instead.
		(cometd as unknown as { _warn: (...args: unknown[]) => void })._warn = (...args) =>
			this.internalError(new Error(`CometD: ${args.map(describeLogArgument).join(' ')}`));
		cometd.unregisterTransports();
		cometd.websocketEnabled = false;
		const send: BayeuxSend = (exchange) =>
			this.send(exchange).finally(() => {
				this.lastExchangeAt = Date.now();
			});
		cometd.registerTransport(
			'long-polling',
			createLongPollingTransport(send, this.inFlight, (e) => this.internalError(e)),
		);
		cometd.configure({
			url: this.url,
			logLevel: 'warn',
			useWorkerScheduler: false,
			backoffIncrement: this.options.backoffIncrementMs,
			maxBackoff: this.options.maxBackoffMs,
			// GWS (CometD 3) takes messages in the POST body; no message type in the URL path.
			appendMessageTypeToURL: false,
		});

		return new Promise<void>((resolve, reject) => {
			let settled = false;
			const settle = (error?: Error) => {
				if (settled) return;
				settled = true;
				this.abortStart = undefined;
				if (error) reject(error);
				else resolve();
			};
			this.abortStart = settle;
			cometd.addListener('/meta/handshake', (m) => this.onHandshake(m, () => settle()));
			cometd.addListener('/meta/connect', (m) => this.onConnect(m));
			cometd.addListener('/meta/unsuccessful', (m) => {
				let error = this.onUnsuccessful(m);
				// cometd.js stops retrying when the server advises `reconnect: none` (e.g. "403::handshake_denied"):
				// that refusal is lasting at once, and we retry ourselves after the longest backoff.
				if (m.advice?.reconnect === 'none' && !this.stopped) {
					error ??= this.reportLasting(this.describeFailure(m));
					this.later(this.options.maxBackoffMs, () => {
						if (cometd.isDisconnected()) cometd.handshake();
					});
				}
				// A first start that cannot connect fails the caller (e.g. trigger activation) and stops retrying.
				if (error && !this.subscribedOnce) {
					settle(error);
					void this.stop();
				}
			});
			cometd.handshake();
			this.watch();
		});
	}

	/**
	 * Watchdog: long polling always has a request in flight, or is waiting out a backoff (at most maxBackoffMs).
	 * Nothing in flight for longer means cometd.js stopped its loop (e.g. it threw on a reply it could not handle,
	 * or a /meta/connect reply did not match): disconnect and handshake again, which also resubscribes.
	 */
	private watch(): void {
		this.later(this.options.watchdogMs, () => {
			const cometd = this.cometd;
			const idleMs = Date.now() - this.lastExchangeAt;
			if (
				cometd &&
				!this.unstalling &&
				!cometd.isDisconnected() &&
				this.inFlight.size === 0 &&
				// (a server may also ask for a pause between polls: advice.interval)
				idleMs > this.options.maxBackoffMs + (cometd.getAdvice().interval ?? 0) + this.options.watchdogMs
			) {
				this.unstall(cometd, idleMs);
			}
			this.watch();
		});
	}

	private unstall(cometd: CometD, idleMs: number): void {
		this.unstalling = true;
		this.failures++;
		if (!this.downSince) this.downSince = Date.now();
		const cause = `the notification connection stalled (no request for ${idleMs} ms); connecting again`;
		this.options.onStatus?.({ state: 'reconnecting', attempt: this.failures, cause });
		cometd.disconnect(() => {
			this.unstalling = false;
			if (!this.stopped && cometd.isDisconnected()) cometd.handshake();
		});
	}

	private onHandshake(message: Message, firstSubscribed: () => void): void {
		if (!message.successful || this.stopped) return;
		// The resubscription below resyncs: a connect lost by the previous session needs no resync of its own.
		this.connectLostFor = undefined;
		// cometd.js drops subscriptions on every handshake: subscribe again each time.
		const handshakeClientId = this.cometd!.getClientId();
		this.subscribe(this.channels, handshakeClientId, firstSubscribed);
	}

	private subscribe(channels: string[], clientId: string | null, firstSubscribed: () => void): void {
		const cometd = this.cometd!;
		let pending = channels.length;
		const failed: string[] = [];
		const done = () => {
			if (this.stopped || cometd.getClientId() !== clientId) return; // a newer handshake took over
			if (failed.length > 0) {
				// Counted as a failure by /meta/unsuccessful; retry those channels after the backoff.
				const delay = Math.max(cometd.getBackoffPeriod(), this.options.backoffIncrementMs);
				this.later(delay, () => this.subscribe(failed, clientId, firstSubscribed));
				return;
			}
			const first = !this.subscribedOnce;
			this.subscribedOnce = true;
			this.connectionUp();
			this.options.onStatus?.({ state: 'subscribed', first });
			if (first) firstSubscribed();
			this.runResubscribedHook(first);
		};
		cometd.batch(() => {
			for (const channel of channels) {
				cometd.subscribe(
					channel,
					(m) => this.deliver(m),
					(reply) => {
						if (!reply.successful) failed.push(channel);
						if (--pending === 0) done();
					},
				);
			}
		});
	}

	private onConnect(message: Message): void {
		if (this.stopped || !this.subscribedOnce) return;
		const clientId = this.cometd?.getClientId() ?? undefined;
		if (!message.successful) {
			// Any failed connect (transport failure, cut reply, server error): it may have lost messages.
			if (clientId) this.connectLostFor = clientId;
			return;
		}
		this.connectionUp();
		if (this.connectLostFor !== undefined && this.connectLostFor === clientId) {
			// Same session, connected again: resync what the lost reply may have held.
			this.connectLostFor = undefined;
			this.runResubscribedHook(false);
		}
	}

	/** Returns the lasting-failure error when this failure makes the outage lasting. */
	private onUnsuccessful(message: Message): Error | undefined {
		if (this.stopped || message.channel === '/meta/disconnect') return undefined;
		this.failures++;
		if (!this.downSince) this.downSince = Date.now();
		const cause = this.describeFailure(message);
		this.options.onStatus?.({ state: 'reconnecting', attempt: this.failures, cause });
		const lasting =
			this.diagnostics.authRefused ||
			(this.failures >= this.options.failureAttempts &&
				Date.now() - this.downSince >= this.options.failureAfterMs);
		if (!lasting) return undefined;
		return this.reportLasting(cause);
	}

	/** Reports the current outage as lasting, once; returns the error (undefined when already reported). */
	private reportLasting(cause: string): Error | undefined {
		if (this.failureReported) return undefined;
		if (!this.downSince) this.downSince = Date.now();
		this.failureReported = true;
		const attempts = `${this.failures} attempt${this.failures === 1 ? '' : 's'}`;
		const error = new Error(
			this.subscribedOnce
				? `GWS notifications at ${this.url} are unavailable after ${attempts}: ${cause}. ` +
						'Still retrying; check that GWS is running and reachable, and the credential.'
				: `Could not subscribe to GWS notifications at ${this.url} (${attempts}): ${cause}`,
		);
		this.options.onStatus?.({ state: 'failed', attempt: this.failures, cause, error });
		return error;
	}

	/** A timer stop() clears. */
	private later(ms: number, fn: () => void): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (!this.stopped) fn();
		}, ms);
		this.timers.add(timer);
	}

	private connectionUp(): void {
		if (this.downSince && this.failureReported) {
			this.options.onStatus?.({ state: 'recovered', downForMs: Date.now() - this.downSince });
		}
		this.failures = 0;
		this.downSince = 0;
		this.failureReported = false;
	}

	private describeFailure(message: Message): string {
		const failure = (message as Message & { failure?: { reason?: string; httpCode?: number } }).failure;
		if (message.error) return `server answered "${message.error}" to ${message.channel}`;
		const wire = this.diagnostics.lastCause;
		if (wire) return wire;
		if (failure?.reason) return `${failure.reason} (${message.channel})`;
		return `${message.channel} failed`;
	}

	private runResubscribedHook(first: boolean): void {
		const hook = this.options.onResubscribed;
		if (!hook) return;
		Promise.resolve()
			.then(() => hook({ first }))
			.catch((e) => this.internalError(e));
	}

	private deliver(message: Message): void {
		if (this.stopped) return;
		const notification: GwsNotification = {
			channel: message.channel,
			data: (message.data ?? {}) as IDataObject,
		};
		let consumed = false;
		for (const waiter of this.waiters) {
			if (safeMatch(waiter.predicate, notification)) {
				clearTimeout(waiter.timer);
				this.waiters.delete(waiter);
				waiter.resolve(notification);
				// A notification confirms one waiter (it still goes to the listeners below).
				consumed = true;
				break;
			}
		}
		const size = this.options.bufferSize;
		if (size > 0 && !consumed) {
			this.buffer.push(notification);
			if (this.buffer.length > size) this.buffer.shift();
		}
		for (const listener of this.listeners) {
			try {
				listener(notification);
			} catch (e) {
				this.internalError(e);
			}
		}
	}

	private internalError(error: unknown): void {
		try {
			this.options.onInternalError?.(error);
		} catch {
			// The error sink itself failed: nothing sensible left to do.
		}
	}
}

function describeLogArgument(value: unknown): string {
	if (typeof value === 'string') return value;
	try {
		return (JSON.stringify(value) ?? String(value)).slice(0, 300);
	} catch {
		return String(value);
	}
}

function safeMatch(predicate: (n: GwsNotification) => boolean, n: GwsNotification): boolean {
	try {
		return predicate(n);
	} catch {
		return false;
	}
}
