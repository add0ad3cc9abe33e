/**
 * How much of a large value the console's frames carry (feed.ts, snapshot.ts): a frame goes to every console and
 * is held per client until it is read, so a request body or a call's user data larger than CONSOLE_VALUE_CHARS is
 * shown cut, with a marker; the full values stay in GET /simulator/requests, /simulator/calls and
 * /simulator/notifications.
 */
import { measureValue } from '../bodyLimits';

export const CONSOLE_VALUE_CHARS = 4096;

/** User data as the console shows it: itself, or a marker when its JSON is longer than CONSOLE_VALUE_CHARS. */
export function shownUserData<T>(userData: T): T | { '[truncated]': string } {
	if (userData === undefined || measureValue(userData, Infinity, CONSOLE_VALUE_CHARS).chars <= CONSOLE_VALUE_CHARS) return userData;
	return { '[truncated]': `user data of more than ${CONSOLE_VALUE_CHARS} characters; GET /simulator/calls and /simulator/notifications have all of it` };
}
