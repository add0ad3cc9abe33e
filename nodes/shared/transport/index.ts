/**
 * The one way this package talks HTTP to GWS (implements GwsTransport of ../contracts.ts):
 * - gwsApiRequest: a REST call; JSON in, JSON object out; any failure is a clear n8n error.
 * - getGwsSession: the session cookie + CSRF token, for the CometD client to join the same session.
 * - gwsRawRequest: one raw exchange with auth, TLS option, cookie and CSRF; every HTTP status is returned.
 * All requests go through n8n's httpRequestWithAuthentication with the `genesysGwsApi` credential.
 */
import type { IDataObject, JsonObject } from 'n8n-workflow';

import type {
	GwsContext,
	GwsRawRequest,
	GwsRawResponse,
	GwsRequestOptions,
	GwsSessionInfo,
} from '../contracts';
import { cookieHeader, storeCookies } from './cookies';
import { readGwsServer } from './credentials';
import { isSessionRejected, nonJsonError, responseError } from './errors';
import { DEFAULT_TIMEOUT_MS, exchange } from './exchange';
import { absorbResponse, sessionFor, sessionHeaders, toSessionInfo } from './session';

export { GWS_CREDENTIAL_TYPE, checkBaseUrl, normalizeBaseUrl, readGwsServer } from './credentials';
export type { GwsServer } from './credentials';
export {
	GWS_STATUS_CODES,
	describeNetworkFailure,
	describeNonJson,
	describeResponseFailure,
	describeTarget,
	isAbortError,
	scrubSecrets,
} from './errors';
export { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_S } from './exchange';
export { clearGwsSessions } from './session';

/**
 * True for "." and "..": encodeURIComponent leaves them as they are and the URL parser then removes them as
 * dot segments (".../calls/.." becomes ".../me"), so such an id would address ANOTHER resource.
 */
export function isDotSegment(id: string): boolean {
	return id === '.' || id === '..';
}

/**
 * Builds `/api/v2/...` paths; every id is URL-encoded so `/`, `?` or `#` in it cannot change the path. A
 * dot-segment id cannot be encoded safely (the URL parser also treats %2E%2E as ".."), so it is refused here as
 * a last guard; the node refuses it earlier with the parameter's name.
 */
export function gwsPath(strings: TemplateStringsArray, ...ids: string[]): string {
	const bad = ids.find(isDotSegment);
	if (bad !== undefined) {
		throw new Error(`The id "${bad}" would change the request path; an id cannot be "." or ".."`);
	}
	return strings.reduce(
		(path, part, i) => path + part + (i < ids.length ? encodeURIComponent(ids[i]) : ''),
		'',
	);
}

/** Appends the query string (empty values left out), as every request is sent. */
export function withQuery(url: string, qs?: IDataObject): string {
	if (!qs) return url;
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(qs)) {
		if (value !== undefined && value !== null && value !== '') params.append(name, String(value));
	}
	const query = params.toString();
	return query ? `${url}?${query}` : url;
}

/**
 * A GWS REST request. Success means HTTP 2xx AND statusCode 0 (or none); a 200 with a non-zero statusCode
 * and a 4xx/5xx with statusCode 0 are both failures. When GWS refuses the session (401, or 403 "Missing or
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
			({ session, handle } = await sessionFor(this, server, {
				renew: true,
				stale: handle,
				timeoutMs,
				itemIndex: opts.itemIndex,
			}));
			continue;
		}
		absorbResponse(session, response);
		return interpret(this, errorContext, response);
	}
}

function interpret(
	ctx: GwsContext,
	errorContext: Parameters<typeof responseError>[1],
	response: GwsRawResponse,
): IDataObject {
	let parsed: unknown;
	try {
		parsed = JSON.parse(response.body);
	} catch {
		parsed = undefined;
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		const contentType = response.headers['content-type'];
		throw nonJsonError(
			ctx.getNode(),
			errorContext,
			response.statusCode,
			typeof contentType === 'string' ? contentType : '',
			response.body,
		);
	}
	const json = parsed as JsonObject;
	const httpOk = response.statusCode >= 200 && response.statusCode < 300;
	const gwsOk = json.statusCode === undefined || json.statusCode === 0;
	if (!httpOk || !gwsOk) {
		throw responseError(ctx.getNode(), errorContext, response.statusCode, json, response.body);
	}
	return json as IDataObject;
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
