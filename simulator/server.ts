/**
 * The simulator: one Node http(s) server with three areas:
 *   /api/v2/notifications  Bayeux (cometd.ts), authenticated like REST, no CSRF
 *   /api/v2/...            GWS REST (rest.ts) behind auth, CSRF, faults, latency and the request log
 *   /simulator/...         the control API (control.ts) and the console (console/), no auth, loopback clients only
 */
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo, Socket } from 'net';
import type {
	BurstOptions,
	FaultSpec,
	LoggedNotification,
	LoggedRequest,
	PlaceInboundCallOptions,
	PlacedCall,
	RunningSimulator,
	SimAgentSnapshot,
	SimCallSnapshot,
	SimDisposition,
	SimQueuedCall,
	SimulatorOptions,
	SimUserConfig,
} from './api';
import { AgentControl } from './agentControl';
import { CSRF_HEADER_NAME, SessionStore, type AuthResult } from './auth';
import { runBurst } from './burst';
import { CallEngine } from './calls/engine';
import { newCallIds } from './calls/model';
import { DEFAULT_QUEUE } from './calls/queue';
import { preciseNow } from './clock';
import { CometdEndpoint } from './cometd';
import { ConsoleFeed } from './console/feed';
import { serveConsole } from './console/routes';
import { routeControl } from './control';
import { controlRefusal } from './controlGuard';
import { GwsError, STATUS } from './errors';
import { NotificationHub } from './notificationHub';
import { renderDevice } from './notifications';
import { routeRest, type RestDeps } from './rest';
import { asGwsError, type Json, keepSetCookie, parseForLog, readBody, sendGwsError, sendJson, sleep } from './httpUtil';
import { FaultQueue, redactHeaders, RequestLog } from './traffic';
import { DEMO_USERS, UserDirectory } from './users';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const NOTIFICATIONS_PATH = '/api/v2/notifications';
/** The console shows at most this many call legs (a benchmark can hold thousands). */
const CONSOLE_CALLS = 500;

export class Simulator implements RunningSimulator {
	readonly users: SimUserConfig[];
	private readonly directory: UserDirectory;
	private readonly sessions: SessionStore;
	readonly engine: CallEngine;
	private cometd: CometdEndpoint;
	private readonly hub: NotificationHub;
	private readonly log = new RequestLog();
	private readonly faults = new FaultQueue();
	private latencyMs: number;
	private readonly host: string;
	private readonly csrf: boolean;
	private server?: http.Server;
	private readonly sockets = new Set<Socket>();
	private currentPort: number;
	private readonly verbose: boolean;
	private readonly feed: ConsoleFeed;
	/** The control routes that act as an agent (agentControl.ts). */
	private readonly agentControl: AgentControl;

	constructor(private readonly options: SimulatorOptions = {}) {
		this.host = options.host ?? '127.0.0.1';
		if (!LOOPBACK_HOSTS.has(this.host)) {
			throw new Error(`Simulator host '${this.host}' is not a loopback address; use 127.0.0.1, ::1 or localhost`);
		}
		this.directory = new UserDirectory(options.users ?? DEMO_USERS, options.agentsLoggedOut === true);
		this.users = this.directory.all().map((u) => ({ ...u.config }));
		this.sessions = new SessionStore(this.directory);
		this.csrf = options.csrf !== false;
		this.latencyMs = options.latencyMs ?? 0;
		this.currentPort = options.port ?? 0;
		this.verbose = options.verbose === true;
		this.cometd = new CometdEndpoint();
		this.hub = new NotificationHub(() => this.cometd);
		this.engine = new CallEngine({
			users: this.directory,
			baseUrl: () => this.url,
			publish: (username, n) => this.hub.publish(username, n),
			remoteAnswerDelayMs: options.remoteAnswerDelayMs ?? 0,
			features: { callRecording: options.features?.callRecording !== false, clearCall: options.features?.clearCall !== false },
		});
		this.agentControl = new AgentControl(this.directory, () => this.restDeps());
		this.feed = new ConsoleFeed({
			snapshot: () => this.consoleSnapshot(),
			recentNotifications: (limit) => this.hub.recent(limit),
			recentRequests: (limit) => this.log.recent(limit),
		});
		this.hub.listen((entry) => this.feed.notificationPublished(entry));
		this.log.listen((entry) => this.feed.requestSettled(entry));
	}

	get port(): number {
		return this.currentPort;
	}

	get url(): string {
		const scheme = this.options.tls ? 'https' : 'http';
		const host = this.host.includes(':') ? `[${this.host}]` : this.host;
		return `${scheme}://${host}:${this.currentPort}`;
	}

	// ---------------------------------------------------------------- lifecycle

