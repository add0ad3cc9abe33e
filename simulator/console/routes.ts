/**
 * The console's own routes under /simulator/ (after the control API's loopback and origin checks, server.ts):
 *   GET /simulator/console            the page
 *   GET /simulator/console/app.js     its script
 *   GET /simulator/console/style.css  its styles
 *   GET /simulator/events             the live feed (feed.ts)
 * The page drives the simulator through the documented control API only (control.ts), like any script would.
 * Its files are TypeScript string modules (page/*.ts) so that `tsc` ships them in dist/simulator without a copy
 * step, and the package scanner, which lints every .js file of the tarball as node code, never sees browser code.
 */
import type * as http from 'http';
import type { ConsoleFeed } from './feed';
import { APP_JS } from './page/app';
import { CONSOLE_HTML } from './page/html';
import { STYLE_CSS } from './page/style';

const CONSOLE_PATH = '/simulator/console';

const ASSETS: Record<string, { type: string; body: string }> = {
	[CONSOLE_PATH]: { type: 'text/html; charset=utf-8', body: CONSOLE_HTML },
	[`${CONSOLE_PATH}/app.js`]: { type: 'text/javascript; charset=utf-8', body: APP_JS },
	[`${CONSOLE_PATH}/style.css`]: { type: 'text/css; charset=utf-8', body: STYLE_CSS },
};

/** Only the simulator's own files run in the page, it cannot be framed, and nothing is loaded from elsewhere. */
const SECURITY_HEADERS = {
	'Content-Security-Policy':
		"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	'X-Frame-Options': 'DENY',
};

const EVENTS_PATH = '/simulator/events';

/** Serves the console's routes; false when `path` is not one of them. */
export function serveConsole(feed: ConsoleFeed, req: http.IncomingMessage, res: http.ServerResponse, path: string): boolean {
	const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
	const asset = ASSETS[normalized];
	if (!asset && normalized !== EVENTS_PATH) return false;
	const method = (req.method ?? 'GET').toUpperCase();
	const allowed = asset ? ['GET', 'HEAD'] : ['GET'];
	if (!allowed.includes(method)) {
		const text = JSON.stringify({ error: `${normalized} only answers ${allowed.join(' and ')}` });
		res.writeHead(405, { Allow: allowed.join(', '), 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
		res.end(text);
		return true;
	}
	if (!asset) {
		feed.open(res);
		return true;
	}
	res.writeHead(200, {
		...SECURITY_HEADERS,
		'Content-Type': asset.type,
		'Content-Length': Buffer.byteLength(asset.body),
		'Cache-Control': 'no-cache',
	});
	res.end(method === 'HEAD' ? undefined : asset.body);
	return true;
}
