/**
 * The simulator: its parts put together, and the in-process API (api.ts RunningSimulator) the tests, the demo and
 * the control API use. One Node http(s) listener (listener.ts) with three areas (dispatch.ts):
 *   /api/v2/notifications  Bayeux (cometdRoute.ts, cometd.ts), authenticated like REST, no CSRF
 *   /api/v2/...            GWS REST (restPipeline.ts, rest.ts) behind auth, CSRF, faults, latency and the request log
 *   /simulator/...         the control API (controlRoute.ts, control.ts) and the console (console/), no auth,
 *                          loopback clients only
 */
import { agentSnapshots } from './agentSnapshots';
import type {
	BurstOptions,
	CallStateReached,
	FaultSpec,
	LoggedNotification,
	LoggedRequest,
	PlaceInboundCallOptions,
	PlacedCall,
	RunningSimulator,
	SimAgentSnapshot,
	SimCallSnapshot,
	SimDisposition,
	SimEndedCall,
	SimQueuedCall,
	SimulatorOptions,
	SimUserConfig,
} from './api';
import { AgentControl } from './agentControl';
import { SessionStore } from './auth';
import { runBurst } from './burst';
import { CallEngine } from './calls/engine';
import { CometdEndpoint } from './cometd';
import { serveCometd } from './cometdRoute';
import { ConsoleFeed } from './console/feed';
import { consoleSnapshot } from './console/snapshot';
import { ControlNotFound } from './controlNotFound';
import { serveControl } from './controlRoute';
import { dispatcher } from './dispatch';
import { placeInboundCall } from './inboundCall';
import { HttpListener } from './listener';
import { NotificationHub } from './notificationHub';
import { routeRest, type RestDeps } from './rest';
import { RestPipeline } from './restPipeline';
import { FaultQueue, RequestLog } from './traffic';
import { DEMO_USERS, UserDirectory } from './users';

/** The longest waitForCallState (GET /simulator/calls/{id}/wait) accepts. */
const MAX_WAIT_MS = 60_000;

export class Simulator implements RunningSimulator {
	readonly users: SimUserConfig[];
	private readonly directory: UserDirectory;
	private readonly sessions: SessionStore;
	private readonly engine: CallEngine;
	/** Made after the options are checked: its server runs a sweep timer that a refused option would leave behind. */
	private readonly cometd: CometdEndpoint;
	private readonly hub = new NotificationHub(() => this.cometd);
	private readonly log = new RequestLog();
	private readonly faults = new FaultQueue();
	private readonly rest: RestPipeline;
	private readonly listener: HttpListener;
	private readonly feed: ConsoleFeed;
	/** The control routes that act as an agent (agentControl.ts). */
	private readonly agentControl: AgentControl;

	constructor(private readonly options: SimulatorOptions = {}) {
		this.listener = new HttpListener({
			host: options.host,
			port: options.port,
			tls: options.tls,
			handle: dispatcher({
				control: (req, res, path, query) => serveControl(this, this.feed, req, res, path, query),
				cometd: (req, res) => serveCometd({ sessions: this.sessions, cometd: this.cometd }, req, res),
				rest: (req, res, path, query, rawUrl) => this.rest.handle(req, res, rawUrl, path, query),
				verbose: options.verbose === true,
			}),
			onStop: () => {
				this.cometd.restart();
				this.sessions.clear();
			},
		});
		this.directory = new UserDirectory(options.users ?? DEMO_USERS, options.agentsLoggedOut === true);
		this.users = this.directory.all().map((u) => ({ ...u.config }));
		this.cometd = new CometdEndpoint();
		this.sessions = new SessionStore(this.directory);
		this.engine = new CallEngine({
			users: this.directory,
			baseUrl: () => this.url,
			publish: (username, n) => this.hub.publish(username, n),
			remoteAnswerDelayMs: options.remoteAnswerDelayMs ?? 0,
			features: {
				callRecording: options.features?.callRecording !== false,
				clearCall: options.features?.clearCall !== false,
				holdOnAnswer: options.features?.holdOnAnswer !== false,
			},
		});
		this.rest = new RestPipeline({
			log: this.log,
			faults: this.faults,
			sessions: this.sessions,
			csrf: options.csrf !== false,
			latencyMs: options.latencyMs ?? 0,
			verbose: options.verbose === true,
			route: (request) => {
				const reply = routeRest(this.restDeps(), request);
				// After every request: queued calls go to agents who became available.
				this.engine.settle();
				return reply;
			},
		});
		this.agentControl = new AgentControl(this.directory, () => this.restDeps());
		this.feed = new ConsoleFeed({
			snapshot: () => consoleSnapshot(this.snapshotSource()),
			recentNotifications: (limit) => this.hub.recent(limit),
			recentRequests: (limit) => this.log.recent(limit),
		});
		this.hub.listen((entry) => this.feed.notificationPublished(entry));
		this.log.listen((entry) => this.feed.requestSettled(entry));
	}

