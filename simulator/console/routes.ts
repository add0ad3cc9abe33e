/**
 * The console's own routes under /simulator/ (after the control API's loopback and origin checks, controlRoute.ts):
 *   GET /simulator/console            the page (html.ts, with the catalog of catalog.ts)
 *   GET /simulator/console/app.js     its script (script.ts: the bundle of page/*.ts)
 *   GET /simulator/console/style.css  its styles (style.ts)
 *   GET /simulator/events             the live feed (feed.ts)
 * The page drives the simulator through the documented control API only (control.ts), like any script would.
 */
import type * as http from 'http';
import { lookup } from '../lookup';
import { consoleCatalog } from './catalog';
import { CONSOLE_PATH, EVENTS_PATH, SCRIPT_PATH, STYLE_PATH } from './contract';
import type { ConsoleFeed } from './feed';
import { consoleHtml } from './html';
import { consoleScript } from './script';
import { STYLE_CSS } from './style';

/** Each asset's type and body, made on first request (the script may need bundling first). */
const ASSETS: Record<string, { type: string; body: () => string }> = {
	[CONSOLE_PATH]: { type: 'text/html; charset=utf-8', body: once(() => consoleHtml(consoleCatalog())) },
	[SCRIPT_PATH]: { type: 'text/javascript; charset=utf-8', body: consoleScript },
	[STYLE_PATH]: { type: 'text/css; charset=utf-8', body: () => STYLE_CSS },
};

function once(make: () => string): () => string {
	let value: string | undefined;
	return () => (value ??= make());
}

/** Only the simulator's own files run in the page, it cannot be framed, and nothing is loaded from elsewhere. */
const SECURITY_HEADERS = {
	'Content-Security-Policy':
		"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	'X-Frame-Options': 'DENY',
};

/** Serves the console's routes; false when `path` is not one of them. */
export function serveConsole(feed: ConsoleFeed, req: http.IncomingMessage, res: http.ServerResponse, path: string): boolean {
	const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
	const asset = lookup(ASSETS, normalized);
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
	const body = asset.body();
	res.writeHead(200, {
		...SECURITY_HEADERS,
		'Content-Type': asset.type,
		'Content-Length': Buffer.byteLength(body),
		'Cache-Control': 'no-cache',
	});
	res.end(method === 'HEAD' ? undefined : body);
	return true;
}
