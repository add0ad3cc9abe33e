/**
 * The GWS clients the simulator suites (and others) drive the simulator with:
 *
 *   const rest = new GwsRestClient(sim.url, 'agent1', 'agent1pass');
 *   await rest.login();                                     // GET /api/v2/me: JSESSIONID + CSRF token kept
 *   const r = await rest.post('/api/v2/me/calls/ID', { operationName: 'Answer' }); // r.status, r.body, r.headers
 *   const events = new CometdSubscriber(sim.url, { username: 'agent1', password: 'agent1pass' });
 *   await events.start();                                   // handshake + subscribe /v2/me/calls, /v2/me/devices
 *   const n = await events.waitFor((m) => m.data.call?.state === 'Established');
 *   await events.flush();                                   // everything published to agent1 so far has arrived
 *   await events.stop();
 *
 * Real HTTP (node:http, one connection per request) and a real CometD client (cometd 7 + cometd-nodejs-client, long-polling, its own cookie
 * store per instance), nothing mocked. Every helper closes what it opens. The simulator itself is started by
 * test/helpers/simulator.ts; users and credentials are test/helpers/users.ts.
 */
import * as http from 'http';
import * as https from 'https';
import { isMarker, markerBurst } from '../helpers/simulator';
import { until } from '../helpers/wait';

export type { RunningSimulator } from '../helpers/simulator';
// Kept for console.test.ts and cli.test.ts, which import them from here (their rewrite moves them to test/helpers).
export { startTestSimulator } from '../helpers/simulator';
export { DEMO } from '../helpers/users';
export { setTimeout as sleep } from 'timers/promises';

export interface RestReply<T = any> {
	status: number;
	headers: Headers;
	/** Parsed JSON, or the text when the body is not JSON. */
	body: T;
	text: string;
}

/** A GWS REST client that behaves like a careful integration: basic auth, cookie jar, CSRF header. */
export class GwsRestClient {
	/** Cookies by name (JSESSIONID, ...). */
	readonly cookies = new Map<string, string>();
	csrfHeaderName?: string;
	csrfToken?: string;
	/** Send basic auth on every request (default true); false = rely on the session cookie only. */
	sendBasicAuth = true;

	constructor(
		readonly baseUrl: string,
		readonly username: string,
		readonly password: string,
	) {}

	/** GET /api/v2/me: creates the session and picks up the CSRF header name and token. */
	async login(): Promise<RestReply> {
		const reply = await this.get('/api/v2/me');
		if (reply.status !== 200) throw new Error(`login as ${this.username} failed: HTTP ${reply.status} ${reply.text}`);
		return reply;
	}

