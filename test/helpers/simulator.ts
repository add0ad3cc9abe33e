/**
 * The one way tests start the GWS simulator: in-process, on a free port, with the nodes' cached GWS sessions
 * forgotten at start and at close (a simulator on another port never lends its cookie).
 *
 *   const sim = useSimulator();                 // one per test file: started before its tests, reset before each
 *   test('...', async () => { await sim.placeInboundCall({ to: 'agent1', from: '5551234' }); });
 *
 *   const other = await startTestSimulator({ agentsLoggedOut: true });   // a second one inside a test
 *   try { ... } finally { await other.close(); }
 *
 * `sim` stands for the running simulator (every property and method of it); using it outside a test or hook,
 * before beforeAll ran, throws. Options go to startSimulator. `reset: false` keeps state between tests (for
 * suites that build on the previous test).
 * Jest runs a block's afterAll hooks in the order they were declared: a file whose own afterAll still needs the
 * simulator declares that hook before calling useSimulator().
 *
 * Also here: marks in the simulator's request log (lastSeq, requestsSince), and the marker notification that shows "nothing
 * more arrives" (markerBurst): published after everything else, so a client that has it has everything before it.
 */
import { clearGwsSessions } from '../../nodes/shared/transport';
import { startSimulator } from '../../simulator';
import type { BurstOptions, LoggedRequest, RunningSimulator, SimulatorOptions } from '../../simulator/api';

export type Sim = Awaited<ReturnType<typeof startSimulator>>;
export type { RunningSimulator };

export interface UseSimulatorOptions extends SimulatorOptions {
	/** Reset the simulator before each test (default true). */
	reset?: boolean;
}

/** A simulator of its own (port 0 unless given), for a test that needs one besides the file's; close() it after. */
export async function startTestSimulator(options: SimulatorOptions = {}): Promise<Sim> {
	clearGwsSessions();
	const sim = await startSimulator({ port: 0, ...options });
	const close = sim.close.bind(sim);
	sim.close = async () => {
		await close();
		clearGwsSessions();
	};
	return sim;
}

export function useSimulator(options: UseSimulatorOptions = {}): Sim {
	const { reset = true, ...simOptions } = options;
	let current: Sim | undefined;
	beforeAll(async () => {
		current = await startTestSimulator(simOptions);
	});
	afterAll(async () => {
		await current?.close();
		current = undefined;
	});
	if (reset) {
		beforeEach(async () => {
			await current?.reset();
		});
	}
	return lateBound<Sim>('useSimulator(): the simulator is not running', () => current);
}

/**
 * Stands for what `get()` returns once a hook has made it (every property, methods bound to it); reading it before
 * (outside a test or hook, or before beforeAll) throws `notReady` with the property's name.
 */
export function lateBound<T extends object>(notReady: string, get: () => T | undefined): T {
	return new Proxy({} as T, {
		get(_target, property) {
			const current = get();
			if (!current) {
				throw new Error(`${notReady} (read "${String(property)}" outside a test or hook, or before beforeAll)`);
			}
			const value = Reflect.get(current, property, current) as unknown;
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
		},
	});
}

/** The seq of the last request in the simulator's request log (0 when empty): later requests have a higher one. */
export function lastSeq(sim: Pick<RunningSimulator, 'requests'>): number {
	return sim.requests().at(-1)?.seq ?? 0;
}

/** Requests the simulator received after `since` (a lastSeq), without the nodes' session logins (GET /api/v2/me). */
export function requestsSince(sim: Pick<RunningSimulator, 'requests'>, since: number): LoggedRequest[] {
	return sim.requests().filter((r) => r.seq > since && !(r.method === 'GET' && r.path === '/api/v2/me'));
}

const MARKER_PREFIX = 'TestMarker-';
let markers = 0;

/**
 * A burst of one notification on `user`'s /v2/me/calls whose notificationType no client offers (the trigger skips
 * it, CometdSubscriber keeps it apart from its notifications): `sim.burst(marker.burst)` or POST /simulator/burst.
 * The simulator delivers a user's notifications in the order it published them, so once a client has the
 * marker, it has everything published to that user before it.
 */
export function markerBurst(user: string): { type: string; burst: BurstOptions } {
	const type = `${MARKER_PREFIX}${++markers}`;
	return { type, burst: { user, count: 1, ratePerSec: 0, notificationType: type } };
}

/** Whether a notification's data is a marker (any, or the one of `type`). */
export function isMarker(data: unknown, type?: string): boolean {
	const notificationType = (data as { notificationType?: unknown } | null | undefined)?.notificationType;
	return typeof notificationType === 'string' && (type === undefined ? notificationType.startsWith(MARKER_PREFIX) : notificationType === type);
}
