import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { GwsContext, GwsRawRequest, GwsRawResponse } from './requestTypes';
import { GWS_CREDENTIAL_TYPE, readGwsCredential } from './credentials';
import type { GwsServer } from './credentials';
import { isAbortError, networkError } from './networkFailure';

/** REST calls answer quickly; callers with long polls pass their own timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * n8n-core replaces `abortSignal` with the execution's cancel signal in execute contexts. To keep both (the
 * caller's, e.g. a CometD client being stopped, and n8n's "cancel execution"), hand n8n a view of the context
 * whose cancel signal is the combination. Trigger and load-options contexts keep the caller's signal as is.
 */
function withAbortSignal(ctx: GwsContext, signal: AbortSignal): GwsContext {
	if (!('getExecutionCancelSignal' in ctx) || typeof ctx.getExecutionCancelSignal !== 'function')
		return ctx;
	const executionSignal = (ctx as IExecuteFunctions).getExecutionCancelSignal();
	const combined = executionSignal ? AbortSignal.any([signal, executionSignal]) : signal;
	return Object.create(ctx, { getExecutionCancelSignal: { value: () => combined } }) as GwsContext;
}

function plainHeaders(headers: unknown): Record<string, string | string[] | undefined> {
	const source =
		headers && typeof (headers as { toJSON?: unknown }).toJSON === 'function'
			? (headers as { toJSON: () => unknown }).toJSON()
			: headers;
	const result: Record<string, string | string[] | undefined> = {};
	if (source && typeof source === 'object') {
		for (const [name, value] of Object.entries(source)) {
			if (typeof value === 'string' || Array.isArray(value)) result[name.toLowerCase()] = value;
			else if (value !== undefined && value !== null) result[name.toLowerCase()] = String(value);
		}
	}
	return result;
}

/**
 * One HTTP exchange through n8n's `httpRequestWithAuthentication` (credential auth, proxy, TLS option).
 * Every HTTP status is returned to the caller; only a failure to get any reply throws (mapped, scrubbed).
 * An abort by the caller's signal is rethrown as a plain Error named AbortError.
 */
export async function exchange(
	ctx: GwsContext,
	server: GwsServer,
	req: GwsRawRequest,
	itemIndex?: number,
): Promise<GwsRawResponse> {
	const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const headers: Record<string, string> = { ...(req.headers ?? {}) };
	const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
	// A string body would otherwise go out as form-urlencoded.
	if (req.body !== undefined && !hasContentType) headers['Content-Type'] = 'application/json';
	const options: IHttpRequestOptions = {
		method: req.method,
		url: req.url,
		headers,
		body: req.body,
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
		skipSslCertificateValidation: server.allowUnauthorizedCerts,
		abortSignal: req.abortSignal,
	};
	const target = req.abortSignal ? withAbortSignal(ctx, req.abortSignal) : ctx;
	let response: { statusCode?: number; headers?: unknown; body?: unknown };
	try {
		// The credential read once (credentials.ts): n8n applies its auth without reading and decrypting it again.
		const { decrypted } = await readGwsCredential(ctx);
		response = await ctx.helpers.httpRequestWithAuthentication.call(target, GWS_CREDENTIAL_TYPE, options, {
			credentialsDecrypted: decrypted,
		});
	} catch (error) {
		if (req.abortSignal?.aborted || isAbortError(error)) {
			const aborted = new Error(`The request ${req.method} ${pathOf(req.url)} was aborted`);
			aborted.name = 'AbortError';
			throw aborted;
		}
		throw networkError(
			ctx.getNode(),
			{
				baseUrl: server.baseUrl,
				username: server.username,
				method: req.method,
				path: pathOf(req.url),
				timeoutMs,
				itemIndex,
				scrub: server.scrub,
			},
			error,
		);
	}
	const body = response.body;
	return {
		statusCode: typeof response.statusCode === 'number' ? response.statusCode : 0,
		headers: plainHeaders(response.headers),
		body:
			typeof body === 'string'
				? body
				: body === undefined || body === null
					? ''
					: JSON.stringify(body),
	};
}

function pathOf(url: string): string {
	try {
		const parsed = new URL(url);
		return parsed.pathname + parsed.search;
	} catch {
		return url;
	}
}
