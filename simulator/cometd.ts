/**
 * The Bayeux endpoint at /api/v2/notifications (cometd-nodejs-server, long-polling) with per-user delivery:
 * every CometD session belongs to the user whose credentials (basic auth or JSESSIONID) came with its handshake,
 * and receives only that user's notifications, although every user subscribes to the same /v2/me/... names.
 *
 * Choices (docs silent):
 * - No CSRF token is required on the Bayeux POSTs (docs/FIDELITY.md AU6).
 * - Each request must authenticate (basic auth or the session cookie), like every GWS request; the handshake of an
 *   unauthenticated request is refused, and a message for a clientId handshaken by another user is refused
 *   with HTTP 403 (server.ts checks it before handing the parsed messages to cometd-nodejs-server).
 * - maxSessionsPerBrowser is unlimited: the simulator does not emulate CometD's "multiple-clients" throttling.
 */
import type { IncomingMessage, ServerResponse } from 'http';
import { createCometDServer, type CometDServer, type ServerSession } from 'cometd-nodejs-server';
import type { Notification } from './notifications';

/** The user authenticated by the HTTP layer, read by the handshake policy. */
const USER_KEY = Symbol('gwsUser');
type AuthedRequest = IncomingMessage & { [USER_KEY]?: string };

interface HeldConnect {
	resume(): void;
}
type InternalSession = ServerSession & { _scheduler?: HeldConnect | null };
type InternalServer = CometDServer & { _removeServerSession(session: ServerSession, timeout: boolean): unknown };

export class CometdEndpoint {
	private server!: CometDServer;
	private readonly sessionsByUser = new Map<string, Set<ServerSession>>();
	private readonly userBySession = new Map<ServerSession, string>();

	constructor(private readonly options: { timeoutMs?: number } = {}) {
		this.create();
	}

	/** A fresh server: after a restart every old clientId is unknown (402). */
	private create(): void {
		this.server = createCometDServer({
			maxSessionsPerBrowser: -1,
			...(this.options.timeoutMs ? { timeout: this.options.timeoutMs } : {}),
		});
		const server = this.server;
		server.policy = {
			canHandshake: (session, _message, callback) => {
				const request = server.context?.request as AuthedRequest | undefined;
				const username = request?.[USER_KEY];
				if (!username) return callback(undefined, false);
				this.userBySession.set(session, username);
				let set = this.sessionsByUser.get(username);
				if (!set) this.sessionsByUser.set(username, (set = new Set()));
				set.add(session);
				callback(undefined, true);
			},
		};
		server.addListener('sessionRemoved', (session: ServerSession) => this.forget(session));
	}

	private forget(session: ServerSession): void {
		const username = this.userBySession.get(session);
		if (username === undefined) return;
		this.userBySession.delete(session);
		this.sessionsByUser.get(username)?.delete(session);
	}

	/** The HTTP layer authenticated `username`; a session's later requests must come from the same user. */
	handle(req: IncomingMessage, res: ServerResponse, username: string, messages: unknown[]): void {
		(req as AuthedRequest)[USER_KEY] = username;
		this.addBrowserCookie(req, messages);
		// cometd-nodejs-server uses request.body when it is already parsed.
		(req as IncomingMessage & { body?: unknown }).body = messages;
		this.server.handle(req, res);
	}

	/**
	 * cometd-nodejs-server finds a session through its BAYEUX_BROWSER cookie; the Java CometD server behind GWS
	 * finds it by clientId. Clients that do not send that cookie back (cometd-nodejs-client with a per-instance
	 * cookie store, for one) would get 402 on every message, so the simulator adds the cookie from the clientId.
	 */
	private addBrowserCookie(req: IncomingMessage, messages: unknown[]): void {
		const first = messages[0] as { clientId?: unknown } | undefined;
		if (typeof first?.clientId !== 'string') return;
		const session = this.server.getServerSession(first.clientId) as (ServerSession & { _browserId?: string }) | undefined;
		const browserId = session?._browserId;
		if (!browserId) return;
		const cookie = req.headers.cookie ?? '';
		if (/(^|;\s*)BAYEUX_BROWSER=/.test(cookie)) return;
		req.headers.cookie = cookie ? `${cookie}; BAYEUX_BROWSER=${browserId}` : `BAYEUX_BROWSER=${browserId}`;
	}

	/** Owner of a clientId (used to refuse requests for another user's session). */
	ownerOf(clientId: string): string | undefined {
		const session = this.server.getServerSession(clientId);
		return session ? this.userBySession.get(session) : undefined;
	}

	sessionCount(username?: string): number {
		if (username === undefined) return this.userBySession.size;
		return this.sessionsByUser.get(username)?.size ?? 0;
	}

	/** Delivers to each of the user's sessions subscribed to the channel (or a wildcard covering it). */
	deliver(username: string, notification: Notification): number {
		const sessions = this.sessionsByUser.get(username);
		if (!sessions) return 0;
		let delivered = 0;
		for (const session of sessions) {
			if (!session.subscriptions.some((c) => channelMatches(c.name, notification.channel))) continue;
			session.deliver(null, notification.channel, notification.data);
			delivered++;
		}
		return delivered;
	}

	/** Runs fn with deliveries batched per session (one long-poll reply for many messages). */
	batch(username: string, fn: () => void): void {
		const sessions = [...(this.sessionsByUser.get(username) ?? [])];
		const run = (i: number): void => {
			if (i >= sessions.length) fn();
			else sessions[i].batch(() => run(i + 1));
		};
		run(0);
	}

	/** Forgets every session; held long polls are answered so clients come back and get 402 unknown session. */
	dropSessions(): void {
		const internal = this.server as InternalServer;
		for (const session of [...this.userBySession.keys()]) {
			internal._removeServerSession(session, false);
			(session as InternalSession)._scheduler?.resume();
		}
		this.userBySession.clear();
		this.sessionsByUser.clear();
	}

	/** Restart: drop everything and start a new server instance. */
	restart(): void {
		this.close();
		this.create();
	}

	close(): void {
		this.dropSessions();
		this.server.close();
	}
}

/** Bayeux channel matching: exact, /a/* (one segment), /a/** (any depth). */
export function channelMatches(subscription: string, channel: string): boolean {
	if (subscription === channel) return true;
	if (subscription.endsWith('/**')) return channel.startsWith(subscription.slice(0, -2));
	if (subscription.endsWith('/*')) {
		const base = subscription.slice(0, -1);
		return channel.startsWith(base) && !channel.slice(base.length).includes('/');
	}
	return false;
}