	get port(): number {
		return this.listener.port;
	}

	get url(): string {
		return this.listener.url;
	}

	// ---------------------------------------------------------------- lifecycle

	start(): Promise<void> {
		return this.listener.start();
	}

	/** Like a GWS restart: HTTP sessions and CometD sessions are gone; calls stay (T-Server keeps them). */
	stop(): Promise<void> {
		return this.listener.stop();
	}

	restart(downMs = 0): Promise<void> {
		return this.listener.restart(downMs);
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
		return placeInboundCall(this.engine, this.directory, opts);
	}

	async remoteAnswer(callId: string): Promise<void> {
		this.engine.remoteAnswer(this.controlCall(callId));
		this.engine.settle();
	}

	async remoteHangup(callId: string, number?: string): Promise<void> {
		this.engine.remoteHangup(this.controlCall(callId), number);
		this.engine.settle();
	}

	async endCall(callId: string): Promise<void> {
		const call = this.controlCall(callId);
		if (call.waiting) this.engine.queue.abandon(call);
		else this.engine.releaseAll(call);
		this.engine.settle();
	}

	private controlCall(callId: string) {
		const call = this.engine.store.get(callId);
		if (!call) throw new ControlNotFound(`call ${JSON.stringify(callId)} not found`);
		return call;
	}

	calls(username?: string): SimCallSnapshot[] {
		return this.engine.views.snapshots(username);
	}

	endedCalls(username?: string): SimEndedCall[] {
		return this.engine.ended.all(username);
	}

	waitForCallState(callId: string, state: string, opts: { user?: string; timeoutMs?: number } = {}): Promise<CallStateReached> {
		const timeoutMs = opts.timeoutMs ?? 10_000;
		if (typeof state !== 'string' || state === '') throw new Error('state is required, e.g. state=Established');
		if (!Number.isInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > MAX_WAIT_MS) {
			throw new Error(`timeoutMs must be a whole number of ms from 0 to ${MAX_WAIT_MS} (got ${JSON.stringify(opts.timeoutMs)})`);
		}
		if (opts.user !== undefined && !this.users.some((u) => u.username === opts.user)) {
			throw new ControlNotFound(`agent ${JSON.stringify(opts.user)} not found`);
		}
		this.controlCall(callId);
		const legs = () => this.calls(opts.user).filter((c) => c.id === callId);
		const reached = () => legs().find((c) => c.state === state);
		return new Promise((resolve, reject) => {
			const check = () => {
				const leg = reached();
				if (!leg) return false;
				stop();
				resolve({ callId, user: leg.owner, state: leg.state });
				return true;
			};
			// Every state change publishes a notification: look again after each one.
			const unlisten = this.hub.listen(() => void check());
			const timer = setTimeout(() => {
				stop();
				const now = legs().map((c) => `${c.owner} ${c.state}`).join(', ') || 'no leg any more';
				reject(new Error(`call ${callId} did not reach ${state}${opts.user ? ` at ${opts.user}` : ''} within ${timeoutMs} ms (now: ${now})`));
			}, timeoutMs);
			const stop = () => {
				unlisten();
				clearTimeout(timer);
			};
			check();
		});
	}

	agents(): SimAgentSnapshot[] {
		return agentSnapshots(this.directory, this.url);
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
		this.rest.latencyMs = this.options.latencyMs ?? 0;
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
		this.rest.latencyMs = ms;
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
	replayNotification(user: string, notification: { channel: string; data: Record<string, unknown> }): void {
		const found = this.engine.users.find(user);
		if (!found) throw new ControlNotFound(`user ${JSON.stringify(user)} not found`);
		const { channel, data } = notification ?? {};
		if (typeof channel !== 'string' || !channel.startsWith('/') || data === null || typeof data !== 'object' || Array.isArray(data)) {
			throw new Error('notification must be {"channel": "/v2/me/...", "data": {...}}');
		}
		this.hub.publish(found.username, { channel, data });
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

	private snapshotSource() {
		return {
			url: this.url,
			agents: () => this.agents(),
			calls: () => this.calls(),
			ended: () => this.endedCalls(),
			alsoAccepted: (callId: string, username: string) => this.engine.views.acceptedUnlisted(callId, username),
			cometdSessionCount: (username: string) => this.cometd.sessionCount(username),
			notificationsPublished: this.hub.published,
			notificationsPaused: this.hub.isPaused,
			pendingFaults: () => this.faults.pending(),
			latencyMs: this.rest.latencyMs,
		};
	}

	private restDeps(): RestDeps {
		return { engine: this.engine, sessions: this.sessions, baseUrl: () => this.url };
	}
}
