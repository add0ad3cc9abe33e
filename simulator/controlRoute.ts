/**
 * /simulator/...: for loopback clients and the simulator's own pages only (controlGuard.ts), the console's routes
 * (console/routes.ts), then the control API (control.ts) with a JSON body. Errors: 404 for an unknown agent, call
 * or route (ControlNotFound), 400 for anything else, as {"error": "..."}.
 */
import type * as http from 'http';
import type { ConsoleFeed } from './console/feed';
import { serveConsole } from './console/routes';
import { routeControl } from './control';
import { controlRefusal } from './controlGuard';
import { ControlNotFound } from './controlNotFound';
import { BodyRefused, readCheckedBody } from './bodyLimits';
import { type Json, sendJson } from './httpUtil';
import type { Simulator } from './server';

export async function serveControl(
	sim: Simulator,
	feed: ConsoleFeed,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	path: string,
	query: URLSearchParams,
): Promise<void> {
	const refusal = controlRefusal(req);
	if (refusal) return sendJson(res, 403, { error: refusal });
	if (serveConsole(feed, req, res, path)) return;
	const raw = await readCheckedBody(req, res);
	if (raw instanceof BodyRefused) return sendJson(res, raw.httpStatus, { error: raw.message });
	let body: unknown = {};
	if (raw.trim() !== '') {
		try {
			body = JSON.parse(raw);
		} catch (error) {
			return sendJson(res, 400, { error: `Malformed JSON body: ${(error as Error).message}` });
		}
	}
	try {
		let afterReply: (() => void) | undefined;
		const reply = await routeControl(sim, (req.method ?? 'GET').toUpperCase(), path, query, body, (action) => (afterReply = action));
		if (afterReply) {
			// The action (a restart) closes every connection: this reply goes out first, on a connection of its own.
			res.setHeader('Connection', 'close');
			res.once('finish', afterReply);
		}
		sendJson(res, 200, reply as Json);
	} catch (error) {
		const status = error instanceof ControlNotFound ? 404 : 400;
		sendJson(res, status, { error: (error as Error).message });
	}
}
