/**
 * Which area answers a request: /simulator/... the control API and the console (controlRoute.ts),
 * /api/v2/notifications Bayeux (cometdRoute.ts), /api/v2/... GWS REST (restPipeline.ts); anything else 404.
 * Never crashes and never leaves a request unanswered.
 */
import type * as http from 'http';
import { STATUS } from './errors';
import { sendJson } from './httpUtil';

const NOTIFICATIONS_PATH = '/api/v2/notifications';

type AreaHandler = (req: http.IncomingMessage, res: http.ServerResponse, path: string, query: URLSearchParams, rawUrl: string) => Promise<void>;

export interface Areas {
	control: AreaHandler;
	cometd: AreaHandler;
	rest: AreaHandler;
	/** Logs internal errors to the console (CLI --verbose). */
	verbose: boolean;
}

/** The request handler of the listener (listener.ts). */
export function dispatcher(areas: Areas): (req: http.IncomingMessage, res: http.ServerResponse) => void {
	return (req, res) => {
		dispatch(areas, req, res).catch((error) => answerCrash(res, error, areas.verbose));
	};
}

async function dispatch(areas: Areas, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	const rawUrl = req.url ?? '/';
	const parsed = new URL(rawUrl, 'http://simulator.local');
	let path: string;
	try {
		path = decodeURIComponent(parsed.pathname);
	} catch {
		path = parsed.pathname;
	}
	const query = parsed.searchParams;
	if (path === '/simulator' || path.startsWith('/simulator/')) return areas.control(req, res, path, query, rawUrl);
	if (path === NOTIFICATIONS_PATH || path.startsWith(NOTIFICATIONS_PATH + '/')) return areas.cometd(req, res, path, query, rawUrl);
	if (path === '/api/v2' || path.startsWith('/api/v2/')) return areas.rest(req, res, path, query, rawUrl);
	sendJson(res, 404, { statusCode: STATUS.notFound, statusMessage: `Not found: ${path}; GWS REST is under /api/v2, the control API under /simulator/` });
}

/** Last resort: never crash, never leave a request unanswered. */
function answerCrash(res: http.ServerResponse, error: unknown, verbose: boolean): void {
	if (verbose) console.error('simulator internal error', error);
	if (res.headersSent) {
		res.destroy();
		return;
	}
	sendJson(res, 500, { statusCode: STATUS.internal, statusMessage: `Simulator internal error: ${(error as Error)?.message ?? String(error)}` });
}
