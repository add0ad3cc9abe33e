/**
 * Per-client jar for the cookie the CometD server itself sets: `BAYEUX_BROWSER`, which CometD servers use to find
 * a client's sessions and to detect several clients in one "browser". Each notification client has its own jar, so
 * clients for different users (or two clients of one user) never share it.
 *
 * JSESSIONID and any other cookie belong to the REST session, which the shared transport owns; they are not kept
 * here, so one module stays the only owner of the session.
 */
import { parseCookiePair } from '../transport/cookies';

export const BAYEUX_BROWSER_COOKIE = 'BAYEUX_BROWSER';

export class BayeuxCookieJar {
	private readonly cookies = new Map<string, string>();

	/** Keeps the Bayeux cookie(s) out of a response's Set-Cookie header(s). */
	store(setCookie: string | string[] | undefined): void {
		if (!setCookie) return;
		for (const header of Array.isArray(setCookie) ? setCookie : [setCookie]) {
			const pair = parseCookiePair(header);
			if (pair?.name === BAYEUX_BROWSER_COOKIE) this.cookies.set(pair.name, `${pair.name}=${pair.value}`);
		}
	}

	/** `name=value; ...` for a Cookie header, or '' when empty. */
	header(): string {
		return [...this.cookies.values()].join('; ');
	}

	clear(): void {
		this.cookies.clear();
	}
}
