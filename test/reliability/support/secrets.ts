/**
 * Secret scanning: the password, the Authorization header value ("Basic " + base64(user:password), and the
 * base64 alone), the session cookie value (JSESSIONID) and the CSRF token must never appear in an error, a log
 * line or an output item. Every test file of the suite records what it saw through one SecretScanner.
 *
 * n8n's logger is captured by a recording logger installed where n8n looks it up: `Container.get(Logger)` (what
 * every node context's `this.logger` returns) and `LoggerProxy` (what n8n-core's executor logs through).
 */
import { LoggerProxy } from 'n8n-workflow';

import type { SimUserConfig } from '../../../simulator/api';
import { getGwsSession, type GwsContext } from '../../../nodes/shared/transport';

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** A logger with n8n's Logger surface that keeps every line. */
export class RecordingLogger {
	readonly lines: LogLine[] = [];
	error(message: string, meta?: unknown): void {
		this.lines.push({ level: 'error', message: String(message), meta });
	}
	warn(message: string, meta?: unknown): void {
		this.lines.push({ level: 'warn', message: String(message), meta });
	}
	info(message: string, meta?: unknown): void {
		this.lines.push({ level: 'info', message: String(message), meta });
	}
	debug(message: string, meta?: unknown): void {
		this.lines.push({ level: 'debug', message: String(message), meta });
	}
	verbose(message: string, meta?: unknown): void {
		this.debug(message, meta);
	}
	scoped(): RecordingLogger {
		return this;
	}
}

/**
 * n8n-core has its own copies of @n8n/di and @n8n/backend-common (node_modules/n8n-core/node_modules/@n8n):
 * the Container and Logger that node contexts use are those, so they are loaded from n8n-core's point of view.
 */
function n8nCoreModule<T>(name: string): T {
	return require(require.resolve(name, { paths: [require.resolve('n8n-core')] })) as T;
}
// Typed by what is used here: these packages are n8n-core's own (nested) dependencies, not ours.
const { Container } = n8nCoreModule<{ Container: { set(token: unknown, value: unknown): void } }>('@n8n/di');
const { Logger } = n8nCoreModule<{ Logger: unknown }>('@n8n/backend-common');

let installed: RecordingLogger | undefined;

/**
 * Installs a recording logger for this test file (call before the first execution). Console output is recorded
 * too (and still printed, except what withoutPrinting() plants): libraries such as cometd.js log there, and n8n
 * sends console output to its log.
 */
export function recordN8nLogs(): RecordingLogger {
	// One per test file (jest gives each file its own module registry): later calls share it.
	if (installed) return installed;
	const logger = (installed = new RecordingLogger());
	Container.set(Logger, logger);
	LoggerProxy.init(logger as unknown as Parameters<typeof LoggerProxy.init>[0]);
	for (const level of ['error', 'warn', 'info', 'debug', 'log'] as const) {
		const original = console[level].bind(console);
		console[level] = (...args: unknown[]) => {
			logger.lines.push({ level: level === 'log' ? 'info' : level, message: `console.${level}: ${args.map((a) => deepText(a)).join(' ')}` });
			if (!planting) original(...args);
		};
	}
	return logger;
}

let planting = false;

/**
 * Runs `plant` with console output recorded but not printed: for the secrets a test plants on purpose (the
 * scanner's self-check), which would otherwise show a real-looking credential in the test run's output.
 */
export function withoutPrinting(plant: () => void): void {
	planting = true;
	try {
		plant();
	} finally {
		planting = false;
	}
}

/** Everything a value holds, as text: own and inherited error fields, causes, nested objects (cycle-safe). */
export function deepText(value: unknown): string {
	const seen = new WeakSet<object>();
	const parts: string[] = [];
	const walk = (v: unknown, depth: number): void => {
		if (v === null || v === undefined || depth > 12) return;
		if (typeof v !== 'object' && typeof v !== 'function') {
			parts.push(String(v));
			return;
		}
		if (seen.has(v as object)) return;
		seen.add(v as object);
		if (v instanceof Error) {
			parts.push(v.name, v.message, v.stack ?? '');
			walk((v as { description?: unknown }).description, depth + 1);
			walk((v as { cause?: unknown }).cause, depth + 1);
		}
		if (typeof v === 'function') return;
		for (const key of Object.getOwnPropertyNames(v)) {
			let child: unknown;
			try {
				child = (v as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			parts.push(key);
			walk(child, depth + 1);
		}
	};
	walk(value, 0);
	return parts.join('\n');
}

export interface Finding {
	where: string;
	secret: string;
}

export class SecretScanner {
	private readonly secrets = new Map<string, string>();
	readonly findings: Finding[] = [];
	/** How many things (errors, items, log lines) were scanned. */
	scanned = 0;

	constructor(users: SimUserConfig[]) {
		for (const user of users) this.addUser(user.username, user.password);
	}

	/** A user's secrets; a second password for the same user (a wrong one, say) gets labels marked "(2)". */
	addUser(username: string, password: string): void {
		const basic = Buffer.from(`${username}:${password}`).toString('base64');
		let suffix = '';
		for (let n = 2; this.secrets.has(`password of ${username}${suffix}`); n++) suffix = ` (${n})`;
		this.secrets.set(`password of ${username}${suffix}`, password);
		// As it appears inside a URL (user:password@host) or a form body.
		if (encodeURIComponent(password) !== password) this.secrets.set(`URL-encoded password of ${username}${suffix}`, encodeURIComponent(password));
		this.secrets.set(`Authorization header of ${username}${suffix}`, `Basic ${basic}`);
		this.secrets.set(`basic credentials (base64) of ${username}${suffix}`, basic);
	}

	/** Records the current GWS session's cookie values and CSRF token (what the node's requests carry). */
	async captureSession(ctx: GwsContext, label: string): Promise<void> {
		const session = await getGwsSession.call(ctx);
		for (const part of session.cookieHeader.split(';')) {
			const eq = part.indexOf('=');
			if (eq <= 0) continue;
			const name = part.slice(0, eq).trim();
			const value = part.slice(eq + 1).trim();
			if (name === 'JSESSIONID' && value.length >= 8) this.secrets.set(`session cookie ${value.slice(0, 4)}… (${label})`, value);
		}
		if (session.csrfToken && session.csrfToken.length >= 8) this.secrets.set(`CSRF token (${label})`, session.csrfToken);
	}

	get secretCount(): number {
		return this.secrets.size;
	}

	private readonly collected: Array<{ where: string; text: string }> = [];

	/** Keeps the text of anything (an error, items, log lines) to scan in finish(), when every secret is known. */
	collect(where: string, value: unknown): void {
		this.scanned += Array.isArray(value) ? value.length : 1;
		this.collected.push({ where, text: deepText(value) });
	}

	/** Scans now against the secrets known now, keeping nothing (long runs: the soak). */
	scanNow(where: string, value: unknown): void {
		this.scanned += Array.isArray(value) ? value.length : 1;
		const text = deepText(value);
		for (const [label, secret] of this.secrets) {
			if (text.includes(secret)) this.findings.push({ where, secret: label });
		}
	}

	/** Scans everything collected plus the log lines; returns all findings (one per place and secret). */
	finish(logger?: RecordingLogger): Finding[] {
		if (logger) this.collect('n8n log lines', logger.lines);
		for (const { where, text } of this.collected.splice(0)) {
			for (const [label, secret] of this.secrets) {
				if (text.includes(secret)) this.findings.push({ where, secret: label });
			}
		}
		return this.findings;
	}
}
