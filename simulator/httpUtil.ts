/** Small HTTP helpers of the simulator server: JSON replies, the GWS error reply, body reading. */
import type * as http from 'http';
import { GwsError, STATUS } from './errors';

export type Json = Record<string, unknown>;

export function sendJson(res: http.ServerResponse, status: number, body: Json): void {
	if (res.headersSent || res.destroyed) return;
	const text = JSON.stringify(body);
	res.statusCode = status;
	res.setHeader('Content-Type', 'application/json;charset=UTF-8');
	res.setHeader('Content-Length', Buffer.byteLength(text));
	res.end(text);
}

/** Keeps our JSESSIONID Set-Cookie when cometd-nodejs-server sets its BAYEUX_BROWSER cookie. */
export function keepSetCookie(res: http.ServerResponse, cookie: string): void {
	res.setHeader('Set-Cookie', cookie);
	const setHeader = res.setHeader.bind(res);
	res.setHeader = (name: string, value: number | string | readonly string[]) => {
		if (name.toLowerCase() !== 'set-cookie') return setHeader(name, value);
		return setHeader(name, [cookie, ...(Array.isArray(value) ? value : [String(value)])]);
	};
}

/** Anything thrown that is not a GwsError is our bug: answer HTTP 500 statusCode 4 instead of crashing. */
export function asGwsError(error: unknown): GwsError {
	if (error instanceof GwsError) return error;
	return new GwsError(500, STATUS.internal, `Simulator internal error: ${(error as Error)?.message ?? String(error)}`);
}

export function sendGwsError(res: http.ServerResponse, error: GwsError): void {
	sendJson(res, error.httpStatus, error.body());
}

export function parseForLog(raw: string): unknown {
	if (raw === '') return undefined;
	try {
		return JSON.parse(raw);
	} catch {
		return raw;
	}
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
