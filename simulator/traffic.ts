/** The REST request log (secrets redacted), injected faults and added latency. */
import type { IncomingMessage } from 'http';
import type { FaultSpec, LoggedRequest } from './api';
import { parseForLog } from './httpUtil';

const REDACTED = '[REDACTED]';
/** Header values that carry credentials or the session: never logged. */
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

export function redactHeaders(headers: IncomingMessage['headers']): Record<string, string | string[] | undefined> {
	const out: Record<string, string | string[] | undefined> = {};
	for (const [name, value] of Object.entries(headers)) out[name] = SECRET_HEADERS.has(name) ? REDACTED : value;
	return out;
}

/** The log keeps each body as text (one copy), at most this many characters of it (the rest: a marker). */
export const LOGGED_BODY_CHARS = 64 * 1024;
/** The log's bounds: entries, and characters of body text over all entries (oldest entries dropped first). */
const LOG_ENTRIES = 10_000;
const LOG_BODY_CHARS = 6 * 1024 * 1024;

/** A body as the log keeps it: the text, cut at LOGGED_BODY_CHARS with a marker saying how long it was. */
export function loggedBodyText(raw: string, limit = LOGGED_BODY_CHARS): string {
	if (raw.length <= limit) return raw;
	return `${raw.slice(0, limit)}… [truncated: ${raw.length} characters in all, ${limit} kept]`;
}

/**
 * A log entry as stored: the body as its text (rawBody); `body` is parsed from it when first read and kept (the
 * benchmarks read the log many times). A body that is not JSON, a cut one included, parses to that same string,
 * so the large ones are held once.
 */
export type StoredRequest = Omit<LoggedRequest, 'body'> & { parsed?: { body: unknown } };

function view(entry: StoredRequest): LoggedRequest {
	entry.parsed ??= { body: parseForLog(entry.rawBody ?? '') };
	const { parsed, ...rest } = entry;
	return { ...rest, body: parsed.body };
}

export class RequestLog {
	private entries: StoredRequest[] = [];
	private bodyChars = 0;
	private seq = 0;
	private readonly listeners = new Set<(entry: LoggedRequest) => void>();

	/** Called with each request once its final status is known (the console's live feed); returns the unsubscribe. */
	listen(listener: (entry: LoggedRequest) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** The request was answered (or reset, or given up on): its status is final. */
	settled(entry: StoredRequest): void {
		if (this.listeners.size === 0) return;
		const seen = view(entry);
		for (const listener of this.listeners) {
			try {
				listener(seen);
			} catch {
				// A listener (the console) must never break request handling.
			}
		}
	}

	/** Logs a request with its body text (kept up to LOGGED_BODY_CHARS); the entry returned gets its status later. */
	add(entry: Omit<LoggedRequest, 'seq' | 'body' | 'rawBody'>, rawBody: string): StoredRequest {
		const logged: StoredRequest = { seq: ++this.seq, ...entry, rawBody: rawBody === '' ? undefined : loggedBodyText(rawBody) };
		this.entries.push(logged);
		this.bodyChars += logged.rawBody?.length ?? 0;
		// Bounded in entries and in body text, so long benchmark runs and large bodies do not grow without limit.
		let drop = Math.max(0, this.entries.length - LOG_ENTRIES);
		let chars = this.bodyChars;
		for (let i = 0; i < drop; i++) chars -= this.entries[i].rawBody?.length ?? 0;
		while (chars > LOG_BODY_CHARS && drop < this.entries.length - 1) chars -= this.entries[drop++].rawBody?.length ?? 0;
		if (drop > 0) {
			this.entries.splice(0, drop);
			this.bodyChars = chars;
		}
		return logged;
	}
	all(): LoggedRequest[] {
		return this.entries.map(view);
	}
	clear(): void {
		this.entries = [];
		this.bodyChars = 0;
	}
	/** The most recent `limit` entries, oldest first. */
	recent(limit: number): LoggedRequest[] {
		return this.entries.slice(-limit).map(view);
	}
}

export class FaultQueue {
	private faults: FaultSpec[] = [];

	add(fault: FaultSpec): void {
		if (!Number.isInteger(fault.count) || fault.count < 1) {
			throw new Error(`fault.count must be a positive integer (got ${JSON.stringify(fault.count)})`);
		}
		const mode = fault.mode ?? 'status';
		if (!['status', 'reset', 'hang'].includes(mode)) {
			throw new Error(`fault.mode must be 'status', 'reset' or 'hang' (got ${JSON.stringify(fault.mode)})`);
		}
		if (mode === 'status' && (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599)) {
			throw new Error(`fault.status must be an HTTP status 100-599 (got ${JSON.stringify(fault.status)})`);
		}
		this.faults.push({ ...fault, mode });
	}

	clear(): void {
		this.faults = [];
	}

	/** The faults still waiting for a matching request (GET /simulator/faults). */
	pending(): FaultSpec[] {
		return this.faults.map((f) => ({ ...f }));
	}

	/** The first fault matching this request, consumed once. */
	take(method: string, path: string): FaultSpec | undefined {
		const index = this.faults.findIndex(
			(f) =>
				f.count > 0 &&
				path.startsWith(f.pathPrefix ?? '/api/v2') &&
				(!f.method || f.method.toUpperCase() === method.toUpperCase()),
		);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		fault.count -= 1;
		if (fault.count <= 0) this.faults.splice(index, 1);
		return fault;
	}
}
