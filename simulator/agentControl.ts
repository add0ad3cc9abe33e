/**
 * Control routes that act as an agent: the console's (and a script's) "set agent1 Ready", "hang up as agent1",
 * "DND on". Each runs the very GWS REST route an agent's client would call (rest.ts routeRest), as that user, so
 * state changes, validation, errors and notifications are exactly the REST operation's. Only the HTTP layer is
 * skipped: no basic auth, CSRF, injected faults or latency, and no entry in the REST request log (these requests
 * did not come from a GWS client; their notifications are logged as usual).
 */
import type { HttpSession } from './auth';
import { GwsError } from './errors';
import { asGwsError, type Json } from './httpUtil';
import { routeRest, type RestDeps } from './rest';
import { ControlNotFound } from './controlNotFound';
import { lookup } from './lookup';
import type { SimUser, UserDirectory } from './users';

/** What the agent-state route accepts, and the GWS request each one is. */
const AGENT_STATE_REQUESTS = {
	Ready: { path: 'me/channels/voice', body: { operationName: 'Ready' } },
	NotReady: { path: 'me/channels/voice', body: { operationName: 'NotReady' } },
	AfterCallWork: { path: 'me/channels/voice', body: { operationName: 'AfterCallWork' } },
	AuxWork: { path: 'me/channels/voice', body: { operationName: 'AuxWork' } },
	LoggedIn: { path: 'me', body: { operationName: 'StartContactCenterSession', channels: ['voice'] } },
	LoggedOut: { path: 'me', body: { operationName: 'EndContactCenterSession' } },
} satisfies Record<string, { path: string; body: Json }>;

/** The states POST /simulator/agents/{username}/state takes (the console's agent-state buttons). */
export type ControlAgentState = keyof typeof AGENT_STATE_REQUESTS;

export class AgentControl {
	constructor(
		private readonly users: UserDirectory,
		private readonly deps: () => RestDeps,
	) {}

	/** `{state, ...extra}`: extra fields (e.g. `workmode`, `reasonCode`) go into the GWS request body. */
	setState(username: string, body: Json): Json {
		const { state, ...extra } = body;
		const request: { path: string; body: Json } | undefined = typeof state === 'string' ? lookup<{ path: string; body: Json }>(AGENT_STATE_REQUESTS, state) : undefined;
		if (!request) {
			throw new Error(`"state" must be one of ${Object.keys(AGENT_STATE_REQUESTS).join(', ')} (got ${JSON.stringify(state) ?? 'nothing'})`);
		}
		return this.run(username, request.path, { ...request.body, ...extra });
	}

	/** POST /api/v2/me/calls/{id} as the agent: `{operationName: "Hangup"}`, `{operationName: "Hold"}`, ... */
	callOperation(username: string, callId: string, body: Json): Json {
		return this.run(username, `me/calls/${callId}`, body);
	}

	/** POST /api/v2/me/devices/{their device} as the agent: `{operationName: "DoNotDisturbOn"}`, ... */
	deviceOperation(username: string, body: Json): Json {
		return this.run(username, `me/devices/${this.user(username).deviceId}`, body);
	}

	private user(username: string): SimUser {
		const user = this.users.byUsername(username);
		if (!user) {
			const known = this.users.all().map((u) => u.username).join(', ');
			throw new ControlNotFound(`agent ${JSON.stringify(username)} is not a configured username (configured: ${known})`);
		}
		return user;
	}

	private run(username: string, path: string, body: Json): Json {
		const user = this.user(username);
		if (typeof body.operationName !== 'string' || body.operationName === '') {
			throw new Error(`"operationName" is required, e.g. {"operationName":"Hangup"} (got ${JSON.stringify(body.operationName) ?? 'nothing'})`);
		}
		// Never stored: only EndContactCenterSession looks at it (to invalidate it, a no-op for this id).
		const session: HttpSession = { id: `control-${user.username}`, username: user.username, csrfToken: '' };
		let refusal: GwsError;
		try {
			const deps = this.deps();
			const reply = routeRest(deps, {
				method: 'POST',
				path: `/api/v2/${path}`,
				query: new URLSearchParams(),
				body,
				auth: { user, session, viaCookie: true },
			});
			// As after every REST request: queued calls go to agents who became available.
			deps.engine.settle();
			return reply;
		} catch (error) {
			if (!(error instanceof GwsError)) throw asGwsError(error);
			refusal = error;
		}
		const message = `GWS refused ${String(body.operationName)} for ${user.username} (HTTP ${refusal.httpStatus}, statusCode ${refusal.statusCode}): ${refusal.message}`;
		throw refusal.httpStatus === 404 ? new ControlNotFound(message) : new Error(message);
	}
}
