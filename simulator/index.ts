/** The simulator's in-process entry point: `const sim = await startSimulator({ port: 0 })`. */
import type { RunningSimulator, SimulatorOptions } from './api';
import { Simulator } from './server';

export * from './api';
export { DEMO_USERS } from './users';
export { loadUsersFile, parseUsers, UsersFileError } from './usersFile';
export { Simulator } from './server';
export { UNREACHABLE_PREFIX } from './calls/unreachable';

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator & Simulator> {
	const sim = new Simulator({ port: 0, ...opts });
	await sim.start();
	return sim;
}
