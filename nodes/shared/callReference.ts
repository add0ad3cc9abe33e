/**
 * The one reading of a call reference. GWS names a call by its id in paths (`/api/v2/me/calls/{id}`), by its
 * `uri` (`http://host/api/v2/me/calls/{id}`) and `path` (`/calls/{id}`) fields, and by `parentCallUri` /
 * `parentCallPath` on consult calls; users map any of these where a call is asked for.
 */
import type { IDataObject } from 'n8n-workflow';

/** Optional scheme and host, an optional prefix ending in /api/v2/me, then /calls/{id}. */
const CALL_URI_OR_PATH = /^(?:https?:\/\/[^/?#]+)?(?:(?:\/[^?#]*)?\/api\/v2\/me)?\/calls\/([^/?#]+)\/?$/i;

/** A bare id: no path, query or fragment characters. */
const BARE_ID = /^[^/?#]+$/;

/** An id taken from a URI or path, percent-decoded; as it is when it does not decode (a stray "%"). */
export function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/**
 * The call id a reference names: a bare id (as given), or the id at the end of a call URI or path (decoded).
 * Undefined for anything else, e.g. `../devices/dev-1` or a device URI: such a value must not be sent as an id.
 * `bare: false` accepts URIs and paths only (fields GWS fills, such as parentCallUri).
 */
export function callIdFromReference(value: string, options: { bare?: boolean } = {}): string | undefined {
	const match = CALL_URI_OR_PATH.exec(value);
	if (match) return safeDecode(match[1]);
	if (options.bare !== false && BARE_ID.test(value)) return value;
	return undefined;
}

export function isHttpUri(value: string): boolean {
	return /^https?:\/\//i.test(value);
}

/**
 * True for "." and "..": encodeURIComponent leaves them as they are and the URL parser then removes them as dot
 * segments (".../calls/.." becomes ".../me"), so such an id would address ANOTHER resource.
 */
export function isDotSegment(id: string): boolean {
	return id === '.' || id === '..';
}

/** A URI whose path holds a "." or ".." segment, also percent-encoded: GWS would resolve it elsewhere. */
export function hasDotSegment(uri: string): boolean {
	const path = uri.replace(/^https?:\/\/[^/?#]*/i, '').split(/[?#]/)[0];
	return path.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}

/** The call a consult call was made from (parentCallUri or parentCallPath), if any. */
export function parentCallIdOf(call: IDataObject): string | undefined {
	for (const field of ['parentCallUri', 'parentCallPath']) {
		const value = call[field];
		const id = typeof value === 'string' ? callIdFromReference(value, { bare: false }) : undefined;
		if (id !== undefined) return id;
	}
	return undefined;
}