	/** The `Cookie` header value (JSESSIONID=...). */
	get cookieHeader(): string {
		return [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	get(path: string, headers: Record<string, string> = {}): Promise<RestReply> {
		return this.request('GET', path, undefined, headers);
	}

	post(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RestReply> {
		return this.request('POST', path, body, headers);
	}

	/** Convenience: POST an operation on a call. */
	op(callId: string, operationName: string, params: Record<string, unknown> = {}): Promise<RestReply> {
		return this.post(`/api/v2/me/calls/${encodeURIComponent(callId)}`, { operationName, ...params });
	}

	/** The user's device id (GET /api/v2/me/devices?fields=*). */
	async deviceId(): Promise<string> {
		const reply = await this.get('/api/v2/me/devices?fields=*');
		return reply.body.devices[0].id;
	}

	async dial(phoneNumber: string, extra: Record<string, unknown> = {}): Promise<RestReply> {
		const id = await this.deviceId();
		return this.post(`/api/v2/me/devices/${id}/calls`, { operationName: 'Dial', destination: { phoneNumber }, ...extra });
	}

	async request(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<RestReply> {
		const headers: Record<string, string> = {};
		if (this.sendBasicAuth) {
			headers.Authorization = 'Basic ' + Buffer.from(`${this.username}:${this.password}`).toString('base64');
		}
		if (this.cookies.size) headers.Cookie = this.cookieHeader;
		if (method !== 'GET' && this.csrfHeaderName && this.csrfToken) headers[this.csrfHeaderName] = this.csrfToken;
		let payload: string | undefined;
		if (body !== undefined) {
			payload = typeof body === 'string' ? body : JSON.stringify(body);
			headers['Content-Type'] = 'application/json';
		}
		Object.assign(headers, extraHeaders);
		const res = await rawRequest(method, this.baseUrl + path, headers, payload);
		for (const cookie of res.headers.getSetCookie()) {
			const [pair] = cookie.split(';');
			const eq = pair.indexOf('=');
			this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
		}
		const headerName = res.headers.get('x-csrf-header');
		const token = res.headers.get('x-csrf-token');
		if (headerName && token) {
			this.csrfHeaderName = headerName;
			this.csrfToken = token;
		}
		const text = res.text;
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		return { status: res.status, headers: res.headers, body: parsed, text };
	}
}

/**
 * One HTTP exchange on a fresh connection (no keep-alive pool, so a simulator restart never leaves the client a
 * dead pooled socket). Rejects on network errors (e.g. an injected 'reset' fault).
 */
export function rawRequest(method: string, url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: Headers; text: string }> {
	const target = new URL(url);
	const mod = target.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const req = mod.request(target, { method, headers, agent: false, rejectUnauthorized: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const h = new Headers();
				for (const [name, value] of Object.entries(res.headers)) {
					if (Array.isArray(value)) value.forEach((v) => h.append(name, v));
					else if (value !== undefined) h.set(name, value);
				}
				resolve({ status: res.statusCode ?? 0, headers: h, text: Buffer.concat(chunks).toString('utf8') });
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		if (body !== undefined) req.write(body);
		req.end();
	});
}

export interface ReceivedNotification {
	channel: string;
	data: any;
}

export interface SubscriberOptions {
	username?: string;
	password?: string;
	/** A `Cookie` header value to join an existing REST session (e.g. rest.cookieHeader). */
	cookieHeader?: string;
	channels?: string[];
}

let adapted = false;
function cometdClass(): any {
	if (!adapted) {
		require('cometd-nodejs-client').adapt();
		adapted = true;
	}
	return require('cometd').CometD;
}

/**
 * A real CometD (Bayeux long-polling) subscriber collecting notifications. It (re)subscribes on every successful
 * handshake, so it survives dropCometdSessions() and simulator restarts the way a well-behaved client does.
 */
export class CometdSubscriber {
	/** Every subscriber not yet stopped: `await CometdSubscriber.stopAll()` in afterAll guards against a failed test leaving a client polling. */
	static readonly live = new Set<CometdSubscriber>();
	static async stopAll(): Promise<void> {
		await Promise.all([...CometdSubscriber.live].map((s) => s.stop()));
	}

	readonly notifications: ReceivedNotification[] = [];
	/** The markers (flush()) received: kept apart, so notifications holds only what GWS would send. */
	private readonly markers = new Set<string>();
	/** `clientId|channel` of every successful subscription. */
	private readonly subscriptions = new Set<string>();
	/** Every /meta/handshake reply seen (successful or not). */
	readonly handshakes: any[] = [];
	private readonly cometd: any;
	private waiters: Array<{ predicate: (n: ReceivedNotification) => boolean; resolve: (n: ReceivedNotification) => void; from: number }> = [];

	constructor(
		readonly baseUrl: string,
		private readonly options: SubscriberOptions,
	) {
		const CometD = cometdClass();
		this.cometd = new CometD();
		CometdSubscriber.live.add(this);
		this.cometd.unregisterTransport('websocket');
		// A cookie store of our own (cometd-nodejs-client otherwise shares one per host across instances).
		const host = new URL(baseUrl).hostname;
		const jar: Record<string, string> = {};
		for (const part of (options.cookieHeader ?? '').split(';')) {
			const eq = part.indexOf('=');
			if (eq > 0) jar[part.slice(0, eq).trim()] = part.trim();
		}
		this.cometd.findTransport('long-polling').context = { cookieStore: { [host]: jar } };
		const requestHeaders: Record<string, string> = {};
		if (options.username !== undefined) {
			requestHeaders.Authorization = 'Basic ' + Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64');
		}
		this.cometd.configure({ url: `${baseUrl}/api/v2/notifications`, requestHeaders, logLevel: 'warn', maxNetworkDelay: 5000 });
		this.cometd.addListener('/meta/handshake', (reply: any) => {
			this.handshakes.push(reply);
			if (!reply.successful) return;
			this.cometd.batch(() => {
				for (const channel of this.channels) {
					this.cometd.subscribe(channel, (m: any) => this.receive({ channel: m.channel, data: m.data }));
				}
			});
		});
		this.cometd.addListener('/meta/subscribe', (reply: any) => {
			if (reply.successful) this.subscriptions.add(`${this.clientId}|${String(reply.subscription)}`);
		});
	}

	/** Handshaken, and subscribed to every channel with the current clientId (what a re-handshake must come back to). */
	get subscribed(): boolean {
		const clientId = this.clientId;
		return clientId !== undefined && this.channels.every((c) => this.subscriptions.has(`${clientId}|${c}`));
	}

	private get channels(): string[] {
		return this.options.channels ?? ['/v2/me/calls', '/v2/me/devices'];
	}

	private receive(n: ReceivedNotification): void {
		if (isMarker(n.data)) {
			this.markers.add(String(n.data.notificationType));
			return;
		}
		this.notifications.push(n);
		const index = this.notifications.length - 1;
		this.waiters = this.waiters.filter((w) => {
			if (index >= w.from && w.predicate(n)) {
				w.resolve(n);
				return false;
			}
			return true;
		});
	}

	/** Handshakes and resolves once subscribed to every channel; rejects when the handshake is refused. */
	start(timeoutMs = 5000): Promise<void> {
		return new Promise((resolve, reject) => {
			let pending = this.channels.length;
			const timer = setTimeout(() => reject(new Error(`CometD start timed out after ${timeoutMs} ms`)), timeoutMs);
			const sub = this.cometd.addListener('/meta/subscribe', (reply: any) => {
				if (reply.successful && --pending === 0) {
					clearTimeout(timer);
					this.cometd.removeListener(sub);
					resolve();
				}
			});
			this.cometd.handshake((reply: any) => {
				if (!reply.successful) {
					clearTimeout(timer);
					this.cometd.removeListener(sub);
					this.cometd.disconnect();
					reject(new Error(`CometD handshake refused: ${JSON.stringify(reply.error ?? reply.failure?.httpCode ?? reply)}`));
				}
			});
		});
	}

	/**
	 * The first notification matching `predicate`, received at or after index `from` (default: now, so only new
	 * ones; pass 0 to include everything already received).
	 */
	waitFor(predicate: (n: ReceivedNotification) => boolean, timeoutMs = 5000, from = this.notifications.length): Promise<ReceivedNotification> {
		const found = this.notifications.slice(from).find(predicate);
		if (found) return Promise.resolve(found);
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.waiters = this.waiters.filter((w) => w !== waiter);
				reject(new Error(`No matching notification within ${timeoutMs} ms; received ${this.notifications.length}: ${JSON.stringify(this.notifications.slice(-3))}`));
			}, timeoutMs);
			const waiter = {
				predicate,
				from,
				resolve: (n: ReceivedNotification) => {
					clearTimeout(timer);
					resolve(n);
				},
			};
			this.waiters.push(waiter);
		});
	}

