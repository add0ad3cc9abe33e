/**
 * What every GWS failure message is built from. Messages name what failed and the fix; they are built only from
 * GWS's statusCode/statusMessage, the method, the path and the base URL, never from request options, so the
 * password, the Authorization header and cookies cannot reach them. Error codes such as ECONNREFUSED stay out of
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
}

export interface FailureText {
	message: string;
	description: string;
}

export const CREDENTIAL_FIX = 'Check the Genesys GWS credential';

/** Removes anything that looks like a credential or session from text GWS (or a proxy) sent back. */
export function scrubSecrets(text: string): string {
	return text
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
