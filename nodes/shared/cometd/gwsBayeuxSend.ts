/**
 * The Bayeux wire through the shared GWS transport: one module (nodes/shared/transport) owns HTTP, basic auth,
 * the JSESSIONID session, CSRF, the TLS option, renewing a refused session and error scrubbing for REST and
 * CometD alike. This module only adds the Bayeux cookie and says, with each reply, why an exchange failed.
 */
import { getGwsSession, gwsRawRequest, sessionRejection, type GwsContext, type GwsRawResponse } from '../transport';
import { BAYEUX_BROWSER_COOKIE, type BayeuxCookieJar } from './cookieJar';
import type { BayeuxExchange, BayeuxReply, BayeuxSend, WireFailure } from './longPolling';

/** cometd.js aborts a request itself (maxNetworkDelay + the server's long-poll timeout); this is only a backstop. */
const HTTP_BACKSTOP_TIMEOUT_MS = 120_000;

export async function resolveBaseUrl(ctx: GwsContext): Promise<string> {
	const session = await getGwsSession.call(ctx, false);
	return session.baseUrl;
}

/** Why a reply is a failure (undefined for a 200). The transport already renewed a refused session once. */
function failureOfReply(res: GwsRawResponse): WireFailure | undefined {
	if (res.statusCode === 200) return undefined;
	const rejected = sessionRejection(res.statusCode, res.body);
	if (rejected === 'login') {
		return { cause: `GWS refused the credential (HTTP ${res.statusCode}); check username and password`, sessionRefused: true };
	}
	if (rejected === 'csrf') {
		return {
			cause: `GWS rejected the session's CSRF token (HTTP ${res.statusCode}) even after logging in again; check that no proxy strips cookies or the X-CSRF-HEADER / X-CSRF-TOKEN headers`,
			sessionRefused: true,
		};
	}
	return { cause: `HTTP ${res.statusCode} from the notification endpoint`, sessionRefused: false };
}

/** Why an exchange got no reply (the transport's errors are already scrubbed n8n errors). */
function failureOfError(error: Error & { httpCode?: unknown }): WireFailure {
	// A failed (re)login with refused credentials (401 / GWS statusCode 20) will not heal by waiting.
	const sessionRefused = String(error?.httpCode) === '401' || /username and password/i.test(String(error?.message));
	return { cause: String(error?.message ?? error), sessionRefused };
}

export function createGwsBayeuxSend(ctx: GwsContext, jar: BayeuxCookieJar): BayeuxSend {
	return async (req: BayeuxExchange) => {
		const headers: Record<string, string> = { 'Content-Type': 'application/json;charset=UTF-8' };
		// The transport adds the session cookie and merges ours by name (ours win). We send this client's own
		// Bayeux browser cookie, or an empty one before the server gave us one, so a BAYEUX_BROWSER another
		// client left in the shared session jar is dropped (an empty value removes it in the merge): two clients
		// sharing it would get CometD's "multiple-clients" slow polling.
		headers.Cookie = jar.header() || `${BAYEUX_BROWSER_COOKIE}=`;
		const exchange = { method: 'POST' as const, url: req.url, body: req.body, headers, timeoutMs: HTTP_BACKSTOP_TIMEOUT_MS };
		return await gwsRawRequest.call(ctx, { ...exchange, abortSignal: req.abortSignal }).then(
			(res): BayeuxReply => {
				jar.store(res.headers['set-cookie']);
				return { statusCode: res.statusCode, body: res.body, failure: failureOfReply(res) };
			},
			(error: Error): BayeuxReply => {
				if (req.abortSignal.aborted) throw error; // the caller stopped it: no failure to report
				return { statusCode: 0, body: '', failure: failureOfError(error) };
			},
		);
	};
}
