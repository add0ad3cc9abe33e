 
/** Call set-ups shared by the simulator suites (each one replays what a real agent would do through REST). */
import { lateBound, useSimulator, type Sim, type UseSimulatorOptions } from '../helpers/simulator';
import { CometdSubscriber, DEMO, GwsRestClient, type RunningSimulator } from './helpers';

export interface Agents {
	sim: RunningSimulator;
	a1: GwsRestClient;
	a2: GwsRestClient;
	sup: GwsRestClient;
	e1: CometdSubscriber;
	e2: CometdSubscriber;
	eSup: CometdSubscriber;
	stop(): Promise<void>;
}

/**
 * For a whole test file: the simulator (useSimulator, with `options`) and the three demo users logged in, their
 * subscribers drained of leftovers before each test (`drain: false` keeps them), all stopped after the file's tests.
 * Call it at the top of the file, before any hook that needs the agents.
 */
export function useLoggedInAgents(options: UseSimulatorOptions & { drain?: boolean } = {}): { sim: Sim; ag: Agents } {
	const { drain: drainEach = true, ...simOptions } = options;
	let current: Agents | undefined;
	// Declared before useSimulator(): jest runs afterAll hooks in order, and these need the simulator running.
	afterAll(async () => {
		await CometdSubscriber.stopAll();
		await current?.stop();
	});
	const sim = useSimulator(simOptions);
	beforeAll(async () => {
		current = await loginAll(sim);
	});
	if (drainEach) {
		beforeEach(async () => {
			await drain(current!);
		});
	}
	return { sim, ag: lateBound('useLoggedInAgents(): the agents are not logged in', () => current) };
}

/** The three demo users logged in over REST, each with a CometD subscriber. */
async function loginAll(sim: RunningSimulator): Promise<Agents> {
	const a1 = new GwsRestClient(sim.url, DEMO.agent1.username, DEMO.agent1.password);
	const a2 = new GwsRestClient(sim.url, DEMO.agent2.username, DEMO.agent2.password);
	const sup = new GwsRestClient(sim.url, DEMO.supervisor1.username, DEMO.supervisor1.password);
	await Promise.all([a1.login(), a2.login(), sup.login()]);
	const e1 = new CometdSubscriber(sim.url, { username: a1.username, password: a1.password });
	const e2 = new CometdSubscriber(sim.url, { username: a2.username, password: a2.password });
	const eSup = new CometdSubscriber(sim.url, { username: sup.username, password: sup.password });
	await Promise.all([e1.start(), e2.start(), eSup.start()]);
	return {
		sim, a1, a2, sup, e1, e2, eSup,
		stop: async () => {
			await Promise.all([e1.stop(), e2.stop(), eSup.stop()]);
		},
	};
}

const isCall = (state: string, id?: string) => (n: { data: any }) =>
	n.data?.messageType === 'CallStateChangeMessage' && n.data.call?.state === state && (id === undefined || n.data.call.id === id);

/** agent1 (15000) dials agent2 (15001), agent2 answers: returns the call id once both see it Established. */
export async function establishedA1toA2(ag: Agents): Promise<string> {
	const ringing = ag.e2.waitFor(isCall('Ringing'));
	expect((await ag.a1.dial(DEMO.agent2.dn)).body).toEqual({ statusCode: 0 });
	const callId = (await ringing).data.call.id;
	const established = ag.e1.waitFor(isCall('Established', callId));
	const answered = ag.e2.waitFor(isCall('Established', callId));
	expect((await ag.a2.op(callId, 'Answer')).body).toEqual({ statusCode: 0 });
	await Promise.all([established, answered]);
	return callId;
}

/** Waits until `sub` has exactly `count` notifications from `from`, then a little longer to catch extras. */
export async function exactly(sub: CometdSubscriber, from: number, count: number): Promise<Array<{ channel: string; data: any }>> {
	await sub.waitForCount(count, from);
	await new Promise((r) => setTimeout(r, 150));
	return sub.notifications.slice(from);
}

export { isCall };

/** An inbound call from `from` to `who` (agent1 / agent2 / supervisor1), answered; returns its id once Established. */
export async function answeredInbound(ag: Agents, who: 'agent1' | 'agent2' | 'supervisor1', from = '5551234'): Promise<string> {
	const { rest, events } = side(ag, who);
	const start = events.notifications.length;
	const { callId } = await ag.sim.placeInboundCall({ to: who, from });
	await events.waitFor(isCall('Ringing', callId), 3000, start);
	const established = events.waitFor(isCall('Established', callId), 3000, start);
	expect((await rest.op(callId, 'Answer')).body).toEqual({ statusCode: 0 });
	await established;
	return callId;
}

/** The REST client and CometD subscriber of one demo user. */
function side(ag: Agents, who: 'agent1' | 'agent2' | 'supervisor1'): { rest: GwsRestClient; events: CometdSubscriber } {
	if (who === 'agent1') return { rest: ag.a1, events: ag.e1 };
	if (who === 'agent2') return { rest: ag.a2, events: ag.e2 };
	return { rest: ag.sup, events: ag.eSup };
}

/** POST an operation on the user's own device. */
export async function deviceOp(rest: GwsRestClient, operationName: string, params: Record<string, unknown> = {}) {
	const id = await rest.deviceId();
	return rest.post(`/api/v2/me/devices/${id}`, { operationName, ...params });
}

/** POST /api/v2/me/channels/voice. */
export function agentState(rest: GwsRestClient, operationName: string, params: Record<string, unknown> = {}) {
	return rest.post('/api/v2/me/channels/voice', { operationName, ...params });
}

/** No notification arrives on `sub` after index `from` within `ms`. */
export async function nothingMore(sub: CometdSubscriber, from: number, ms = 200): Promise<void> {
	await new Promise((r) => setTimeout(r, ms));
	expect(sub.notifications.slice(from)).toEqual([]);
}

export const isDevice = (n: { channel: string; data: any }) => n.channel === '/v2/me/devices' && n.data?.messageType === 'DeviceStateChangeMessage';

/**
 * Waits until each subscriber has received the last notification the simulator published to its user, so a test
 * that counts notifications never sees a previous test's late ones (call before sim.reset(), which clears the log).
 */
export async function drain(ag: Agents, timeoutMs = 3000): Promise<void> {
	const pairs: Array<[string, CometdSubscriber]> = [['agent1', ag.e1], ['agent2', ag.e2], ['supervisor1', ag.eSup]];
	const deadline = Date.now() + timeoutMs;
	for (const [user, sub] of pairs) {
		const logged = ag.sim.notifications({ user });
		if (logged.length === 0) continue;
		const last = JSON.stringify(logged[logged.length - 1].data);
		while (Date.now() < deadline && !sub.notifications.slice(-logged.length).some((n) => JSON.stringify(n.data) === last)) {
			await new Promise((r) => setTimeout(r, 10));
		}
	}
}
