/**
 * A minimal cookie jar for one GWS session: GWS hands out JSESSIONID (and the CometD server BAYEUX_BROWSER);
 * both must be sent back on every request so REST and CometD share one server session
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/CSRFProtection).
 * Path/domain/expiry attributes are ignored: every cookie belongs to the one server in the credential.
 */
export type CookieJar = Map<string, string>;

export function setCookieHeaders(headers: Record<string, unknown>): string[] {
	const raw = headers['set-cookie'];
	if (Array.isArray(raw)) return raw.filter((v): v is string => typeof v === 'string');
	if (typeof raw === 'string') return [raw];
	return [];
}

/** The `name=value` a Set-Cookie line (or one pair of a Cookie header) starts with; undefined without a name. */
export function parseCookiePair(line: string): { name: string; value: string } | undefined {
	const pair = line.split(';', 1)[0];
	const eq = pair.indexOf('=');
	if (eq <= 0) return undefined;
	return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
}

/** Stores every `name=value` from Set-Cookie headers; a cookie set with an empty value is removed. */
export function storeCookies(jar: CookieJar, setCookies: string[]): boolean {
	let changed = false;
	for (const line of setCookies) {
		const pair = parseCookiePair(line);
		if (!pair) continue;
		const { name, value } = pair;
		if (value === '') {
			changed = jar.delete(name) || changed;
		} else if (jar.get(name) !== value) {
			jar.set(name, value);
			changed = true;
		}
	}
	return changed;
}

export function cookieHeader(jar: CookieJar): string {
	return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}
