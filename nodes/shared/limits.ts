/**
 * Bounds on what the nodes send and wait for, checked before any request. GWS states no limits (docs/FIDELITY.md
 * lists what the simulator accepts), so these are our choices, generous for real use and far below what could
 * hurt GWS, T-Server or n8n's own timers:
 * - ids: GWS call ids are 32 characters, device ids are UUIDs; 256 leaves room for any deployment.
 * - texts (destination, location, participant, digits, key, disposition and its key, place, login code, queue,
 *   phone number): phone numbers, DNs, keys and codes are short; 256.
 * - call and device URIs: the base URL plus a path and an id; 2,048 (a common URL length limit of proxies).
 * - user data: T-Server's attached data (a KVList) travels in one T-Library message, so we keep the JSON at
 *   most 32,768 characters, keys at most 256, and at most 5 levels of objects (the top-level pairs are level 1;
 *   KVList values nest, but a few levels are all real attached data uses).
 * - wrap-up time: whole seconds from 0 to 86,400 (a day); GWS passes it to T-Server, and a longer wrap-up is a
 *   mistake in the expression that fills it, not a wrap-up.
 * - timeouts: Node.js timers overflow above 2^31-1 ms (and then fire at once), so 2,147,483 s is the maximum.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { excerpt } from './text';

export const MAX_ID_LENGTH = 256;
export const MAX_TEXT_LENGTH = 256;
export const MAX_URI_LENGTH = 2048;
export const MAX_USER_DATA_CHARS = 32_768;
export const MAX_USER_DATA_KEY_LENGTH = 256;
export const MAX_USER_DATA_DEPTH = 5;
export const MAX_WRAP_UP_TIME_S = 86_400;

/**
 * The longest timeout in seconds any of our options may take: Node.js timers overflow above 2^31-1 ms and then
 * fire at once (TimeoutOverflowWarning), so a larger value would time out immediately.
 */
export const MAX_TIMEOUT_S = 2_147_483;

/** The lower end of a seconds option: strictly above a value, or from a value on. */
export type SecondsFloor = { above: number } | { from: number };

/**
 * A timeout option in seconds, checked where it is read (an expression or the API can bypass the UI's bounds).
 * Returns the value; refuses anything outside the floor..MAX_TIMEOUT_S range naming the option and the value.
 */
export function checkTimeoutSeconds(
	node: INode,
	option: string,
	value: unknown,
	floor: SecondsFloor,
	errorContext: { itemIndex?: number; example: number },
): number {
	const low = 'above' in floor ? floor.above : floor.from;
	const inRange =
		typeof value === 'number' &&
		('above' in floor ? value > low : value >= low) &&
		value <= MAX_TIMEOUT_S;
	if (inRange) return value;
	const range =
		'above' in floor ? `above ${low} and at most ${MAX_TIMEOUT_S}` : `from ${low} to ${MAX_TIMEOUT_S}`;
	throw new NodeOperationError(
		node,
		`Option "${option}" must be a number of seconds ${range}, but is "${excerpt(String(value))}"`,
		{
			itemIndex: errorContext.itemIndex,
			description: `Enter for example ${errorContext.example}. ${MAX_TIMEOUT_S} s (about 24 days) is the longest timer Node.js can run.`,
		},
	);
}
