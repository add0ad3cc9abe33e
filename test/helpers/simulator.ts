/**
 * One simulator per test file, started before the file's tests, reset before each test and closed after them:
 *
 *   const sim = useSimulator();                 // in a describe block or at the top of a test file
 *   test('...', async () => { await sim.placeInboundCall({ to: 'agent1', from: '5551234' }); });
 *
 * `sim` stands for the running simulator (every property and method of it); using it outside a test or hook,
 * before beforeAll ran, throws. Options go to startSimulator (port 0 = a free port). `reset: false` keeps state
 * between tests (for suites that build on the previous test). Cached GWS sessions of the nodes' transport are
 * forgotten at start and at close, so a simulator on another port never lends its cookie.
 * Jest runs a block's afterAll hooks in the order they were declared: a file whose own afterAll still needs the
 * simulator declares that hook before calling useSimulator().
 */
import { clearGwsSessions } from '../../nodes/shared/transport';
import { startSimulator } from '../../simulator';
import type { SimulatorOptions } from '../../simulator/api';

export type Sim = Awaited<ReturnType<typeof startSimulator>>;

export interface UseSimulatorOptions extends SimulatorOptions {
	/** Reset the simulator before each test (default true). */
	reset?: boolean;
}

export function useSimulator(options: UseSimulatorOptions = {}): Sim {
	const { reset = true, ...simOptions } = options;
	let current: Sim | undefined;
	beforeAll(async () => {
		clearGwsSessions();
		current = await startSimulator({ port: 0, ...simOptions });
	});
	afterAll(async () => {
		await current?.close();
		current = undefined;
		clearGwsSessions();
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
