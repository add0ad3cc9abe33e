/**
 * The one rule for "is this GWS reply a success", used by every REST request, the login and the credential test:
 * HTTP 2xx AND a JSON object whose `statusCode` is 0 or absent. A 200 with any other statusCode (a number other
 * than 0, or a value that is not a number at all) and a 4xx/5xx with statusCode 0 are both failures: GWS's
 * Return Values page says every reply carries statusCode, and only 0 means ok
 * (https://enu.docs.genesys.com/Documentation:HTCC:API:ReturnValues:8.5.2).
 */
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import type { GwsRawResponse } from './requestTypes';
import { CREDENTIAL_FIX, describeTarget, scrubSecrets, whatFailed } from './errors';
import type { FailureText, GwsErrorContext } from './errors';

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

/** A GWS reply as the transport or the credential test received it. */
export interface GwsReply {
	httpStatus: number;
	contentType: string;
	body: string;
}

/** What judgeGwsReply reads of a raw response. */
export function replyOf(response: GwsRawResponse): GwsReply {
	const contentType = response.headers['content-type'];
	return {
		httpStatus: response.statusCode,
		contentType: typeof contentType === 'string' ? contentType : '',
		body: response.body,
	};
}

export type GwsVerdict =
	| { ok: true; json: IDataObject }
	/** `cause` is what an error may carry: GWS's statusCode/statusMessage only, nothing from the request. */
	| { ok: false; httpStatus: number; failure: FailureText; cause: JsonObject };

export function judgeGwsReply(ctx: GwsErrorContext, reply: GwsReply): GwsVerdict {
	let parsed: unknown;
	try {
		parsed = JSON.parse(reply.body);
	} catch {
		parsed = undefined;
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return {
			ok: false,
			httpStatus: reply.httpStatus,
			failure: describeNonJson(ctx, reply),
			cause: { statusCode: reply.httpStatus },
		};
	}
	const json = parsed as JsonObject;
	const httpOk = reply.httpStatus >= 200 && reply.httpStatus < 300;
	if (httpOk && (json.statusCode === undefined || json.statusCode === 0)) {
		return { ok: true, json: json as IDataObject };
	}
	const cause: JsonObject = {};
	if (json.statusCode !== undefined) cause.statusCode = json.statusCode;
	if (typeof json.statusMessage === 'string') cause.statusMessage = scrubSecrets(json.statusMessage, ctx.scrub);
	return {
		ok: false,
		httpStatus: reply.httpStatus,
		failure: describeResponseFailure(ctx, reply, json),
		cause,
	};
}

/** The n8n error for a failed verdict. */
export function gwsReplyError(
	node: INode,
	ctx: GwsErrorContext,
	verdict: Extract<GwsVerdict, { ok: false }>,
): NodeApiError {
	return new NodeApiError(node, verdict.cause, {
		message: verdict.failure.message,
		description: verdict.failure.description,
		httpCode: String(verdict.httpStatus),
		itemIndex: ctx.itemIndex,
	});
}

/**
 * Whether an error from a GWS request says GWS has no such resource (for a call: it was released, or is another
 * agent's): GWS's statusCode 6 "resource not found" (the Return Values page, which gives statusCodes, not HTTP
 * statuses), whatever the HTTP status, or HTTP 404 without a statusCode. The one rule for "the call is gone"
 * (docs/FIDELITY.md part 2, R1).
 */
export function isNotFound(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const statusCode = (error.errorResponse as { statusCode?: unknown } | undefined)?.statusCode;
	if (typeof statusCode === 'number') return statusCode === 6 || (statusCode === 404 && error.httpCode === '404');
	return error.httpCode === '404';
}

