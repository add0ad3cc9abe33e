/**
 * The GWS HTTP session (https://docs.genesys.com/Documentation/HTCC/latest/API/CSRFProtection): a GET /api/v2/me with Basic auth returns the JSESSIONID cookie and,
 * when CSRF protection is on, X-CSRF-HEADER (the header's name) + X-CSRF-TOKEN (its value). Both must go back
 * on every later request. Sessions are cached per (base URL, username, n8n credential id) for the life of the
 * n8n process; the password is neither part of the key nor stored (n8n adds it to each request).
 * Why the credential id: a server that trusts its session cookie without re-checking the Basic header on each
 * request (common for servlet sessions) would otherwise let a second credential with the same username and a
 * wrong password ride on the first one's session.
 */
import type { GwsContext, GwsRawResponse, GwsSessionInfo } from './requestTypes';
import { cookieHeader, setCookieHeaders, storeCookies } from './cookies';
import type { CookieJar } from './cookies';
import { forgetGwsCredential, type GwsServer } from './credentials';
import { GWS_PATHS } from '../gwsResources';
import { exchange } from './exchange';
import { gwsReplyError, judgeGwsReply, replyOf } from './reply';

export interface GwsSession {
	jar: CookieJar;
	csrfHeaderName?: string;
	csrfToken?: string;
}

const sessions = new Map<string, Promise<GwsSession>>();

function sessionKey(server: GwsServer): string {
	return `${server.baseUrl}\n${server.username}\n${server.credentialId}`;
}

function headerValue(response: GwsRawResponse, name: string): string | undefined {
	const value = response.headers[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/** Keeps cookies and a (re-issued) CSRF token from any GWS reply. */
export function absorbResponse(session: GwsSession, response: GwsRawResponse): void {
	storeCookies(session.jar, setCookieHeaders(response.headers));
	const token = headerValue(response, 'X-CSRF-TOKEN');
	if (token) {
		session.csrfToken = token;
		session.csrfHeaderName =
			headerValue(response, 'X-CSRF-HEADER') ?? session.csrfHeaderName ?? 'X-CSRF-TOKEN';
	}
}

/** Headers that carry the session: the cookie always, the CSRF token on data-changing requests. */
export function sessionHeaders(session: GwsSession, method: string): Record<string, string> {
	const headers: Record<string, string> = {};
	const cookies = cookieHeader(session.jar);
	if (cookies) headers.Cookie = cookies;
	if (method.toUpperCase() !== 'GET' && session.csrfHeaderName && session.csrfToken) {
		headers[session.csrfHeaderName] = session.csrfToken;
	}
	return headers;
}

async function login(
	ctx: GwsContext,
	server: GwsServer,
	timeoutMs?: number,
	itemIndex?: number,
): Promise<GwsSession> {
	const path = GWS_PATHS.me;
	const response = await exchange(
		ctx,
		server,
		{
			method: 'GET',
			url: server.baseUrl + path,
			headers: { Accept: 'application/json' },
			timeoutMs,
		},
		itemIndex,
	);
	const errorContext = {
		baseUrl: server.baseUrl,
		username: server.username,
		method: 'GET',
		path,
		timeoutMs: timeoutMs ?? 0,
		itemIndex,
		scrub: server.scrub,
	};
	const verdict = judgeGwsReply(errorContext, replyOf(response));
	if (!verdict.ok) {
		// Refused credentials: read them again next time (the user may have corrected the password).
		if (verdict.httpStatus === 401 || verdict.cause.statusCode === 20) forgetGwsCredential(ctx);
		throw gwsReplyError(ctx.getNode(), errorContext, verdict);
	}
	const session: GwsSession = { jar: new Map() };
	absorbResponse(session, response);
	return session;
}

/** The cached session for this server and user, logging in when there is none (or `renew`). */
export async function sessionFor(
	ctx: GwsContext,
	server: GwsServer,
	options: {
		renew?: boolean;
		stale?: Promise<GwsSession>;
		timeoutMs?: number;
		itemIndex?: number;
	} = {},
): Promise<{ session: GwsSession; handle: Promise<GwsSession> }> {
	const key = sessionKey(server);
	let handle = sessions.get(key);
	// Renew only if nobody renewed it meanwhile (parallel items share one new login).
	const mustRenew = options.renew && (options.stale === undefined || options.stale === handle);
	if (!handle || mustRenew) {
		handle = login(ctx, server, options.timeoutMs, options.itemIndex);
		sessions.set(key, handle);
		// A failed login is not cached: the next request tries again.
		handle.catch(() => {
			if (sessions.get(key) === handle) sessions.delete(key);
		});
	}
	return { session: await handle, handle };
}

export function toSessionInfo(server: GwsServer, session: GwsSession): GwsSessionInfo {
	return {
		baseUrl: server.baseUrl,
		cookieHeader: cookieHeader(session.jar),
		csrfHeaderName: session.csrfHeaderName,
		csrfToken: session.csrfToken,
	};
}

/** Forgets the cached session of this server and user (GWS ended it: EndContactCenterSession). */
export function forgetSession(server: GwsServer): void {
	sessions.delete(sessionKey(server));
}

/** Forgets every cached session (tests; a restarted simulator). */
export function clearGwsSessions(): void {
	sessions.clear();
}
