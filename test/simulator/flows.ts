 
/** Call set-ups shared by the simulator suites (each one replays what a real agent would do through REST). */
import { lateBound, useSimulator, type Sim, type UseSimulatorOptions } from '../helpers/simulator';
import { DEMO } from '../helpers/users';
import { CometdSubscriber, GwsRestClient, type RunningSimulator } from './helpers';

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
 * subscribers drained before each test (every notification of the previous test has arrived before the
 * simulator is reset, so none turns up late in the next test), all stopped after the file's tests.
 * Call it at the top of the file, before any hook that needs the agents.
 */
export function useLoggedInAgents(options: UseSimulatorOptions = {}): { sim: Sim; ag: Agents } {
	let current: Agents | undefined;
	// Declared before useSimulator(): jest runs hooks in the order they were declared, and these need the
	// simulator running (afterAll) or must run before its reset (beforeEach).
	afterAll(async () => {
		await CometdSubscriber.stopAll();
		await current?.stop();
	});
	beforeEach(async () => {
		if (current) await drain(current);
	});
	const sim = useSimulator(options);
	beforeAll(async () => {
		current = await loginAll(sim);
	});
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

/**
 * The `count` notifications `sub` receives from index `from`, and no other: waits for them, then for a marker
 * published after them (CometdSubscriber.flush), and fails if anything else came before it.
 */
export async function exactly(sub: CometdSubscriber, from: number, count: number): Promise<Array<{ channel: string; data: any }>> {
	await sub.waitForCount(count, from);
	await sub.flush();
	const got = sub.notifications.slice(from);
	if (got.length !== count) {
		throw new Error(`Expected exactly ${count} notification(s) after index ${from}, got ${got.length}: ${JSON.stringify(got.map((n) => n.data))}`);
	}
	return got;
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

/** No notification arrived on `sub` after index `from`, up to a marker published now. */
export async function nothingMore(sub: CometdSubscriber, from: number): Promise<void> {
	await sub.flush();
	expect(sub.notifications.slice(from)).toEqual([]);
}

export const isDevice = (n: { channel: string; data: any }) => n.channel === '/v2/me/devices' && n.data?.messageType === 'DeviceStateChangeMessage';

/** Waits until each subscriber has received every notification the simulator has published to its user. */
export async function drain(ag: Agents): Promise<void> {
	await Promise.all([ag.e1.flush(), ag.e2.flush(), ag.eSup.flush()]);
}
