/**
 * /api/v2/notifications: Bayeux (cometd.ts) behind the same authentication as REST (no CSRF, as GWS), and a CometD
 * client id only for the user who handshook it.
 */
import type * as http from 'http';
import type { AuthResult, SessionStore } from './auth';
import type { CometdEndpoint } from './cometd';
import { STATUS } from './errors';
import { BodyRefused, readCheckedBody } from './bodyLimits';
import { asGwsError, keepSetCookie, sendGwsError, sendJson } from './httpUtil';

export interface CometdRouteDeps {
	sessions: SessionStore;
	cometd: CometdEndpoint;
}

export async function serveCometd(deps: CometdRouteDeps, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	// The body's size and depth first, as on REST (bodyLimits.ts): nothing looks at a refused body, not even auth.
	const raw = await readCheckedBody(req, res);
	if (raw instanceof BodyRefused) return sendJson(res, raw.httpStatus, { statusCode: STATUS.inputValidation, statusMessage: raw.message });
	let auth: AuthResult;
	try {
		auth = deps.sessions.authenticate(req);
	} catch (error) {
		return sendGwsError(res, asGwsError(error));
	}
	let messages: unknown;
	try {
		messages = JSON.parse(raw);
	} catch {
		return sendJson(res, 400, { statusCode: STATUS.inputValidation, statusMessage: 'Malformed Bayeux request: the body is not JSON' });
	}
	if (!Array.isArray(messages)) messages = [messages];
	const notMessage = (messages as unknown[]).findIndex((m) => m === null || typeof m !== 'object' || Array.isArray(m) || typeof (m as { channel?: unknown }).channel !== 'string');
	if (notMessage >= 0) {
		return sendJson(res, 400, {
			statusCode: STATUS.inputValidation,
			statusMessage: `Malformed Bayeux request: message ${notMessage + 1} is not an object with a "channel" string, e.g. {"channel":"/meta/connect","clientId":"...","connectionType":"long-polling"}`,
		});
	}
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
