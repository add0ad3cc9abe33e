/**
 * The control API under /simulator/ (no auth; loopback clients only), one route per RunningSimulator method:
 *   POST   /simulator/calls {to?, from, dnis?, userData?, viaQueue?, queue?}
 *                                           -> {callId, offeredTo?, forwardedTo?}  placeInboundCall
 *   GET    /simulator/calls?user=NAME                                -> {calls}    calls
 *   GET    /simulator/calls/ended?user=NAME                          -> {ended}    endedCalls
 *   GET    /simulator/calls/{id}/wait?state=S&user=NAME&timeoutMs=N -> {callId, user, state}  waitForCallState
 *   GET    /simulator/queue -> {queue}                                            queue
 *   GET    /simulator/dispositions -> {dispositions}                              dispositions
 *   POST   /simulator/calls/{id}/answer | /hangup {number?}          -> {ok:true}  remoteAnswer / remoteHangup
 *   POST   /simulator/calls/{id}/end  every party hangs up         -> {ok:true}  endCall
 *   POST   /simulator/reset                                                      reset
 *   GET    /simulator/agents -> {agents}                                          agents
 *   GET    /simulator/requests -> {requests};  DELETE /simulator/requests        requests / clearRequests
 *   GET    /simulator/notifications?user=NAME&since=SEQ -> {notifications}
 *   DELETE /simulator/notifications                                            notifications / clearNotifications
 *   POST   /simulator/latency {ms}                                               setLatency
 *   POST   /simulator/faults {FaultSpec};  DELETE /simulator/faults              injectFault / clearFaults
 *   POST   /simulator/cometd/drop                                                dropCometdSessions
 *   POST   /simulator/notifications/pause;  POST /simulator/notifications/resume {deliver?}
 *   POST   /simulator/notifications {user, notification: {channel, data}}  (published as given) replayNotification
 *   POST   /simulator/burst {BurstOptions} -> {published, startedAt, endedAt}    burst
 *   GET    /simulator/faults -> {faults}  (injected faults not yet used up)          pendingFaults
 *   GET    /simulator/status -> {url, users (no passwords), cometdSessions, calls, notificationsPublished, consoleClients}
 *   POST   /simulator/restart {downMs?}  answers {ok, restarting}, then stop(), downMs of outage, start() on the
 *                                        same port (sessions forgotten, calls kept)           restart
 * Acting as an agent (agentControl.ts: the agent's own GWS REST route runs, so the same checks and notifications):
 *   POST   /simulator/agents/{username}/state {state, ...}   state: Ready, NotReady, AfterCallWork, AuxWork (POST
 *          /api/v2/me/channels/voice), LoggedIn, LoggedOut (POST /api/v2/me Start/EndContactCenterSession);
 *          other fields (workmode, reasonCode, ...) go into the GWS request body
 *   POST   /simulator/agents/{username}/calls/{id} {operationName, ...}  = POST /api/v2/me/calls/{id}, e.g.
 *          {"operationName":"Hangup"} hangs up as the agent
 *   POST   /simulator/agents/{username}/device {operationName, ...}  = POST /api/v2/me/devices/{their device}
 * The console (console/): GET /simulator/console (the page), GET /simulator/events (its server-sent event stream).
 * Every /simulator/ route answers loopback clients only, and refuses browser requests from other origins
 * (controlGuard.ts).
 * Errors: HTTP 400 (bad input; a GWS refusal names GWS's statusCode and message) or 404 (unknown agent, call or
 * route) with {"error":"..."}.
 */
import type { BurstOptions, FaultSpec, PlaceInboundCallOptions } from './api';
import { ControlNotFound } from './controlNotFound';
import type { Simulator } from './server';

type Obj = Record<string, unknown>;

/** The longest outage POST /simulator/restart accepts. */
const MAX_RESTART_DOWN_MS = 60_000;

/** `calls/ABC/answer` -> `calls/{id}/answer`, `agents/agent1/calls/ABC` -> `agents/{username}/calls/{id}`. */
function routeKey(parts: string[]): string {
	return parts
		.map((p, i) => {
			if (parts[0] === 'calls' && i === 1) return '{id}';
			if (parts[0] === 'agents' && i === 1) return '{username}';
			if (parts[0] === 'agents' && parts[2] === 'calls' && i === 3) return '{id}';
			return p;
		})
		.join('/');
}

