/**
 * GWS authentication (docs/FIDELITY.md AU1-AU5): HTTP basic auth on any request, a JSESSIONID session cookie, CSRF tokens.
 * Sessions live in memory; stop()/start() drops them like a GWS restart.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'crypto';
import type { IncomingMessage } from 'http';
import { GwsError, STATUS } from './errors';
import type { SimUser, UserDirectory } from './users';

export const CSRF_HEADER_NAME = 'X-CSRF-TOKEN';

export interface HttpSession {
	id: string;
	username: string;
	csrfToken: string;
}

export interface AuthResult {
	user: SimUser;
	session: HttpSession;
	/** True when the request came with a valid JSESSIONID of this session (CSRF needs the cookie). */
	viaCookie: boolean;
	/** Set-Cookie value when this request created the session. */
	setCookie?: string;
}

/**
 * Clients that send basic auth without keeping the cookie get a new session per request; the oldest sessions are
 * forgotten beyond this many (a long benchmark must not grow memory without limit).
 */
const MAX_SESSIONS = 20000;

export class SessionStore {
	private readonly sessions = new Map<string, HttpSession>();

	constructor(private readonly users: UserDirectory) {}

	clear(): void {
		this.sessions.clear();
	}

	invalidate(id: string): void {
		this.sessions.delete(id);
	}

	/** Throws GwsError 401/statusCode 20 for missing or bad credentials; never echoes the password. */
	authenticate(req: IncomingMessage): AuthResult {
		const cookieSession = this.sessionFromCookie(req.headers.cookie);
		const authorization = req.headers.authorization;
		if (authorization !== undefined) {
			const user = this.checkBasic(authorization);
			if (cookieSession && cookieSession.username === user.username) {
				return { user, session: cookieSession, viaCookie: true };
			}
			const session: HttpSession = {
				id: randomBytes(16).toString('hex').toUpperCase(),
				username: user.username,
				csrfToken: randomUUID(),
			};
			this.sessions.set(session.id, session);
			if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value as string);
			return { user, session, viaCookie: false, setCookie: `JSESSIONID=${session.id}; Path=/; HttpOnly` };
		}
		if (cookieSession) {
			const user = this.users.byUsername(cookieSession.username);
			if (user) return { user, session: cookieSession, viaCookie: true };
		}
		throw new GwsError(
			401,
			STATUS.notAuthenticated,
			'Access denied: no credentials (send HTTP basic auth or a valid JSESSIONID session cookie)',
		);
	}

	/** CSRF check for data-changing requests: the session's token in X-CSRF-TOKEN, with the session's cookie. */
	csrfValid(auth: AuthResult, req: IncomingMessage): boolean {
		if (!auth.viaCookie) return false;
		const sent = req.headers[CSRF_HEADER_NAME.toLowerCase()];
		if (typeof sent !== 'string') return false;
		const a = Buffer.from(sent);
		const b = Buffer.from(auth.session.csrfToken);
		return a.length === b.length && timingSafeEqual(a, b);
	}

	private checkBasic(header: string): SimUser {
		const match = /^Basic\s+(\S+)$/i.exec(header.trim());
		const fail = (why: string) =>
			new GwsError(401, STATUS.notAuthenticated, `Access denied: ${why}`);
		if (!match) throw fail('the Authorization header is not HTTP basic auth');
		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon < 0) throw fail('the basic auth value is not base64 of "username:password"');
		const username = decoded.slice(0, colon);
		const password = decoded.slice(colon + 1);
		const user = this.users.byUsername(username);
		if (!user || !safeEqual(password, user.config.password)) {
			// Same message for unknown user and wrong password; the password never appears.
			throw fail(`invalid username or password for user '${username.slice(0, 64)}'`);
		}
		return user;
	}

	private sessionFromCookie(cookieHeader: string | undefined): HttpSession | undefined {
		if (!cookieHeader) return undefined;
		for (const part of cookieHeader.split(';')) {
			const eq = part.indexOf('=');
			if (eq < 0) continue;
			if (part.slice(0, eq).trim() !== 'JSESSIONID') continue;
			const id = part.slice(eq + 1).trim();
			const session = this.sessions.get(id);
			if (session) {
				// Most recently used last, so the cap forgets idle sessions first.
				this.sessions.delete(id);
				this.sessions.set(id, session);
				return session;
			}
		}
		return undefined;
	}
}

function safeEqual(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}
