/**
 * Every GWS failure becomes one of these errors, in this one place. Messages name what failed and the fix;
 * they are built only from GWS's statusCode/statusMessage, the method, the path and the base URL, never from
 * request options, so the password, the Authorization header and cookies cannot reach them. Error codes such
 * as ECONNREFUSED stay out of `message` because n8n replaces messages containing them with generic text.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/** GWS API v2 statusCode values (Return Values page, 8.5.2 / 8.6.0). */
export const GWS_STATUS_CODES: Record<number, string> = {
	0: 'ok',
	1: 'a required parameter is missing',
	2: 'a parameter is not valid for the current state',
	3: 'forbidden',
	4: 'internal error in GWS or a back-end server',
	5: 'no permission',
	6: 'resource not found',
	7: 'partial success',
	8: 'password change demanded',
	9: 'processing incomplete',
	10: 'input validation failed (out of range)',
	11: 'read-only property',
	12: 'unable to retrieve the resource',
	13: 'unable to create the resource',
	14: 'unable to delete the resource',
	15: 'unable to update the resource',
	16: 'unable to assign the resource',
	17: 'unable to unassign the resource',
	18: 'already exists',
	19: 'already in use',
	20: 'user is not authenticated',
};

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

const CREDENTIAL_FIX = 'Check the Genesys GWS credential';

