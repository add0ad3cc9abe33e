/**
 * The Bayeux wire through the shared GWS transport: one module (nodes/shared/transport) owns HTTP, basic auth,
 * the JSESSIONID session, CSRF, the TLS option and error scrubbing for REST and CometD alike.
 */
import type { GwsContext, GwsRawResponse } from '../contracts';
import { forgetGwsCredential, getGwsSession, gwsRawRequest } from '../transport';
import { BAYEUX_BROWSER_COOKIE, type BayeuxCookieJar } from './cookieJar';
import type { BayeuxExchange, BayeuxReply, BayeuxSend } from './longPolling';

/** cometd.js aborts a request itself (maxNetworkDelay + the server's long-poll timeout); this is only a backstop. */
const HTTP_BACKSTOP_TIMEOUT_MS = 120_000;

/** The last reason an exchange failed, in words safe to show (no credentials, no cookies). */
export interface WireDiagnostics {
	lastCause?: string;
	/** GWS refused the credential even after a fresh session: waiting will not help until someone fixes it. */
	authRefused: boolean;
}

export async function resolveBaseUrl(ctx: GwsContext): Promise<string> {
	const session = await getGwsSession.call(ctx, false);
	return session.baseUrl;
}

export function createGwsBayeuxSend(
	ctx: GwsContext,
	jar: BayeuxCookieJar,
	diagnostics: WireDiagnostics,
): BayeuxSend {
	const exchange = async (req: BayeuxExchange): Promise<GwsRawResponse> => {
		const headers: Record<string, string> = { 'Content-Type': 'application/json;charset=UTF-8' };
		// The transport adds the session cookie and merges ours by name (ours win). We send this client's own
		// Bayeux browser cookie, or an empty one before the server gave us one, so a BAYEUX_BROWSER another
		// client left in the shared session jar is dropped (an empty value removes it in the merge): two clients
		// sharing it would get CometD's "multiple-clients" slow polling.
		headers.Cookie = jar.header() || `${BAYEUX_BROWSER_COOKIE}=`;
		const res = await gwsRawRequest.call(ctx, {
			method: 'POST',
			url: req.url,
			body: req.body,
			headers,
			timeoutMs: HTTP_BACKSTOP_TIMEOUT_MS,
			abortSignal: req.abortSignal,
		});
		jar.store(res.headers['set-cookie']);
		return res;
	};

	const sendOnce = async (req: BayeuxExchange): Promise<BayeuxReply> => {
		let res = await exchange(req);
		if ((res.statusCode === 401 || res.statusCode === 403) && !req.abortSignal.aborted) {
			// The REST session is gone (GWS restarted, session expired, CSRF reset): renew it once and retry.
			// Safe to resend: the server refused the request without processing it.
			if (res.statusCode === 401) forgetGwsCredential(ctx);
			await getGwsSession.call(ctx, true);
			res = await exchange(req);
		}
		if (res.statusCode === 401 || res.statusCode === 403) {
			diagnostics.authRefused = true;
			diagnostics.lastCause = `GWS refused the credential (HTTP ${res.statusCode}); check username and password`;
		} else if (res.statusCode !== 200) {
			diagnostics.authRefused = false;
			diagnostics.lastCause = `HTTP ${res.statusCode} from the notification endpoint`;
		} else {
			diagnostics.authRefused = false;
			diagnostics.lastCause = undefined; // a later failure must not be explained by an old one
		}
		return { statusCode: res.statusCode, body: res.body };
	};

	/** Notes why an exchange failed (the transport's errors are already scrubbed n8n errors). */
	const noteFailure = (req: BayeuxExchange, error: Error & { httpCode?: unknown }) => {
		if (req.abortSignal.aborted) return;
		// A failed (re)login with refused credentials (401 / GWS statusCode 20) will not heal by waiting.
		diagnostics.authRefused =
			String(error?.httpCode) === '401' || /username and password/i.test(String(error?.message));
		diagnostics.lastCause = String(error?.message ?? error);
	};

	return async (req) =>
		sendOnce(req).catch((error) => {
			noteFailure(req, error);
			throw error;
		});
}