	/** Resolves with the notifications from index `from` once there are at least `count` of them. */
	async waitForCount(count: number, from = 0, timeoutMs = 5000): Promise<ReceivedNotification[]> {
		await until(`${count} notifications after index ${from}`, () => this.notifications.length - from >= count, timeoutMs).catch((error: Error) => {
			throw new Error(`${error.message}; got ${this.notifications.length - from}: ${JSON.stringify(this.notifications.slice(from))}`);
		});
		return this.notifications.slice(from);
	}

	/**
	 * Resolves once everything the simulator published to this subscriber's user so far has arrived: it publishes a
	 * marker (POST /simulator/burst) and waits for it. What is in `notifications` then is all there is, so "nothing
	 * more arrives" is an assertion on it rather than a fixed wait. Needs the /v2/me/calls subscription.
	 */
	async flush(timeoutMs = 5000): Promise<void> {
		const user = this.options.username;
		if (user === undefined) throw new Error('CometdSubscriber.flush() needs the username the subscriber logged in with');
		if (!this.channels.includes('/v2/me/calls')) throw new Error('CometdSubscriber.flush() needs the /v2/me/calls subscription (the marker goes there)');
		const marker = markerBurst(user);
		const reply = await rawRequest('POST', `${this.baseUrl}/simulator/burst`, { 'Content-Type': 'application/json' }, JSON.stringify(marker.burst));
		if (reply.status !== 200) throw new Error(`publishing the marker failed: HTTP ${reply.status} ${reply.text}`);
		await until(`the marker ${marker.type} on ${user}'s subscriber`, () => this.markers.has(marker.type), timeoutMs);
	}

	/** The CometD client status (connected, handshaking, ...). */
	get status(): string {
		return this.cometd.getStatus();
	}

	get clientId(): string | undefined {
		return this.cometd.getClientId() ?? undefined;
	}

	stop(): Promise<void> {
		CometdSubscriber.live.delete(this);
		return new Promise((resolve) => {
			if (this.cometd.isDisconnected()) return resolve();
			const timer = setTimeout(resolve, 1000);
			this.cometd.disconnect(() => {
				clearTimeout(timer);
				resolve();
			});
		});
	}
}

/** Calls' fields that differ between runs and the pages (ids, URIs, duration). */
export const VOLATILE_CALL_FIELDS = ['id', 'callUuid', 'connId', 'uri', 'path', 'deviceUri', 'parentCallUri', 'parentCallPath', 'duration'];

/** A notification with the volatile call fields removed, for field-by-field comparison with the pages. */
export function stable(notification: ReceivedNotification | Record<string, any>): Record<string, any> {
	const copy = JSON.parse(JSON.stringify(notification));
	const call = copy.data?.call;
	if (call) for (const f of VOLATILE_CALL_FIELDS) if (f in call) call[f] = `<${f}>`;
	return copy;
}

