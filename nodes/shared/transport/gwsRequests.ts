/**
 * The requests this package makes to GWS, each in the GWS session of the context's credential, through n8n's
 * httpRequestWithAuthentication (exchange.ts):
 * - gwsApiRequest: a REST call; JSON in, JSON object out; any failure is a clear n8n error.
 * - gwsRawRequest: one raw exchange (the CometD adapter's long polls); every HTTP status is returned.
 * - getGwsSession / forgetGwsSession: the session for the CometD side to join; forgetting one GWS ended.
 * Both requests take the one retry path (inSession): when GWS refuses the session (reply.ts sessionRejection: an
 * expired session, a restarted server), log in again once and resend.
 */
import type { IDataObject } from 'n8n-workflow';

import { cookieHeader, storeCookies } from './cookies';
import { forgetGwsCredential, readGwsServer, type GwsServer } from './credentials';
import { DEFAULT_TIMEOUT_MS, exchange } from './exchange';
import { withQuery } from './paths';
import { gwsReplyError, judgeGwsReply, replyOf, sessionRejection } from './reply';
import type { GwsContext, GwsRawRequest, GwsRawResponse, GwsRequestOptions, GwsSessionInfo } from './requestTypes';
import { absorbResponse, forgetSession, sessionFor, sessionHeaders, toSessionInfo, type GwsSession } from './session';

/**
 * One exchange in the cached session; when GWS refuses the session, one new login and the same request again
 * (safe to resend: GWS refused it without processing it). A refused login after a 401 reads the credential again
 * next time, so a corrected password is picked up. The reply's cookies and CSRF token are kept.
 */
async function inSession(
	ctx: GwsContext,
	server: GwsServer,
	request: (session: GwsSession) => GwsRawRequest,
	options: { timeoutMs?: number; itemIndex?: number },
): Promise<GwsRawResponse> {
	const { session, handle } = await sessionFor(ctx, server, options);
	let current = session;
	let sent = request(current);
	let response = await exchange(ctx, server, sent, options.itemIndex);
	const rejected = sessionRejection(response.statusCode, response.body);
	if (rejected && !sent.abortSignal?.aborted) {
		if (rejected === 'login') forgetGwsCredential(ctx);
		({ session: current } = await sessionFor(ctx, server, { ...options, renew: true, stale: handle }));
		sent = request(current);
		response = await exchange(ctx, server, sent, options.itemIndex);
	}
	absorbResponse(current, response);
	return response;
}

/** A GWS REST request; success as reply.ts judges it. */
export async function gwsApiRequest(this: GwsContext, opts: GwsRequestOptions): Promise<IDataObject> {
	const server = await readGwsServer(this);
	const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const url = withQuery(server.baseUrl + opts.path, opts.qs);
	const body = opts.body !== undefined ? JSON.stringify(opts.body) : undefined;
	const response = await inSession(
		this,
		server,
		(session) => ({
			method: opts.method,
			url,
			body,
			headers: { Accept: 'application/json', ...sessionHeaders(session, opts.method) },
			timeoutMs,
			abortSignal: opts.abortSignal,
		}),
		{ timeoutMs, itemIndex: opts.itemIndex },
	);
	const errorContext = {
		baseUrl: server.baseUrl,
		username: server.username,
		method: opts.method,
		path: opts.path,
		operationName: typeof opts.body?.operationName === 'string' ? opts.body.operationName : undefined,
		timeoutMs,
		itemIndex: opts.itemIndex,
		scrub: server.scrub,
	};
	const verdict = judgeGwsReply(errorContext, replyOf(response));
	if (!verdict.ok) throw gwsReplyError(this.getNode(), errorContext, verdict);
	return verdict.json;
}

/**
 * One raw exchange (CometD long polls). Adds the session cookie and CSRF header (the caller's headers win; a
 * caller's Cookie header is merged with the session's by cookie name), keeps cookies the reply sets (e.g.
 * BAYEUX_BROWSER), and returns every HTTP status but a refused session's to the caller (that one is renewed and
 * resent once, as for REST). Network failures throw mapped errors; an abort by `req.abortSignal` throws an Error
 * named AbortError.
 */
export async function gwsRawRequest(this: GwsContext, req: GwsRawRequest): Promise<GwsRawResponse> {
	const server = await readGwsServer(this);
	const withSession = (session: GwsSession): GwsRawRequest => {
		const headers: Record<string, string> = { ...sessionHeaders(session, req.method) };
		for (const [name, value] of Object.entries(req.headers ?? {})) {
			if (name.toLowerCase() !== 'cookie') {
				headers[name] = value;
				continue;
			}
			// Merge by cookie name (the caller's value wins) so the session cookie is never dropped.
			const jar = new Map(session.jar);
			storeCookies(jar, value.split(';'));
			headers.Cookie = cookieHeader(jar);
		}
		return { ...req, headers };
	};
	// (The login, when one is needed, keeps its own default timeout, not the long poll's.)
	return await inSession(this, server, withSession, {});
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