	async start(): Promise<void> {
		if (this.server) return;
		const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
			this.handle(req, res).catch((error) => this.crash(res, error));
		};
		const server = this.options.tls
			? https.createServer({ key: this.options.tls.key, cert: this.options.tls.cert }, handler)
			: http.createServer(handler);
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.currentPort, this.host, () => {
				server.off('error', reject);
				resolve();
			});
		});
		this.currentPort = (server.address() as AddressInfo).port;
		this.server = server;
	}

	/** Like a GWS restart: HTTP sessions and CometD sessions are gone; calls stay (T-Server keeps them). */
	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		this.cometd.restart();
		this.sessions.clear();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
		await closed;
	}

	/** stop(), `downMs` of outage, start() on the same port (retried for a few seconds while the port is busy). */
	async restart(downMs = 0): Promise<void> {
		await this.stop();
		if (downMs > 0) await sleep(downMs);
		for (let attempt = 1; ; attempt++) {
			const failure = await this.start().then(
				() => undefined,
				(error: NodeJS.ErrnoException) => error,
			);
			if (!failure) return;
			if (failure.code !== 'EADDRINUSE' || attempt >= 20) throw failure;
			await sleep(250);
		}
	}

	async close(): Promise<void> {
		this.feed.close();
		await this.stop();
		this.cometd.close();
		this.engine.clear();
		this.hub.clear();
	}

	// ---------------------------------------------------------------- RunningSimulator API

	async placeInboundCall(opts: PlaceInboundCallOptions): Promise<PlacedCall> {
		if (!opts || typeof opts !== 'object') throw new Error('placeInboundCall: an options object {to?, from, dnis?, userData?, viaQueue?, queue?} is required');
		const viaQueue = opts.viaQueue === true || opts.queue !== undefined;
		if (opts.queue !== undefined && (typeof opts.queue !== 'string' || opts.queue === '')) throw new Error('placeInboundCall: "queue" must be a non-empty string (the queue\'s name)');
		if (opts.to === undefined && !viaQueue) throw new Error('placeInboundCall: "to" (username or DN of an agent) is required unless the call goes through a queue (viaQueue: true)');
		const agent = opts.to === undefined ? undefined : this.directory.find(String(opts.to));
		if (opts.to !== undefined && !agent) throw new Error(`placeInboundCall: "to" ${JSON.stringify(opts.to)} is not a configured username or DN`);
		if (typeof opts.from !== 'string' || opts.from === '') throw new Error('placeInboundCall: "from" (the caller\'s number) is required');
		if (opts.dnis !== undefined && (typeof opts.dnis !== 'string' || opts.dnis === '')) throw new Error('placeInboundCall: "dnis" must be a non-empty string');
		if (opts.userData !== undefined && (typeof opts.userData !== 'object' || opts.userData === null || Array.isArray(opts.userData))) {
			throw new Error('placeInboundCall: "userData" must be an object');
		}
		const queueName = viaQueue ? (opts.queue ?? DEFAULT_QUEUE) : undefined;
		const call = this.engine.placeInbound(agent, opts.from, opts.dnis, Object.entries(opts.userData ?? {}), queueName);
		this.engine.settle();
		if (!call) return { callId: newCallIds().id, forwardedTo: agent?.forwardTo };
		const offeredTo = [...call.legs.keys()][0];
		return offeredTo === undefined ? { callId: call.id } : { callId: call.id, offeredTo };
	}

	async remoteAnswer(callId: string): Promise<void> {
		this.engine.remoteAnswer(this.controlCall(callId));
		this.engine.settle();
	}

	async remoteHangup(callId: string): Promise<void> {
		this.engine.remoteHangup(this.controlCall(callId));
		this.engine.settle();
	}

	private controlCall(callId: string) {
		const call = this.engine.store.get(callId);
		if (!call) throw new ControlNotFound(`call ${JSON.stringify(callId)} not found`);
		return call;
	}

	calls(username?: string): SimCallSnapshot[] {
		return this.engine.snapshots(username);
	}

	agents(): SimAgentSnapshot[] {
		return this.directory.all().map((user) => ({
			username: user.username,
			phoneNumber: user.dn,
			firstName: user.config.firstName,
			lastName: user.config.lastName,
			roles: [...(user.config.roles ?? ['agent'])],
			deviceId: user.deviceId,
			device: renderDevice(this.url, user),
			loggedIn: user.loggedIn,
			place: user.place,
			loginQueue: user.loginQueue,
			wrapUpTime: user.wrapUpTime,
			monitoring: user.monitoring && {
				target: user.monitoring.target,
				state: user.monitoring.state,
				mode: user.monitoring.mode,
				scope: user.monitoring.scope,
			},
		}));
	}

	queue(): SimQueuedCall[] {
		return this.engine.queue.snapshot();
	}

	dispositions(): SimDisposition[] {
		return this.engine.dispositions.all();
	}

	async reset(): Promise<void> {
		this.engine.clear();
		this.faults.clear();
		this.log.clear();
		this.hub.clear();
		this.directory.resetStates();
		this.latencyMs = this.options.latencyMs ?? 0;
		this.feed.startOver();
	}

	requests(): LoggedRequest[] {
		return this.log.all();
	}
	clearRequests(): void {
		this.log.clear();
	}
	notifications(filter?: { user?: string; since?: number }): LoggedNotification[] {
		return this.hub.notifications(filter);
	}
	clearNotifications(): void {
		this.hub.clearLog();
	}
	setLatency(ms: number): void {
		if (typeof ms !== 'number' || !(ms >= 0)) throw new Error(`latency must be a number of ms >= 0 (got ${JSON.stringify(ms)})`);
		this.latencyMs = ms;
	}
	injectFault(fault: FaultSpec): void {
		this.faults.add(fault);
	}
	clearFaults(): void {
		this.faults.clear();
	}
	pendingFaults(): FaultSpec[] {
		return this.faults.pending();
	}
	setAgentState(username: string, state: string, extra: Record<string, unknown> = {}): void {
		this.agentControl.setState(username, { ...extra, state });
	}
	agentCallOperation(username: string, callId: string, body: Record<string, unknown>): void {
		this.agentControl.callOperation(username, callId, body);
	}
	agentDeviceOperation(username: string, body: Record<string, unknown>): void {
		this.agentControl.deviceOperation(username, body);
	}
	dropCometdSessions(): void {
		this.cometd.dropSessions();
	}
	pauseNotifications(): void {
		this.hub.pause();
	}
	resumeNotifications(deliver = true): void {
		this.hub.resume(deliver);
	}
	burst(opts: BurstOptions) {
		return runBurst(opts, { engine: this.engine, hub: this.hub, cometd: () => this.cometd, baseUrl: () => this.url });
	}

	/** How many notifications were published since start (bursts included). */
	get notificationsPublished(): number {
		return this.hub.published;
	}

	/** CometD sessions currently known (optionally one user's): for tests and the control API. */
	cometdSessionCount(username?: string): number {
		return this.cometd.sessionCount(username);
	}

	/** Console pages connected to the live feed (GET /simulator/status). */
	get consoleClients(): number {
		return this.feed.clientCount;
	}

	/** What the console shows; the most recent CONSOLE_CALLS call legs at most. */
	private consoleSnapshot(): Record<string, unknown> {
		const calls = this.calls();
		return {
			url: this.url,
			agents: this.agents(),
			calls: calls.slice(-CONSOLE_CALLS),
			callsTotal: calls.length,
			cometdSessions: Object.fromEntries(this.users.map((u) => [u.username, this.cometd.sessionCount(u.username)])),
			notificationsPublished: this.hub.published,
			notificationsPaused: this.hub.isPaused,
			faults: this.faults.pending(),
			latencyMs: this.latencyMs,
		};
	}

	private restDeps(): RestDeps {
		return { engine: this.engine, sessions: this.sessions, baseUrl: () => this.url };
	}

	// ---------------------------------------------------------------- HTTP

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const rawUrl = req.url ?? '/';
		const parsed = new URL(rawUrl, 'http://simulator.local');
		let path: string;
		try {
			path = decodeURIComponent(parsed.pathname);
		} catch {
			path = parsed.pathname;
		}
		if (path === '/simulator' || path.startsWith('/simulator/')) {
			return this.handleControl(req, res, path, parsed.searchParams);
		}
		if (path === NOTIFICATIONS_PATH || path.startsWith(NOTIFICATIONS_PATH + '/')) return this.handleCometd(req, res);
		if (path === '/api/v2' || path.startsWith('/api/v2/')) return this.handleRest(req, res, rawUrl, path, parsed.searchParams);
		sendJson(res, 404, { statusCode: STATUS.notFound, statusMessage: `Not found: ${path}; GWS REST is under /api/v2, the control API under /simulator/` });
	}

	private async handleCometd(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		let auth: AuthResult;
		try {
			auth = this.sessions.authenticate(req);
		} catch (error) {
			await readBody(req).catch(() => undefined);
			return sendGwsError(res, asGwsError(error));
		}
		const raw = await readBody(req);
		let messages: unknown;
		try {
			messages = JSON.parse(raw);
		} catch {
			return sendJson(res, 400, { statusCode: STATUS.inputValidation, statusMessage: 'Malformed Bayeux request: the body is not JSON' });
		}
		if (!Array.isArray(messages)) messages = [messages];
		for (const m of messages as Array<{ clientId?: unknown }>) {
			const owner = typeof m?.clientId === 'string' ? this.cometd.ownerOf(m.clientId) : undefined;
			if (owner !== undefined && owner !== auth.user.username) {
				return sendJson(res, 403, { statusCode: STATUS.forbidden, statusMessage: `CometD client ${m.clientId} belongs to another user` });
			}
		}
		if (auth.setCookie) keepSetCookie(res, auth.setCookie);
		this.cometd.handle(req, res, auth.user.username, messages as unknown[]);
	}

	private async handleRest(req: http.IncomingMessage, res: http.ServerResponse, rawUrl: string, path: string, query: URLSearchParams): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const rawBody = await readBody(req);
		const entry = this.log.add({
			time: preciseNow(),
			method,
			url: rawUrl,
			path,
			body: parseForLog(rawBody),
			rawBody: rawBody === '' ? undefined : rawBody,
			headers: redactHeaders(req.headers),
			status: 0,
		});
		res.on('finish', () => {
			entry.status = res.statusCode;
		});
		res.on('close', () => this.log.settled(entry));
		if (this.latencyMs > 0) await sleep(this.latencyMs);
		if (this.verbose) console.log(`${new Date().toISOString()} ${method} ${rawUrl}`);

		const fault = this.faults.take(method, path);
		if (fault) return this.applyFault(fault, req, res, entry);

		let auth: AuthResult;
		try {
			auth = this.sessions.authenticate(req);
		} catch (error) {
			res.setHeader('WWW-Authenticate', 'Basic realm="GWS simulator"');
			return sendGwsError(res, asGwsError(error));
		}
		entry.username = auth.user.username;
		if (auth.setCookie) res.setHeader('Set-Cookie', auth.setCookie);
		if (method === 'GET' && this.csrf) {
			res.setHeader('X-CSRF-HEADER', CSRF_HEADER_NAME);
			res.setHeader('X-CSRF-TOKEN', auth.session.csrfToken);
		}
		if (this.csrf && (method === 'POST' || method === 'PUT' || method === 'DELETE') && !this.sessions.csrfValid(auth, req)) {
			res.statusCode = 403;
			res.setHeader('Content-Type', 'text/plain;charset=UTF-8');
			res.end('Missing or invalid Csrf token');
			return;
		}
		let body: Record<string, unknown> = {};
		if (method !== 'GET' && rawBody.trim() !== '') {
			let parsedBody: unknown;
			try {
				parsedBody = JSON.parse(rawBody);
			} catch (error) {
				return sendJson(res, 400, {
					statusCode: STATUS.inputValidation,
					statusMessage: `Malformed JSON request body (${(error as Error).message}); send a JSON object such as {"operationName":"Answer"}`,
				});
			}
			if (parsedBody === null || typeof parsedBody !== 'object' || Array.isArray(parsedBody)) {
				return sendJson(res, 400, {
					statusCode: STATUS.inputValidation,
					statusMessage: 'The request body must be a JSON object such as {"operationName":"Answer"}',
				});
			}
			body = parsedBody as Record<string, unknown>;
		}
		try {
			const reply = routeRest(this.restDeps(), { method, path, query, body, auth });
			this.engine.settle();
			sendJson(res, 200, reply);
		} catch (error) {
			if (!(error instanceof GwsError) && this.verbose) console.error('simulator internal error', error);
			return sendGwsError(res, asGwsError(error));
		}
	}

	private applyFault(fault: FaultSpec, req: http.IncomingMessage, res: http.ServerResponse, entry: LoggedRequest): void {
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

	private async handleControl(req: http.IncomingMessage, res: http.ServerResponse, path: string, query: URLSearchParams): Promise<void> {
		const refusal = controlRefusal(req);
		if (refusal) return sendJson(res, 403, { error: refusal });
		if (serveConsole(this.feed, req, res, path)) return;
		const raw = await readBody(req);
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
			const reply = await routeControl(this, (req.method ?? 'GET').toUpperCase(), path, query, body, (action) => (afterReply = action));
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

	/** Last resort: never crash, never leave a request unanswered. */
	private crash(res: http.ServerResponse, error: unknown): void {
		if (this.verbose) console.error('simulator internal error', error);
		if (res.headersSent) {
			res.destroy();
			return;
		}
		sendJson(res, 500, { statusCode: STATUS.internal, statusMessage: `Simulator internal error: ${(error as Error)?.message ?? String(error)}` });
	}
}

export class ControlNotFound extends Error {}
