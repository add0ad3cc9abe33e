/**
 * The simulator's public, in-process API. Tests, the demo and the benchmarks depend on these names;
 * the HTTP control API under /simulator/ mirrors them one to one (see README "Simulator").
 */

export interface SimUserConfig {
	/** Login name (HTTP basic auth user). */
	username: string;
	password: string;
	/** The agent's DN, e.g. "15000"; also the envelope's `phoneNumber`. */
	phoneNumber: string;
	firstName?: string;
	lastName?: string;
	/** Defaults to ['agent']; a supervisor also has 'supervisor'. */
	roles?: string[];
}

export interface SimulatorOptions {
	/** 0 (the default in-process) picks a free port; the CLI defaults to 8090. */
	port?: number;
	/** Always a loopback address; default 127.0.0.1. */
	host?: string;
	/** GWS `enableCsrfProtection`; on by default. */
	csrf?: boolean;
	/** Replaces the demo users. */
	users?: SimUserConfig[];
	/** Added latency for every GWS REST reply, in ms. */
	latencyMs?: number;
	/** Serve HTTPS with this key/cert (PEM) instead of HTTP. */
	tls?: { key: string; cert: string };
	/** A remote (non-agent) party answers an outbound call after this many ms; -1 = only via control API. Default 0 (immediately, after the Dialing notification). */
	remoteAnswerDelayMs?: number;
	/** Log requests to stdout (CLI only). */
	verbose?: boolean;
}

export interface PlaceInboundCallOptions {
	/** Username or DN of the agent whose device alerts. */
	to: string;
	/** The caller's number (ANI), e.g. "5551234". */
	from: string;
	/** Optional DNIS (the number the caller dialled); defaults to the agent's DN. */
	dnis?: string;
	userData?: Record<string, unknown>;
	/** Delivered through a queue (so Reject is offered). Default false. */
	viaQueue?: boolean;
}

export interface LoggedRequest {
	seq: number;
	/** When the request arrived: epoch ms with sub-ms precision (the same clock as LoggedNotification.time). */
	time: number;
	method: string;
	/** Path and query exactly as received (not decoded). */
	url: string;
	/** Decoded path without the query. */
	path: string;
	username?: string;
	/** Parsed JSON body, or the raw text when it is not JSON, or undefined. */
	body?: unknown;
	rawBody?: string;
	headers: Record<string, string | string[] | undefined>;
	status: number;
}

/** A notification the simulator published (GET /simulator/notifications). */
export interface LoggedNotification {
	seq: number;
	/** When it was published: epoch ms with sub-ms precision (the same clock as LoggedRequest.time). */
	time: number;
	/** The user whose CometD sessions receive it. */
	username: string;
	channel: string;
	data: Record<string, unknown>;
	/** Published while notifications were paused: queued, delivered on resume (or dropped). */
	queued?: boolean;
}

/** A configured user and their device as GWS shows it (GET /simulator/agents). */
export interface SimAgentSnapshot {
	username: string;
	phoneNumber: string;
	firstName?: string;
	lastName?: string;
	roles: string[];
	deviceId: string;
	/** The device resource exactly as GET /api/v2/me/devices?fields=* renders it for this user. */
	device: Record<string, unknown>;
}

export interface FaultSpec {
	/** How many upcoming matching GWS REST requests fail. */
	count: number;
	/** HTTP status to answer with (e.g. 500, 503, 401). */
	status: number;
	/** Body to send; default a GWS error shape. A string is sent as-is (e.g. non-JSON or truncated JSON). */
	body?: unknown;
	/** Only requests whose path starts with this; default all /api/v2 paths. */
	pathPrefix?: string;
	/** Only this HTTP method. */
	method?: string;
	/** 'reset' destroys the socket instead of answering; 'hang' never answers (until the client gives up). */
	mode?: 'status' | 'reset' | 'hang';
}

export interface BurstOptions {
	/** Username whose /v2/me/calls channel receives the burst. */
	user: string;
	count: number;
	/** Notifications per second; 0 = as fast as possible. */
	ratePerSec: number;
	/** notificationType of the generated notifications; default 'AttachedDataChanged'. */
	notificationType?: string;
}

export interface SimCallSnapshot {
	id: string;
	state: string;
	callType: string;
	owner: string;
	participants: string[];
	userData: Record<string, unknown>;
	capabilities: string[];
	/** Added: the number dialled, mute "On"/"Off", every DTMF digit sent, recording state, consult parent. */
	dnis?: string;
	mute?: string;
	dtmf?: string;
	recordingState?: string;
	parentCallId?: string;
}

export interface RunningSimulator {
	/** e.g. http://127.0.0.1:41234 (no trailing slash, no /api/v2). */
	readonly url: string;
	readonly port: number;
	readonly users: SimUserConfig[];
	placeInboundCall(opts: PlaceInboundCallOptions): Promise<{ callId: string }>;
	/** The remote (non-agent) party of a call answers it. */
	remoteAnswer(callId: string): Promise<void>;
	/** The remote (non-agent) party hangs up. */
	remoteHangup(callId: string): Promise<void>;
	/** Current calls as the simulator sees them (optionally only one user's). */
	calls(username?: string): SimCallSnapshot[];
	/** The configured users with their device state. */
	agents(): SimAgentSnapshot[];
	reset(): Promise<void>;
	requests(): LoggedRequest[];
	/** Published notifications (bounded to the most recent 10,000), optionally one user's or after a seq. */
	notifications(filter?: { user?: string; since?: number }): LoggedNotification[];
	clearNotifications(): void;
	clearRequests(): void;
	setLatency(ms: number): void;
	injectFault(fault: FaultSpec): void;
	clearFaults(): void;
	/** Drop every CometD session: the next client message gets "402::session_unknown" (advice: handshake). */
	dropCometdSessions(): void;
	/** While paused, notifications queue up and are delivered on resume (or dropped with resume(false)). */
	pauseNotifications(): void;
	resumeNotifications(deliver?: boolean): void;
	/** Publish a burst of synthetic notifications; resolves when all were published. */
	burst(opts: BurstOptions): Promise<{ published: number; startedAt: number; endedAt: number }>;
	/** Stop listening (keeps state); start() again on the same port simulates a server restart. */
	stop(): Promise<void>;
	start(): Promise<void>;
	/** stop(), `downMs` of outage (default 0), start() on the same port. */
	restart(downMs?: number): Promise<void>;
	/** Injected faults not used up yet. */
	pendingFaults(): FaultSpec[];
	/**
	 * Act as an agent through their own GWS REST route (same checks, errors and notifications as their client's
	 * request): state `Ready`, `NotReady`, `AfterCallWork`, `AuxWork`, `LoggedIn` or `LoggedOut`; a call
	 * operation (`{operationName: 'Hangup'}`); a device operation (`{operationName: 'DoNotDisturbOn'}`).
	 */
	setAgentState(username: string, state: string, extra?: Record<string, unknown>): void;
	agentCallOperation(username: string, callId: string, body: Record<string, unknown>): void;
	agentDeviceOperation(username: string, body: Record<string, unknown>): void;
	/** Stop and free everything. */
	close(): Promise<void>;
}
