/** Dial to an unreachable number (see engine.ts UNREACHABLE_PREFIX): accepted, then an ErrorMessage. */
import type { CallEngine } from './calls/engine';
import { UNREACHABLE_ERROR_CODE } from './calls/operations/types';
import type { SimUser } from './users';

export function failsDial(engine: CallEngine, user: SimUser, destination: string): boolean {
	if (!engine.isUnreachable(destination)) return false;
	engine.asyncError(
		user.username,
		UNREACHABLE_ERROR_CODE,
		`Dial to '${destination}' failed: destination unreachable (simulated: numbers starting with 999 never connect)`,
		'Dial',
	);
	return true;
}
