/** Request-body parameters in the documented shapes; every error names the parameter, the value and the fix (docs/FIDELITY.md E1-E3). */
import { tooDeepValue } from '../bodyLimits';
import { GwsError, STATUS, invalidParameter, missingParameter } from '../errors';

export type Body = Record<string, unknown>;

/** `destination` is {"phoneNumber":"..."} (docs/FIDELITY.md O11). */
export function destination(body: Body): string {
	const value = body.destination;
	const shape = 'an object like {"destination":{"phoneNumber":"15002"}}';
	if (value === undefined || value === null) throw missingParameter('destination', shape);
	if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameter('destination', value, shape);
	const phone = (value as Body).phoneNumber;
	if (phone === undefined) throw missingParameter('destination.phoneNumber', 'a phone number string, e.g. "15002"');
	if (typeof phone !== 'string' || phone.trim() === '') {
		throw invalidParameter('destination.phoneNumber', phone, 'a non-empty phone number string, e.g. "15002"');
	}
	return phone.trim();
}

export function optionalUserData(body: Body): Record<string, unknown> | undefined {
	const value = body.userData;
	if (value === undefined) return undefined;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw invalidParameter('userData', value, 'a JSON object of key/value pairs, e.g. {"AccountNumber":"12345"}');
	}
	const tooDeep = tooDeepValue('userData', value);
	if (tooDeep) throw new GwsError(400, STATUS.inputValidation, tooDeep);
	return value as Record<string, unknown>;
}

export function requiredUserData(body: Body): Record<string, unknown> {
	const value = optionalUserData(body);
	if (value === undefined) throw missingParameter('userData', 'a JSON object of key/value pairs, e.g. {"AccountNumber":"12345"}');
	if (Object.keys(value).length === 0) throw invalidParameter('userData', value, 'at least one key/value pair');
	return value;
}

/** Digits 0-9, * and # (docs/FIDELITY.md O10). */
export function digits(body: Body): string {
	const value = body.digits;
	const expected = 'a string of DTMF digits 0-9, * or #, e.g. "1234#"';
	if (value === undefined || value === null) throw missingParameter('digits', expected);
	if (typeof value !== 'string' || !/^[0-9*#]+$/.test(value)) throw invalidParameter('digits', value, expected);
	return value;
}

/** `participant` is a plain string (test/simulator/fixtures/RemoveParticipantFromConference.json; docs/FIDELITY.md O6). */
export function participant(body: Body): string {
	const value = body.participant;
	const expected = 'the phone number of the participant as a string, e.g. "15001"';
	if (value === undefined || value === null) throw missingParameter('participant', expected);
	if (typeof value !== 'string' || value.trim() === '') throw invalidParameter('participant', value, expected);
	return value.trim();
}

export function key(body: Body): string {
	const value = body.key;
	const expected = 'the user data key as a string, e.g. "AccountNumber"';
	if (value === undefined || value === null) throw missingParameter('key', expected);
	if (typeof value !== 'string' || value === '') throw invalidParameter('key', value, expected);
	return value;
}

/**
 * A call URI parameter (otherCallUri, consultCallUri): the full URI (http://host/api/v2/me/calls/ID) or any path
 * ending in /calls/ID. Returns the call id, or undefined when optional and absent.
 */
export function callUri(body: Body, name: string, required: boolean): string | undefined {
	const value = body[name];
	const expected = 'a call URI like "http://host/api/v2/me/calls/<id>" (the call\'s "uri" field) or "/calls/<id>"';
	if (value === undefined || value === null) {
		if (required) throw missingParameter(name, expected);
		return undefined;
	}
	if (typeof value !== 'string') throw invalidParameter(name, value, expected);
	const match = /\/calls\/([^/?#\s]+)\/?$/.exec(value.trim());
	if (!match) throw invalidParameter(name, value, expected);
	return decodeURIComponent(match[1]);
}
