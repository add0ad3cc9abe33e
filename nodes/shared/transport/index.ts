/**
 * The one way this package talks HTTP to GWS:
 * - gwsApiRequest: a REST call; JSON in, JSON object out; any failure is a clear n8n error.
 * - getGwsSession: the session cookie + CSRF token, for the CometD client to join the same session.
 * - gwsRawRequest: one raw exchange with auth, TLS option, cookie and CSRF; every HTTP status is returned.
 * All requests go through n8n's httpRequestWithAuthentication with the `genesysGwsApi` credential.
 */
import type { IDataObject } from 'n8n-workflow';

import type {
	GwsContext,
	GwsRawRequest,
	GwsRawResponse,
	GwsRequestOptions,
	GwsSessionInfo,
} from '../contracts';
import { cookieHeader, storeCookies } from './cookies';
import { forgetGwsCredential, readGwsServer } from './credentials';
import { DEFAULT_TIMEOUT_MS, exchange } from './exchange';
import { gwsReplyError, isSessionRejected, judgeGwsReply, replyOf } from './reply';
import { withQuery } from './paths';
import { absorbResponse, forgetSession, sessionFor, sessionHeaders, toSessionInfo } from './session';

export { GWS_CREDENTIAL_TYPE, checkBaseUrl, forgetGwsCredential, readGwsServer } from './credentials';
export type { GwsServer } from './credentials';
export { describeTarget, scrubSecrets } from './errors';
export { GWS_STATUS_CODES, gwsReplyError, judgeGwsReply } from './reply';
export { describeNetworkFailure } from './networkFailure';
export { fillPath, gwsPath, withQuery } from './paths';
export { clearGwsSessions } from './session';

/**
 * A GWS REST request; success as reply.ts judges it. When GWS refuses the session (401, or 403 "Missing or
 * invalid Csrf token": expired session, restarted server), the transport logs in again once and retries.
 */
export async function gwsApiRequest(
	this: GwsContext,
	opts: GwsRequestOptions,
): Promise<IDataObject> {
	const server = await readGwsServer(this);
	const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const url = withQuery(server.baseUrl + opts.path, opts.qs);
	const bodyText = opts.body !== undefined ? JSON.stringify(opts.body) : undefined;
	const errorContext = {
		baseUrl: server.baseUrl,
		username: server.username,
		method: opts.method,
		path: opts.path,
		operationName:
			typeof opts.body?.operationName === 'string' ? opts.body.operationName : undefined,
		timeoutMs,
		itemIndex: opts.itemIndex,
	};

	let { session, handle } = await sessionFor(this, server, {
		timeoutMs,
		itemIndex: opts.itemIndex,
	});
	for (let attempt = 0; ; attempt++) {
		const response = await exchange(
			this,
			server,
			{
				method: opts.method,
				url,
				body: bodyText,
				headers: { Accept: 'application/json', ...sessionHeaders(session, opts.method) },
				timeoutMs,
				abortSignal: opts.abortSignal,
			},
			opts.itemIndex,
		);
		if (attempt === 0 && isSessionRejected(response.statusCode, response.body)) {
			if (response.statusCode === 401) forgetGwsCredential(this);
			({ session, handle } = await sessionFor(this, server, {
				renew: true,
				stale: handle,
				timeoutMs,
				itemIndex: opts.itemIndex,
			}));
			continue;
		}
		absorbResponse(session, response);
		const verdict = judgeGwsReply(errorContext, replyOf(response));
		if (!verdict.ok) throw gwsReplyError(this.getNode(), errorContext, verdict);
		return verdict.json;
	}
}

/**
 * Forgets the cached GWS session of the context's credential, after an operation with which GWS ends it
 * (EndContactCenterSession "invalidates the HTTP session":
 * https://docs.genesys.com/Documentation/HTCC/8.5.2/API/EndContactCenterSession): the next request logs in anew
 * instead of being refused once with the dead session.
 */
export async function forgetGwsSession(this: GwsContext): Promise<void> {
	forgetSession(await readGwsServer(this));
}

/** The current GWS session (logging in if needed, or again with `renew`), for the CometD client. */
export async function getGwsSession(this: GwsContext, renew = false): Promise<GwsSessionInfo> {
	const server = await readGwsServer(this);
	const { session } = await sessionFor(this, server, { renew });
	return toSessionInfo(server, session);
}

/**
 * One raw exchange (CometD long polls). Adds the session cookie and CSRF header (the caller's headers win;
 * a caller's Cookie header is merged with the session's),
 * keeps cookies the reply sets (e.g. BAYEUX_BROWSER), and returns every HTTP status to the caller. Network
 * failures throw mapped errors; an abort by `req.abortSignal` throws an Error named AbortError.
 */
export async function gwsRawRequest(this: GwsContext, req: GwsRawRequest): Promise<GwsRawResponse> {
	const server = await readGwsServer(this);
	const { session } = await sessionFor(this, server);
	const headers: Record<string, string> = { ...sessionHeaders(session, req.method) };
	for (const [name, value] of Object.entries(req.headers ?? {})) {
		if (name.toLowerCase() === 'cookie') {
			// Merge by cookie name (the caller's value wins) so the session cookie is never dropped.
			const jar = new Map(session.jar);
			storeCookies(jar, value.split(';'));
			headers.Cookie = cookieHeader(jar);
		} else {
			headers[name] = value;
		}
	}
	const response = await exchange(this, server, { ...req, headers });
	absorbResponse(session, response);
	return response;
}
