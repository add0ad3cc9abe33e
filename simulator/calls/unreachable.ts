/**
 * Destinations that cannot be reached: numbers starting with 999 (e.g. "99999"). The request is accepted
 * ({"statusCode":0}, as GWS accepts before T-Server answers) and an ErrorMessage follows on /v2/me/calls
 * (docs/FIDELITY.md U1, U2).
 */
import type { CallNotifier } from './notifier';

export const UNREACHABLE_PREFIX = '999';
/** T-Server-like error code of that failure in our ErrorMessage (simulator choice). */
const UNREACHABLE_ERROR_CODE = 56;

/** What the rule needs: the engine's notifier and base URL. */
export interface UnreachableHost {
	readonly notifier: Pick<CallNotifier, 'asyncError'>;
	baseUrl(): string;
}

/**
 * True (and an ErrorMessage follows) when `destination` is unreachable; the caller then changes nothing.
 * The ErrorMessage names the operation, the call it was posted on (none for Dial) and the destination.
 */
export function failsAsUnreachable(host: UnreachableHost, username: string, operationName: string, destination: string, callId?: string): boolean {
	if (!destination.startsWith(UNREACHABLE_PREFIX)) return false;
	const base = host.baseUrl();
	host.notifier.asyncError(
		username,
		UNREACHABLE_ERROR_CODE,
		`${operationName} to '${destination}' failed: destination unreachable (simulated: numbers starting with ${UNREACHABLE_PREFIX} never connect)`,
		{ operationName, callId, callUri: callId ? `${base}/api/v2/me/calls/${callId}` : undefined, destination },
	);
	return true;
}
