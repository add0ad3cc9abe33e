/**
 * Bounds on what the node sends, checked before any request. The GWS pages state no limits, so these are our
 * choices, generous for real use and far below what could hurt GWS, T-Server or n8n's own timers:
 * - ids: GWS call ids are 32 characters, device ids are UUIDs; 256 leaves room for any deployment.
 * - texts (destination, location, participant, digits, key): phone numbers, DNs and keys are short; 256.
 * - call URIs: the base URL plus a path and an id; 2,048 (a common URL length limit of proxies).
 * - user data: T-Server's attached data (a KVList) travels in one T-Library message, so we keep the JSON at
 *   most 32,768 characters, keys at most 256, and at most 5 levels of objects (the top-level pairs are level 1;
 *   KVList values nest, but a few levels are all real attached data uses).
 * - timeouts: Node.js timers overflow above 2^31-1 ms (and then fire at once), so 2,147,483 s is the maximum.
 */
export const MAX_ID_LENGTH = 256;
export const MAX_TEXT_LENGTH = 256;
export const MAX_URI_LENGTH = 2048;
export const MAX_USER_DATA_CHARS = 32_768;
export const MAX_USER_DATA_KEY_LENGTH = 256;
export const MAX_USER_DATA_DEPTH = 5;
/** Defined with the transport's timeouts (the trigger's options use it too). */
export { MAX_TIMEOUT_S } from '../../shared/transport';

/** A short, single-line excerpt of a value for error messages (never the whole of a long value). */
export function excerpt(text: string, max = 40): string {
	const flat = text.replace(/[\r\n\t]+/g, ' ');
	return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/** How deep a JSON value nests objects/arrays (a scalar is 0, {"a": 1} is 1); stops counting past `limit`. */
export function nestingDepth(value: unknown, limit: number): number {
	if (value === null || typeof value !== 'object') return 0;
	if (limit <= 0) return 1;
	let deepest = 0;
	for (const child of Object.values(value as object)) {
		deepest = Math.max(deepest, nestingDepth(child, limit - 1));
		if (deepest >= limit) break;
	}
	return deepest + 1;
}