/** `afterReply` runs an action once the reply went out (a restart closes the connection that asked for it). */
export async function routeControl(
	sim: Simulator,
	method: string,
	path: string,
	query: URLSearchParams,
	body: unknown,
	afterReply: (action: () => void) => void = (action) => setImmediate(action),
): Promise<unknown> {
	const obj = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Obj;
	const parts = path.replace(/\/+$/, '').split('/').slice(2); // after '', 'simulator'
	const key = `${method} ${routeKey(parts)}`;
	switch (key) {
		case 'POST calls':
			return sim.placeInboundCall(obj as unknown as PlaceInboundCallOptions);
		case 'GET calls':
			return { calls: sim.calls(query.get('user') ?? undefined) };
		case 'GET calls/{id}':
			if (parts[1] !== 'ended') throw new ControlNotFound(`Unknown control route ${method} ${path}; GET /simulator/calls lists the calls`);
			return { ended: sim.endedCalls(query.get('user') ?? undefined) };
		case 'GET calls/{id}/wait': {
			const timeout = query.get('timeoutMs');
			if (timeout !== null && !/^\d+$/.test(timeout)) throw new Error(`timeoutMs must be a whole number of ms, got ${JSON.stringify(timeout)}`);
			return sim.waitForCallState(parts[1], query.get('state') ?? '', {
				user: query.get('user') ?? undefined,
				timeoutMs: timeout === null ? undefined : Number(timeout),
			});
		}
		case 'POST calls/{id}/answer':
			await sim.remoteAnswer(parts[1]);
			return { ok: true };
		case 'POST calls/{id}/hangup': {
			const number = obj.number;
			if (number !== undefined && (typeof number !== 'string' || number === '')) throw new Error(`number must be the remote party's phone number as a string, got ${JSON.stringify(number)}`);
			await sim.remoteHangup(parts[1], number);
			return { ok: true };
		}
		case 'POST calls/{id}/end':
			await sim.endCall(parts[1]);
			return { ok: true };
		case 'POST reset':
			await sim.reset();
			return { ok: true };
		case 'GET agents':
			return { agents: sim.agents() };
		case 'GET queue':
			return { queue: sim.queue() };
		case 'GET dispositions':
			return { dispositions: sim.dispositions() };
		case 'GET notifications': {
			const since = query.get('since');
			if (since !== null && !/^\d+$/.test(since)) throw new Error(`since must be a notification seq (a whole number >= 0), got ${JSON.stringify(since)}`);
			return { notifications: sim.notifications({ user: query.get('user') ?? undefined, since: since === null ? undefined : Number(since) }) };
		}
		case 'DELETE notifications':
			sim.clearNotifications();
			return { ok: true };
		case 'GET requests':
			return { requests: sim.requests() };
		case 'DELETE requests':
			sim.clearRequests();
			return { ok: true };
		case 'POST latency':
			sim.setLatency(obj.ms as number);
			return { ok: true };
		case 'POST faults':
			sim.injectFault(obj as unknown as FaultSpec);
			return { ok: true };
		case 'DELETE faults':
			sim.clearFaults();
			return { ok: true };
		case 'GET faults':
			return { faults: sim.pendingFaults() };
		case 'POST cometd/drop':
			sim.dropCometdSessions();
			return { ok: true };
		case 'POST notifications/pause':
			sim.pauseNotifications();
			return { ok: true };
		case 'POST notifications/resume':
			sim.resumeNotifications(obj.deliver !== false);
			return { ok: true };
		case 'POST notifications':
			sim.replayNotification(obj.user as string, obj.notification as { channel: string; data: Record<string, unknown> });
			return { ok: true };
		case 'POST burst':
			return sim.burst(obj as unknown as BurstOptions);
		case 'GET status':
			return {
				url: sim.url,
				users: sim.users.map((u) => ({ username: u.username, phoneNumber: u.phoneNumber, roles: u.roles })),
				cometdSessions: sim.cometdSessionCount(),
				calls: sim.calls().length,
				notificationsPublished: sim.notificationsPublished,
				consoleClients: sim.consoleClients,
			};
		case 'POST restart': {
			const downMs = obj.downMs ?? 0;
			if (typeof downMs !== 'number' || !Number.isInteger(downMs) || downMs < 0 || downMs > MAX_RESTART_DOWN_MS) {
				throw new Error(`downMs must be a whole number of ms from 0 to ${MAX_RESTART_DOWN_MS} (got ${JSON.stringify(downMs)})`);
			}
			afterReply(() => {
				sim.restart(downMs).catch((error: Error) => {
					console.error(`Simulator restart failed, it is not listening on port ${sim.port}: ${error.message}`);
				});
			});
			return { ok: true, restarting: true, downMs };
		}
		case 'POST agents/{username}/state': {
			const { state, ...extra } = obj;
			sim.setAgentState(parts[1], state as string, extra);
			return { ok: true };
		}
		case 'POST agents/{username}/calls/{id}':
			sim.agentCallOperation(parts[1], parts[3], obj);
			return { ok: true };
		case 'POST agents/{username}/device':
			sim.agentDeviceOperation(parts[1], obj);
			return { ok: true };
		default:
			throw new ControlNotFound(`Unknown control route ${method} ${path}; see the README, section "Simulator"`);
	}
}
