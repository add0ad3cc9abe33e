/**
 * What every GWS REST request under /api/v2 goes through before and after its route (rest.ts): the request log
 * (secrets redacted), added latency, an injected fault, basic auth or the session cookie, CSRF, the JSON body, and
 * GWS's error replies. The route's reply goes out as JSON with HTTP 200.
 */
import type * as http from 'http';
import type { FaultSpec } from './api';
import { CSRF_HEADER_NAME, type AuthResult, type SessionStore } from './auth';
import { preciseNow } from './clock';
import { GwsError, STATUS } from './errors';
import { BodyRefused, readCheckedBody } from './bodyLimits';
import { asGwsError, type Json, sendGwsError, sendJson, sleep } from './httpUtil';
import type { RestRequest } from './rest';
import { type FaultQueue, redactHeaders, type RequestLog, type StoredRequest } from './traffic';

export interface RestPipelineOptions {
	log: RequestLog;
	faults: FaultQueue;
	sessions: SessionStore;
	/** GWS `enableCsrfProtection`. */
	csrf: boolean;
	/** Added latency for every reply, in ms (setLatency changes it). */
	latencyMs: number;
	/** Logs each request line and internal errors to the console (CLI --verbose). */
	verbose: boolean;
	/** Runs the request's route (rest.ts) and what follows every request; throws GwsError to refuse. */
	route: (request: RestRequest) => Json;
}

export class RestPipeline {
	latencyMs: number;

	constructor(private readonly opts: RestPipelineOptions) {
		this.latencyMs = opts.latencyMs;
	}

	async handle(req: http.IncomingMessage, res: http.ServerResponse, rawUrl: string, path: string, query: URLSearchParams): Promise<void> {
		const { log, faults, sessions, csrf, verbose } = this.opts;
		const method = (req.method ?? 'GET').toUpperCase();
		// The body's size and depth are checked before anything else looks at it (bodyLimits.ts): a refused body is
		// logged as a marker, never parsed or kept.
		const read = await readCheckedBody(req, res);
		const refused = read instanceof BodyRefused ? read : undefined;
		const rawBody = refused ? `[not kept: ${refused.message}]` : (read as string);
		const entry = log.add(
			{ time: preciseNow(), method, url: rawUrl, path, headers: redactHeaders(req.headers), status: 0 },
			rawBody,
		);
		res.on('finish', () => {
			entry.status = res.statusCode;
		});
		res.on('close', () => log.settled(entry));
		if (this.latencyMs > 0) await sleep(this.latencyMs);
		if (verbose) console.log(`${new Date().toISOString()} ${method} ${rawUrl}`);
		if (refused) return sendJson(res, refused.httpStatus, { statusCode: STATUS.inputValidation, statusMessage: refused.message });

		const fault = faults.take(method, path);
		if (fault) return applyFault(fault, req, res, entry);

		let auth: AuthResult;
		try {
			auth = sessions.authenticate(req);
		} catch (error) {
			res.setHeader('WWW-Authenticate', 'Basic realm="GWS simulator"');
			return sendGwsError(res, asGwsError(error));
		}
		entry.username = auth.user.username;
		if (auth.setCookie) res.setHeader('Set-Cookie', auth.setCookie);
		if (method === 'GET' && csrf) {
			res.setHeader('X-CSRF-HEADER', CSRF_HEADER_NAME);
			res.setHeader('X-CSRF-TOKEN', auth.session.csrfToken);
		}
		if (csrf && (method === 'POST' || method === 'PUT' || method === 'DELETE') && !sessions.csrfValid(auth, req)) {
			res.statusCode = 403;
			res.setHeader('Content-Type', 'text/plain;charset=UTF-8');
			res.end('Missing or invalid Csrf token');
			return;
		}
		const body = method === 'GET' ? {} : jsonObjectBody(rawBody, res);
		if (body === undefined) return;
		try {
			sendJson(res, 200, this.opts.route({ method, path, query, body, auth }));
		} catch (error) {
			if (!(error instanceof GwsError) && verbose) console.error('simulator internal error', error);
			return sendGwsError(res, asGwsError(error));
		}
	}
}

/** The request body as a JSON object ({} when empty), or undefined after answering 400 for anything else. */
function jsonObjectBody(rawBody: string, res: http.ServerResponse): Record<string, unknown> | undefined {
	if (rawBody.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody);
	} catch (error) {
		sendJson(res, 400, {
			statusCode: STATUS.inputValidation,
			statusMessage: `Malformed JSON request body (${(error as Error).message}); send a JSON object such as {"operationName":"Answer"}`,
		});
		return undefined;
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		sendJson(res, 400, {
			statusCode: STATUS.inputValidation,
			statusMessage: 'The request body must be a JSON object such as {"operationName":"Answer"}',
		});
		return undefined;
	}
	return parsed as Record<string, unknown>;
}

function applyFault(fault: FaultSpec, req: http.IncomingMessage, res: http.ServerResponse, entry: StoredRequest): void {
	if (fault.mode === 'reset') {
		entry.status = -1;
		req.socket.destroy();
		return;
	}
	if (fault.mode === 'hang') {
		entry.status = -2;
		return; // never answered; the socket is destroyed by stop()/close() or by the client giving up
	}
	const body = fault.body ?? { statusCode: STATUS.internal, statusMessage: `Simulated fault: HTTP ${fault.status}` };
	res.statusCode = fault.status;
	if (typeof body === 'string') {
		res.setHeader('Content-Type', 'application/json;charset=UTF-8');
		res.end(body);
	} else {
		sendJson(res, fault.status, body as Json);
	}
}
