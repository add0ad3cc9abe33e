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
	/**
	 * Every agent starts logged out of the voice channel (CLI --agents-logged-out): Ready, Dial and the other voice
	 * operations fail until POST /api/v2/me StartContactCenterSession. Default false (logged in, NotReady).
	 */
	agentsLoggedOut?: boolean;
	/** Optional GWS features, both on by default (docs/FIDELITY.md C10, C11). */
	features?: {
		/** GWS feature api-voice-recording: recordingState "Stopped" on every call, StartCallRecording offered. */
		callRecording?: boolean;
		/** ClearCall offered (and accepted) on Established conferences. */
		clearCall?: boolean;
		/**
		 * The agent's phone holds the call it is on when it answers another, as a SIP phone does (docs/FIDELITY.md C14).
		 * Off: an agent can have several Established calls at once (the reliability suites use one agent that way).
		 */
		holdOnAnswer?: boolean;
	};
}

export interface PlaceInboundCallOptions {
	/**
	 * Username or DN of the agent whose device alerts (a forwarding agent's call goes to their forward destination).
	 * Optional with viaQueue: the queue offers the call to the first available agent, or keeps it waiting.
	 */
	to?: string;
	/** The caller's number (ANI), e.g. "5551234". */
	from: string;
	/** Optional DNIS (the number the caller dialled); defaults to the agent's DN. */
	dnis?: string;
	userData?: Record<string, unknown>;
	/** Delivered through a simulated queue (Reject is offered and sends the call back there). Default false. */
	viaQueue?: boolean;
	/** The queue's name (implies viaQueue); default "default". */
	queue?: string;
}

/** What placeInboundCall did with the call. */
export interface PlacedCall {
	callId: string;
	/** The agent it rings (after forwarding); absent while it waits in its queue or when forwarded out. */
	offeredTo?: string;
	/** The remote number an agent's forwarding sent it to (then no simulated agent has it). */
	forwardedTo?: string;
}

/** A call waiting in a simulated queue (GET /simulator/queue). */
export interface SimQueuedCall {
	id: string;
	queue: string;
	/** The caller's number. */
	from: string;
	dnis?: string;
	userData: Record<string, unknown>;
	/** When it (re)entered the queue, epoch ms. */
	waitingSince: number;
	/** The agent who rejected it last (not offered it again until they become Ready anew). */
	rejectedBy?: string;
}

/** A SetCallDisposition the simulator accepted (GET /simulator/dispositions): what GWS reports. */
export interface SimDisposition {
	time: number;
	username: string;
	callId: string;
	key: string;
	disposition: string;
	/** 'active': written into the call's user data (AttachedDataChanged); 'released': reported only. */
	callState: 'active' | 'released';
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
	/** Logged in on the voice channel. */
	loggedIn: boolean;
	/** StartContactCenterSession's place and queue; AfterCallWork's wrapUpTime (as sent). */
	place?: string;
	loginQueue?: string;
	wrapUpTime?: string;
	/** The agent this supervisor monitors (username), while monitoring is set. */
	monitoring?: { target: string; state: string; mode: string; scope: string };
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
	/** Delivered through a simulated queue, and its name. */
	viaQueue?: boolean;
	queue?: string;
	/** The numbers of the parties that hear this leg's agent now (docs/FIDELITY.md M9). */
	heardBy?: string[];
	/** A supervisor muted this agent (MuteMonitoredUser), or, on a supervisor's leg, muted the monitored agent. */
	monitoredUserMuted?: boolean;
	/** On a supervisor's monitoring leg: the session (mode ListenIn/Coach/BargeIn, scope, monitored agent). */
	monitoring?: { mode: string; scope: string; monitoredUser?: string; monitoredUserMuted: boolean };
}

/** An ended leg as it looked just before it ended, and when it ended (ms since the epoch). */
export interface SimEndedCall {
	call: SimCallSnapshot;
	endedAt: number;
}

/** What waitForCallState resolves with: whose leg reached the state. */
export interface CallStateReached {
	callId: string;
	user: string;
	state: string;
}

export interface RunningSimulator {
	/** e.g. http://127.0.0.1:41234 (no trailing slash, no /api/v2). */
	readonly url: string;
	readonly port: number;
	readonly users: SimUserConfig[];
	placeInboundCall(opts: PlaceInboundCallOptions): Promise<PlacedCall>;
	/** The remote (non-agent) party of a call answers it. */
	remoteAnswer(callId: string): Promise<void>;
	/** A remote (non-agent) party hangs up: `number` (any of a conference's), or the first one (the caller). */
	remoteHangup(callId: string, number?: string): Promise<void>;
	/** Every party hangs up: the call ends for all (each agent's leg Released), conference or not. */
	endCall(callId: string): Promise<void>;
	/** Current calls as the simulator sees them (optionally only one user's). */
	calls(username?: string): SimCallSnapshot[];
	/** Each user's last 5 ended legs, as they looked just before they ended, newest first (optionally one user's). */
	endedCalls(username?: string): SimEndedCall[];
	/**
	 * Resolves once the call's leg (of `user`, or of anyone) is in `state`, e.g. Established after a flow answered
	 * it (what a script waits for before acting on the call); rejects after `timeoutMs` (default 10,000, at most
	 * 60,000) naming the state it is in.
	 */
	waitForCallState(callId: string, state: string, opts?: { user?: string; timeoutMs?: number }): Promise<CallStateReached>;
	/** The configured users with their device state. */
	agents(): SimAgentSnapshot[];
	/** Calls waiting in simulated queues, oldest first. */
	queue(): SimQueuedCall[];
	/** Every SetCallDisposition accepted since the last reset (bounded to the most recent 10,000). */
	dispositions(): SimDisposition[];
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
	/**
	 * Publish one notification exactly as given (`{channel, data}`, e.g. a vendor page's sample) to a user's CometD
	 * sessions: tests replay GWS's documented messages through the nodes with it. Nothing else changes.
	 */
	replayNotification(user: string, notification: { channel: string; data: Record<string, unknown> }): void;
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
