/**
 * What every GWS failure message is built from. Messages name what failed and the fix; they are built only from
 * GWS's statusCode/statusMessage, the method, the path and the base URL, never from request options, so the
 * password, the Authorization header and cookies cannot reach them from our side. What GWS or a proxy sends back
 * may still echo them ("Login failed for agent1 with password ..."), so every text taken from a reply goes
 * through scrubSecrets with the credential's own secrets (credentialScrubber). Error codes such as ECONNREFUSED stay out of
 * `message` because n8n replaces messages containing them with generic text.
 * reply.ts judges GWS's replies; networkFailure.ts explains failures to get one.
 */
import { callIdFromReference, safeDecode } from '../callReference';
import { excerpt } from '../text';

export interface GwsErrorContext {
	baseUrl: string;
	username: string;
	method: string;
	/** Path from the server root, as sent (ids URL-encoded). */
	path: string;
	/** GWS operationName of the request body, if any. */
	operationName?: string;
	timeoutMs: number;
	itemIndex?: number;
	/** Hides the credential's own secrets in text taken from a reply (credentialScrubber). */
	scrub?: Scrub;
}

/** Replaces the credential's secrets in a text with [redacted]. */
export type Scrub = (text: string) => string;

/**
 * Passwords shorter than this are not searched for: hiding every "ab" of a message would garble it, and a password
 * that short is guessed faster than read from an error.
 */
const MIN_SECRET_LENGTH = 4;

/**
 * The scrubber of one credential: its password as sent and as JSON, a URL or a form would escape it, and
 * `user:password` in base64 (a Basic Authorization value). The secrets live only in this closure, so a context
 * that carries it shows none of them when logged or serialized.
 */
export function credentialScrubber(username: string, password: string): Scrub {
	if (password.length < MIN_SECRET_LENGTH) return (text) => text;
	const secrets = new Set([
		password,
		JSON.stringify(password).slice(1, -1),
		encodeURIComponent(password),
		Buffer.from(`${username}:${password}`).toString('base64'),
		Buffer.from(`${username}:${password}`).toString('base64').replace(/=+$/, ''),
	]);
	// Longest first, so that a secret containing another is hidden whole.
	const ordered = [...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
	return (text) => {
		let out = text;
		for (const secret of ordered) out = out.split(secret).join('[redacted]');
		return out;
	};
}

export interface FailureText {
	message: string;
	description: string;
}

export const CREDENTIAL_FIX = 'Check the Genesys GWS credential';

/**
 * Removes anything that looks like a credential or session from text GWS (or a proxy) sent back, and with
 * `scrub` the credential's own secrets (credentialScrubber).
 */
export function scrubSecrets(text: string, scrub?: Scrub): string {
	return (scrub ? scrub(text) : text)
		.replace(/(proxy-)?authorization\s*[:=]\s*[^\r\n,;"]+/gi, '[redacted header]')
		.replace(/\b(basic|bearer)\s+[A-Za-z0-9+/=._-]{6,}/gi, '$1 [redacted]')
		.replace(/\b(JSESSIONID|BAYEUX_BROWSER|X-CSRF-TOKEN)(\s*[=:]\s*)[^;\s,"]+/gi, '$1$2[redacted]');
}

/** Describes what a path points at, for messages: `call "ABC"`, `device "D1"`, or the path (all shortened). */
export function describeTarget(path: string): string {
	const [pathOnly] = path.split(/[?#]/);
	const callPath = /^\/api\/v2\/me\/calls\/[^/]+/.exec(pathOnly)?.[0];
	const call = callPath === undefined ? undefined : callIdFromReference(callPath, { bare: false });
	if (call !== undefined) return `call "${excerpt(call, 80)}"`;
	const device = /^\/api\/v2\/me\/devices\/([^/]+)/.exec(pathOnly);
	if (device) return `device "${excerpt(safeDecode(device[1]), 80)}"`;
	return excerpt(path, 200);
}

/** "Hold on call "ABC"" for operations, "GET /api/v2/me/calls" otherwise. */
export function whatFailed(ctx: GwsErrorContext): string {
	return ctx.operationName
		? `${ctx.operationName} on ${describeTarget(ctx.path)}`
		: `${ctx.method} ${excerpt(ctx.path, 200)}`;
}