/** Removes anything that looks like a credential or session from text GWS (or a proxy) sent back. */
export function scrubSecrets(text: string): string {
	return text
		.replace(/(proxy-)?authorization\s*[:=]\s*[^\r\n,;"]+/gi, '[redacted header]')
		.replace(/\b(basic|bearer)\s+[A-Za-z0-9+/=._-]{6,}/gi, '$1 [redacted]')
		.replace(/\b(JSESSIONID|BAYEUX_BROWSER|X-CSRF-TOKEN)(\s*[=:]\s*)[^;\s,"]+/gi, '$1$2[redacted]');
}

/** Describes what a path points at, for messages: `call "ABC"`, `device "D1"`, or the path (all shortened). */
export function describeTarget(path: string): string {
	const call = /^\/api\/v2\/me\/calls\/([^/?#]+)/.exec(path);
	if (call) return `call "${shorten(safeDecode(call[1]))}"`;
	const device = /^\/api\/v2\/me\/devices\/([^/?#]+)/.exec(path);
	if (device) return `device "${shorten(safeDecode(device[1]))}"`;
	return shorten(path, 200);
}

/** Messages show at most an excerpt of an id or path, however long the value was. */
function shorten(text: string, max = 80): string {
	return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

const failure = (message: string, description: string): FailureText => ({ message, description });

function what(ctx: GwsErrorContext): string {
	return ctx.operationName
		? `${ctx.operationName} on ${describeTarget(ctx.path)}`
		: `${ctx.method} ${shorten(ctx.path, 200)}`;
}

export interface FailureText {
	message: string;
	description: string;
}

/** True when GWS refused the session (expired cookie, server restart, CSRF token no longer valid). */
export function isSessionRejected(httpStatus: number, bodyText: string): boolean {
	return httpStatus === 401 || (httpStatus === 403 && /csrf/i.test(bodyText));
}

/** Maps a parsed GWS reply that is not a success (HTTP 4xx/5xx, or statusCode != 0) to a clear error. */
export function responseError(
	node: INode,
	ctx: GwsErrorContext,
	httpStatus: number,
	body: JsonObject,
	bodyText: string,
) {
	const { message, description } = describeResponseFailure(ctx, httpStatus, body, bodyText);
	// The plain GWS body (statusCode/statusMessage only) is the error's cause: nothing from the request.
	const cause: JsonObject = {};
	if (body.statusCode !== undefined) cause.statusCode = body.statusCode;
	if (typeof body.statusMessage === 'string')
		cause.statusMessage = scrubSecrets(body.statusMessage);
	return new NodeApiError(node, cause, {
		message,
		description,
		httpCode: String(httpStatus),
		itemIndex: ctx.itemIndex,
	});
}

export function describeResponseFailure(
	ctx: GwsErrorContext,
	httpStatus: number,
	body: JsonObject,
	bodyText: string,
): FailureText {
	const statusCode = typeof body.statusCode === 'number' ? body.statusCode : undefined;
	const statusMessage =
		typeof body.statusMessage === 'string' && body.statusMessage !== ''
			? scrubSecrets(body.statusMessage)
			: undefined;
	const meaning = statusCode !== undefined ? GWS_STATUS_CODES[statusCode] : undefined;
	const codeText =
		statusCode !== undefined
			? `statusCode ${statusCode}${meaning ? ` (${meaning})` : ''}`
			: 'no statusCode';
	const gwsSaid = statusMessage ? `GWS said: "${statusMessage}". ` : '';

	if (httpStatus === 401 || statusCode === 20) {
		return failure(
			`GWS rejected the login of user "${ctx.username}" at ${ctx.baseUrl} (HTTP ${httpStatus})`,
			`${gwsSaid}${CREDENTIAL_FIX}: check username and password.`,
		);
	}
	if (httpStatus === 403 && /csrf/i.test(bodyText)) {
		return failure(
			`GWS rejected the session's CSRF token for ${what(ctx)} (HTTP 403), even after logging in again`,
			'GWS answered "Missing or invalid Csrf token". Check that no proxy between n8n and GWS strips cookies or the X-CSRF-HEADER / X-CSRF-TOKEN headers.',
		);
	}
	if (httpStatus === 404 || statusCode === 6) {
		const target = describeTarget(ctx.path);
		const isCall = target.startsWith('call ');
		return failure(
			isCall
				? `Unknown ${target}: GWS has no such call for user "${ctx.username}"`
				: `GWS could not find ${target} (HTTP ${httpStatus})`,
			`${gwsSaid}${
				isCall
					? 'The call may already be released or belong to another agent. Use the "Get Many" call operation (or pick the call from the list) to see the active calls.'
					: 'Check the id you passed.'
			} (HTTP ${httpStatus}, ${codeText})`,
		);
	}
	if (statusCode !== undefined && statusCode !== 0) {
		return failure(
			`GWS refused ${what(ctx)}: ${statusMessage ?? meaning ?? 'no reason given'} (statusCode ${statusCode})`,
			`${gwsSaid}statusCode ${statusCode} means "${meaning ?? 'unknown code'}" (HTTP ${httpStatus}). ${
				statusCode === 2
					? 'Read the call first (operation "Get") to see its state and capabilities.'
					: ''
			}`.trim(),
		);
	}
	return failure(
		`GWS failed ${what(ctx)} with HTTP ${httpStatus}${statusMessage ? `: ${statusMessage}` : ''}`,
		`GWS answered HTTP ${httpStatus} with ${codeText}. ${
			httpStatus >= 500
				? 'The GWS server or a back end (e.g. T-Server) had a problem; retry later.'
				: ''
		}`.trim(),
	);
}

/** The reply was not a JSON object (a proxy page, a truncated body, another server on that URL). */
export function nonJsonError(
	node: INode,
	ctx: GwsErrorContext,
	httpStatus: number,
	contentType: string,
	bodyText: string,
) {
	const { message, description } = describeNonJson(ctx, httpStatus, contentType, bodyText);
	return new NodeApiError(
		node,
		{ statusCode: httpStatus },
		{ message, description, httpCode: String(httpStatus), itemIndex: ctx.itemIndex },
	);
}

export function describeNonJson(
	ctx: GwsErrorContext,
	httpStatus: number,
	contentType: string,
	bodyText: string,
): FailureText {
	const snippet = scrubSecrets(bodyText.slice(0, 120)).replace(/\s+/g, ' ');
	return {
		message: `GWS sent a reply that is not JSON for ${what(ctx)} (HTTP ${httpStatus}${contentType ? `, ${contentType}` : ''})`,
		description: `${bodyText === '' ? 'The body was empty.' : `It starts with: "${snippet}".`} Check that Base URL ${ctx.baseUrl} points at GWS itself, not at a proxy or login page.`,
	};
}

/** Collects error codes and messages down the cause chain (n8n wraps axios errors in NodeApiError). */
function causeChain(error: unknown): { codes: string[]; messages: string[] } {
	const codes: string[] = [];
	const messages: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const e = current as { code?: unknown; message?: unknown; cause?: unknown; reason?: unknown };
		if (typeof e.code === 'string') codes.push(e.code.toUpperCase());
		if (typeof e.message === 'string') messages.push(e.message);
		current = e.cause ?? e.reason;
	}
	return { codes, messages };
}

const TLS_CODES = [
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'UNABLE_TO_GET_ISSUER_CERT',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'CERT_UNTRUSTED',
	'CERT_SIGNATURE_FAILURE',
];

/** True when the error is the caller's own abort (abortSignal), not a failure of GWS. */
export function isAbortError(error: unknown): boolean {
	const { codes, messages } = causeChain(error);
	return (
		codes.includes('ERR_CANCELED') ||
		messages.some((m) => /^(canceled|aborted|this operation was aborted)$/i.test(m))
	);
}

/** Maps a failure to reach GWS (no HTTP reply) to a clear error naming the base URL and the fix. */
export function networkError(node: INode, ctx: GwsErrorContext, error: unknown) {
	const { message, description } = describeNetworkFailure(ctx, error);
	return new NodeOperationError(node, message, { description, itemIndex: ctx.itemIndex });
}

export function describeNetworkFailure(
	ctx: Pick<GwsErrorContext, 'baseUrl' | 'method' | 'path' | 'timeoutMs'>,
	error: unknown,
): FailureText {
	const { codes, messages } = causeChain(error);
	const has = (...wanted: string[]) => wanted.some((c) => codes.includes(c));
	const text = messages.join(' | ');
	const server = ctx.baseUrl;
	let message: string;
	let description: string;
	if (has('ECONNREFUSED')) {
		message = `Could not connect to GWS at ${server}: the connection was refused`;
		description = `Check Base URL (host and port) in the Genesys GWS credential and that GWS is running and reachable from n8n (connection refused).`;
	} else if (has('ENOTFOUND', 'EAI_AGAIN')) {
		message = `Could not find the GWS host of ${server}`;
		description = `The host name did not resolve (DNS). Check Base URL in the Genesys GWS credential.`;
	} else if (has(...TLS_CODES) || /certificate/i.test(text)) {
		const code = codes.find((c) => TLS_CODES.includes(c)) ?? 'certificate error';
		message = `The TLS certificate of ${server} was not accepted`;
		description = `Node.js said: ${code}. If GWS uses a self-signed or internal certificate, turn on "Ignore SSL Issues (Insecure)" in the Genesys GWS credential, or make n8n trust your CA (NODE_EXTRA_CA_CERTS).`;
	} else if (
		has('EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER') ||
		/wrong version number|ssl/i.test(text)
	) {
		message = `The TLS handshake with ${server} failed`;
		description = `Check whether GWS expects http:// or https:// and use that in Base URL of the Genesys GWS credential.`;
	} else if (has('ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT') || /timeout/i.test(text)) {
		message = `GWS at ${server} did not answer ${ctx.method} ${shorten(ctx.path, 200)} within ${formatSeconds(ctx.timeoutMs)}`;
		description = `Raise the timeout in the node's options, or check the load on GWS and the network between n8n and ${server}.`;
	} else if (
		has('ECONNRESET', 'EPIPE') ||
		// axios' wording when the connection drops after the headers, half-way through the body.
		/socket hang up|stream has been aborted/i.test(text)
	) {
		message = `GWS at ${server} closed the connection during ${ctx.method} ${shorten(ctx.path, 200)}`;
		description =
			'The server or a proxy dropped the connection. Retry, or enable "Retry On Fail" in the node settings.';
	} else {
		message = `The request to GWS at ${server} failed (${ctx.method} ${shorten(ctx.path, 200)})`;
		description = scrubSecrets(messages[messages.length - 1] ?? 'Unknown network error');
	}
	return { message, description };
}

function formatSeconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