/**
 * Whether GWS refused the request's session rather than the request itself, the one rule for REST and CometD
 * (transport/gwsRequests.ts logs in again once and resends; the CometD adapter reports what is left as lasting):
 * - `login`: HTTP 401, the login was not accepted (a session GWS forgot, or a changed password; statusCode 20 is
 *   "User is not authenticated. Any subsequent request should provide credentials": the Return Values page);
 * - `csrf`: HTTP 403 "Missing or invalid Csrf token": the token "shares the life cycle of the HTTP session", and a
 *   request without the session cookie gets the same 403
 *   (https://docs.genesys.com/Documentation/HTCC/latest/API/CSRFProtection).
 * Any other 403 is GWS refusing the operation (statusCode 3 forbidden, 5 no permission): a new session cannot
 * change that, so it is neither retried nor taken for a lost session.
 */
export function sessionRejection(httpStatus: number, bodyText: string): 'login' | 'csrf' | undefined {
	if (httpStatus === 401) return 'login';
	if (httpStatus === 403 && /csrf/i.test(bodyText)) return 'csrf';
	return undefined;
}

const failure = (message: string, description: string): FailureText => ({ message, description });

function describeResponseFailure(ctx: GwsErrorContext, reply: GwsReply, body: JsonObject): FailureText {
	const httpStatus = reply.httpStatus;
	const rawCode = body.statusCode;
	const statusCode = typeof rawCode === 'number' ? rawCode : undefined;
	const statusMessage =
		typeof body.statusMessage === 'string' && body.statusMessage !== ''
			? scrubSecrets(body.statusMessage, ctx.scrub)
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
	if (sessionRejection(httpStatus, reply.body) === 'csrf') {
		return failure(
			`GWS rejected the session's CSRF token for ${whatFailed(ctx)} (HTTP 403), even after logging in again`,
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
	if (rawCode !== undefined && statusCode === undefined) {
		// Not GWS's shape (a proxy or another server answering JSON): say so rather than guess a meaning.
		const shown = scrubSecrets(JSON.stringify(rawCode), ctx.scrub).slice(0, 40);
		return failure(
			`GWS answered ${whatFailed(ctx)} with statusCode ${shown}, which is not a GWS status code (HTTP ${httpStatus})`,
			`${gwsSaid}GWS status codes are numbers and only 0 means success. Check that Base URL ${ctx.baseUrl} points at GWS itself, not at a proxy or another service.`,
		);
	}
	if (statusCode !== undefined && statusCode !== 0) {
		return failure(
			`GWS refused ${whatFailed(ctx)}: ${statusMessage ?? meaning ?? 'no reason given'} (statusCode ${statusCode})`,
			`${gwsSaid}statusCode ${statusCode} means "${meaning ?? 'unknown code'}" (HTTP ${httpStatus}). ${
				statusCode === 2
					? 'Read the call first (operation "Get") to see its state and capabilities.'
					: ''
			}`.trim(),
		);
	}
	return failure(
		`GWS failed ${whatFailed(ctx)} with HTTP ${httpStatus}${statusMessage ? `: ${statusMessage}` : ''}`,
		`GWS answered HTTP ${httpStatus} with ${codeText}. ${
			httpStatus >= 500
				? 'The GWS server or a back end (e.g. T-Server) had a problem; retry later.'
				: ''
		}`.trim(),
	);
}

/** The reply was not a JSON object (a proxy page, a truncated body, another server on that URL). */
function describeNonJson(ctx: GwsErrorContext, reply: GwsReply): FailureText {
	const snippet = scrubSecrets(reply.body.slice(0, 400), ctx.scrub).slice(0, 120).replace(/\s+/g, ' ');
	const contentType = reply.contentType;
	return {
		message: `GWS sent a reply that is not JSON for ${whatFailed(ctx)} (HTTP ${reply.httpStatus}${contentType ? `, ${contentType}` : ''})`,
		description: `${reply.body === '' ? 'The body was empty.' : `It starts with: "${snippet}".`} Check that Base URL ${ctx.baseUrl} points at GWS itself, not at a proxy or login page.`,
	};
}
