/**
 * GwsCometdClient: one CometD (Bayeux) long-polling connection to GWS `/api/v2/notifications` for one credential.
 * Reconnect policy (cometd.js does the mechanics, this class watches and reports):
 * - Dropped connection / server down: cometd.js retries /meta/connect, then re-handshakes, with a backoff growing by
 *   `backoffIncrementMs` up to `maxBackoffMs`. "402::Unknown client" (a server restart): the server advises
 *   `reconnect: handshake`; we re-subscribe every channel on each successful handshake.
 * - A refused REST session on a Bayeux POST is renewed and the POST resent once by the shared transport.
 * - A failure is LASTING after `failureAttempts` consecutive failed exchanges and `failureAfterMs` without a
 *   connection, or at once when GWS refuses the login or the session even after a new login (the send's
 *   WireFailure says so with each reply). It is reported once per outage (onStatus 'failed'); the client keeps
 *   trying and reports 'recovered' when the server is back. A stopped loop: stallWatchdog.ts reconnects.
 * - After every (re)subscription: onResubscribed({ first }) so a trigger can resync state it may have missed.
 * - Also after a FAILED /meta/connect that cometd.js retried with the same clientId (no re-handshake), once a
 *   /meta/connect succeeds again: the failed reply may have carried notifications (a reply cut half-way by the
 *   network), and a CometD server counts a written reply as delivered (GWS has no ack extension), so only a resync
 *   can find what it held. A failure that ends in a re-handshake resyncs through the resubscription instead.
 */
import type { CometD, Message } from 'cometd';
import type { IDataObject } from 'n8n-workflow';

import { CALLS_CHANNEL, NOTIFICATIONS_PATH } from '../channels';
import { scrubSecrets } from '../transport/errors';
import type { GwsNotification, GwsNotificationClient } from '../notification';
import { NOTIFICATION_CLIENT_DEFAULTS, type NotificationClientOptions } from './clientOptions';
import type { BayeuxCookieJar } from './cookieJar';
import type { BayeuxSend, WireFailure } from './longPolling';
import { createCometd } from './gwsCometd';
import { NotificationInbox } from './inbox';
import { OutageTracker } from './outage';
import { StallWatchdog } from './stallWatchdog';

export {
	NOTIFICATION_CLIENT_DEFAULTS,
	type NotificationClientOptions,
	type NotificationClientStatus,
} from './clientOptions';

const DISCONNECT_GRACE_MS = 1000;

export class GwsCometdClient implements GwsNotificationClient {
	private readonly channels: string[];
	private readonly inbox: NotificationInbox;
	private readonly outage: OutageTracker;
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
	private readonly watchdog: StallWatchdog;
	/** The clientId whose /meta/connect failed since its last resync (see onConnect). */
	private connectLostFor?: string;
	/** Why the last exchange failed (undefined after a 200): what /meta/unsuccessful reports. */
	private lastFailure?: WireFailure;

	constructor(
		private readonly resolveBaseUrl: () => Promise<string>,
		private readonly send: BayeuxSend,
		private readonly jar: BayeuxCookieJar,
		options: NotificationClientOptions = {},
		/** Hides secrets (the credential's own too) in text the server sent back, e.g. a Bayeux `error`. */
		private readonly scrubReply: (text: string) => string = (text) => scrubSecrets(text),
	) {
		const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
		this.options = { ...NOTIFICATION_CLIENT_DEFAULTS, ...given };
		this.channels = options.channels?.length ? [...new Set(options.channels)] : [CALLS_CHANNEL];
		this.inbox = new NotificationInbox(this.options.bufferSize, (e) => this.internalError(e));
		this.outage = new OutageTracker(this.options, (status) => this.options.onStatus?.(status), (attempts, cause) =>
			this.subscribedOnce
				? `GWS notifications at ${this.url} are unavailable after ${attempts}: ${cause}. ` +
					'Still retrying; check that GWS is running and reachable, and the credential.'
				: `Could not subscribe to GWS notifications at ${this.url} (${attempts}): ${cause}`,
		);
		this.watchdog = new StallWatchdog(
			this.options,
			this.inFlight,
			(ms, fn) => this.later(ms, fn),
			(cause) => this.outage.failed(cause, false, false),
			() => this.stopped,
		);
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
		return this.inbox.onNotification(listener);
	}

	waitFor(predicate: (n: GwsNotification) => boolean, timeoutMs: number): Promise<GwsNotification> {
		if (this.stopped) return Promise.reject(new Error('The GWS notification client was stopped'));
		return this.inbox.waitFor(
			predicate,
			timeoutMs,
			() =>
				`No matching GWS notification arrived within ${timeoutMs} ms on ${this.channels.join(', ')} ` +
				`(${this.url || 'not connected'}); increase the timeout or check that the operation happened`,
		);
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
		this.inbox.close('The GWS notification client was stopped before a matching notification arrived');
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
		this.jar.clear();
		this.options.onStatus?.({ state: 'stopped' });
	}

	private async doStart(): Promise<void> {
		const baseUrl = await this.resolveBaseUrl();
		if (this.stopped) throw new Error('The GWS notification client was stopped');
		this.url = `${baseUrl.replace(/\/+$/, '')}${NOTIFICATIONS_PATH}`;
		const cometd = createCometd({
			url: this.url,
			send: (exchange) => {
				const sent = this.send(exchange).finally(() => this.watchdog.exchanged());
				// Why this exchange failed, before cometd.js hears of it (registered first, so it runs first); a later
				// failure is never explained by an old one. A send rejects only when aborted: then cometd.js words it.
				void sent.then((reply) => (this.lastFailure = reply.failure), () => (this.lastFailure = undefined));
				return sent;
			},
			inFlight: this.inFlight,
			onInternalError: (e) => this.internalError(e),
			backoffIncrementMs: this.options.backoffIncrementMs,
			maxBackoffMs: this.options.maxBackoffMs,
		});
		this.cometd = cometd;

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
					error ??= this.outage.lasting(this.describeFailure(m));
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
			this.watchdog.watch(cometd);
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
			this.outage.up();
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
		this.outage.up();
		if (this.connectLostFor !== undefined && this.connectLostFor === clientId) {
			// Same session, connected again: resync what the lost reply may have held.
			this.connectLostFor = undefined;
			this.runResubscribedHook(false);
		}
	}

	/** Returns the lasting-failure error when this failure makes the outage lasting. */
	private onUnsuccessful(message: Message): Error | undefined {
		if (this.stopped || message.channel === '/meta/disconnect') return undefined;
		return this.outage.failed(this.describeFailure(message), this.lastFailure?.sessionRefused === true);
	}

	/** A timer stop() clears. */
	private later(ms: number, fn: () => void): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (!this.stopped) fn();
		}, ms);
		this.timers.add(timer);
	}

	private describeFailure(message: Message): string {
		const failure = (message as Message & { failure?: { reason?: string; httpCode?: number } }).failure;
		if (message.error) return `server answered "${this.scrubReply(String(message.error))}" to ${message.channel}`;
		const wire = this.lastFailure?.cause;
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
		this.inbox.deliver({ channel: message.channel, data: (message.data ?? {}) as IDataObject });
	}

	private internalError(error: unknown): void {
		try {
			this.options.onInternalError?.(error);
		} catch {
			// The error sink itself failed: nothing sensible left to do.
		}
	}
}
