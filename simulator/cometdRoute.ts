/**
 * /api/v2/notifications: Bayeux (cometd.ts) behind the same authentication as REST (no CSRF, as GWS), and a CometD
 * client id only for the user who handshook it.
 */
import type * as http from 'http';
import type { AuthResult, SessionStore } from './auth';
import type { CometdEndpoint } from './cometd';
import { STATUS } from './errors';
import { asGwsError, keepSetCookie, readBody, sendGwsError, sendJson } from './httpUtil';

export interface CometdRouteDeps {
	sessions: SessionStore;
	cometd: CometdEndpoint;
}

export async function serveCometd(deps: CometdRouteDeps, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	let auth: AuthResult;
	try {
		auth = deps.sessions.authenticate(req);
	} catch (error) {
		await readBody(req).catch(() => undefined);
		return sendGwsError(res, asGwsError(error));
	}
	const raw = await readBody(req);
	let messages: unknown;
	try {
		messages = JSON.parse(raw);
	} catch {
		return sendJson(res, 400, { statusCode: STATUS.inputValidation, statusMessage: 'Malformed Bayeux request: the body is not JSON' });
	}
	if (!Array.isArray(messages)) messages = [messages];
	const { cometd } = deps;
	for (const m of messages as Array<{ clientId?: unknown }>) {
		const owner = typeof m?.clientId === 'string' ? cometd.ownerOf(m.clientId) : undefined;
		if (owner !== undefined && owner !== auth.user.username) {
			return sendJson(res, 403, { statusCode: STATUS.forbidden, statusMessage: `CometD client ${m.clientId} belongs to another user` });
		}
	}
	if (auth.setCookie) keepSetCookie(res, auth.setCookie);
	cometd.handle(req, res, auth.user.username, messages as unknown[]);
}
