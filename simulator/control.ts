/**
 * The control API under /simulator/ (no auth; loopback clients only), one route per RunningSimulator method:
 *   POST   /simulator/calls {to?, from, dnis?, userData?, viaQueue?, queue?}
 *                                           -> {callId, offeredTo?, forwardedTo?}  placeInboundCall
 *   GET    /simulator/calls?user=NAME                                -> {calls}    calls
 *   GET    /simulator/queue -> {queue}                                            queue
 *   GET    /simulator/dispositions -> {dispositions}                              dispositions
 *   POST   /simulator/calls/{id}/answer | /hangup                    -> {ok:true}  remoteAnswer / remoteHangup
 *   POST   /simulator/reset                                                      reset
 *   GET    /simulator/agents -> {agents}                                          agents
 *   GET    /simulator/requests -> {requests};  DELETE /simulator/requests        requests / clearRequests
 *   GET    /simulator/notifications?user=NAME&since=SEQ -> {notifications}
 *   DELETE /simulator/notifications                                            notifications / clearNotifications
 *   POST   /simulator/latency {ms}                                               setLatency
 *   POST   /simulator/faults {FaultSpec};  DELETE /simulator/faults              injectFault / clearFaults
 *   POST   /simulator/cometd/drop                                                dropCometdSessions
 *   POST   /simulator/notifications/pause;  POST /simulator/notifications/resume {deliver?}
 *   POST   /simulator/burst {BurstOptions} -> {published, startedAt, endedAt}    burst
 *   GET    /simulator/status -> {url, users (no passwords), cometdSessions, calls, notificationsPublished}
 * Errors: HTTP 400 (bad input) or 404 (unknown call/route) with {"error":"..."}.
 */
import type { BurstOptions, FaultSpec, PlaceInboundCallOptions } from './api';
import { ControlNotFound, type Simulator } from './server';

type Obj = Record<string, unknown>;

export async function routeControl(sim: Simulator, method: string, path: string, query: URLSearchParams, body: unknown): Promise<unknown> {
	const obj = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Obj;
	const parts = path.replace(/\/+$/, '').split('/').slice(2); // after '', 'simulator'
	const key = `${method} ${parts.map((p, i) => (parts[0] === 'calls' && i === 1 ? '{id}' : p)).join('/')}`;
	switch (key) {
		case 'POST calls':
			return sim.placeInboundCall(obj as unknown as PlaceInboundCallOptions);
		case 'GET calls':
			return { calls: sim.calls(query.get('user') ?? undefined) };
		case 'POST calls/{id}/answer':
			await sim.remoteAnswer(parts[1]);
			return { ok: true };
		case 'POST calls/{id}/hangup':
			await sim.remoteHangup(parts[1]);
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
		case 'POST cometd/drop':
			sim.dropCometdSessions();
			return { ok: true };
		case 'POST notifications/pause':
			sim.pauseNotifications();
			return { ok: true };
		case 'POST notifications/resume':
			sim.resumeNotifications(obj.deliver !== false);
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
			};
		default:
			throw new ControlNotFound(`Unknown control route ${method} ${path}; see the README, section "Simulator"`);
	}
}
