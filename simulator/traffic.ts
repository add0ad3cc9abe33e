/** The REST request log (secrets redacted), injected faults and added latency. */
import type { IncomingMessage } from 'http';
import type { FaultSpec, LoggedRequest } from './api';

const REDACTED = '[REDACTED]';
/** Header values that carry credentials or the session: never logged. */
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

export function redactHeaders(headers: IncomingMessage['headers']): Record<string, string | string[] | undefined> {
	const out: Record<string, string | string[] | undefined> = {};
	for (const [name, value] of Object.entries(headers)) out[name] = SECRET_HEADERS.has(name) ? REDACTED : value;
	return out;
}

export class RequestLog {
	private entries: LoggedRequest[] = [];
	private seq = 0;
	private readonly listeners = new Set<(entry: LoggedRequest) => void>();

	/** Called with each request once its final status is known (the console's live feed); returns the unsubscribe. */
	listen(listener: (entry: LoggedRequest) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** The request was answered (or reset, or given up on): its status is final. */
	settled(entry: LoggedRequest): void {
		for (const listener of this.listeners) {
			try {
				listener(entry);
			} catch {
				// A listener (the console) must never break request handling.
			}
		}
	}

	add(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
		const logged = { seq: ++this.seq, ...entry };
		this.entries.push(logged);
		// Bounded so long benchmark runs do not grow without limit.
		if (this.entries.length > 10000) this.entries.splice(0, this.entries.length - 10000);
		return logged;
	}
	all(): LoggedRequest[] {
		return this.entries.map((e) => ({ ...e }));
	}
	clear(): void {
		this.entries = [];
	}
	/** The most recent `limit` entries, oldest first. */
	recent(limit: number): LoggedRequest[] {
		return this.entries.slice(-limit).map((e) => ({ ...e }));
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
