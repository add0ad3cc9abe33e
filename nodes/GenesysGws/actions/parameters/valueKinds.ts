/**
 * The kinds of value a parameter takes, each with its checks and bounds (nodes/shared/limits.ts): a kind turns
 * what n8n hands the node (a string, a number from an expression, JSON, ...) into the checked value, or refuses
 * it with a message naming the parameter, the value and the fix. A parameter's record (catalog.ts) names its kind (`valueKind`).
 */

import {
	callIdFromReference,
	hasDotSegment,
	isDotSegment,
	isHttpUri,
} from '../../../shared/callReference';
import { deviceIdFromUri } from '../../../shared/deviceReference';
import { MAX_ID_LENGTH, MAX_TEXT_LENGTH, MAX_URI_LENGTH, MAX_WRAP_UP_TIME_S } from '../../../shared/limits';
import { describeValue, excerpt } from '../../../shared/text';
import { callUriOn, deviceUriOn } from '../../../shared/gwsResources';

/** What a kind needs to check one parameter of one operation for one item. */
export interface ParamEnv {
	/** The parameter's display name, e.g. "Call". */
	displayName: string;
	/** The operation's display name, e.g. "Hang Up" (not its GWS operationName). */
	operationDisplayName: string;
	/** How to fix a wrong value, when the parameter has advice of its own. */
	hint?: string;
	/** The credential's Base URL (bare ids become URIs on it). */
	baseUrl: string;
	/** Another node parameter of the same item (user data's input mode and fields). */
	readParameter(name: string, fallback: unknown): unknown;
	/** Throws the node error for this item. */
	fail(message: string, description: string): never;
}

/** `Parameter "Call" of "Hang Up"`: how messages name a parameter. */
export function labelOf(env: ParamEnv): string {
	return `Parameter "${env.displayName}" of "${env.operationDisplayName}"`;
}

export interface ValueKind<T = unknown> {
	/** The checked value, or undefined when the input is empty (the caller decides whether that is allowed). */
	read(raw: unknown, env: ParamEnv): T | undefined;
	/** How a required but empty value is reported, when not with the common wording. */
	emptyMessage?(env: ParamEnv): { message: string; description: string };
}

/**
 * Strings and numbers (an expression may give either) to a trimmed string; anything else is refused. A `secret`
 * value (a login code) is never quoted in a message, only its type.
 */
function asText(raw: unknown, env: ParamEnv, secret = false): string {
	if (raw === undefined || raw === null) return '';
	if (typeof raw === 'string') return raw.trim();
	if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
	const got = secret ? (Array.isArray(raw) ? 'an array' : `a value of type ${typeof raw}`) : describeValue(raw);
	return env.fail(
		`${labelOf(env)} must be text, but got ${got}`,
		env.hint ?? 'Enter a text value or map one with an expression.',
	);
}

/** A kind whose input is text; `check` gets the non-empty trimmed text. */
function textKind<T>(check: (text: string, env: ParamEnv) => T, secret = false): ValueKind<T> {
	return {
		read(raw, env) {
			const text = asText(raw, env, secret);
			return text === '' ? undefined : check(text, env);
		},
	};
}

function within(text: string, max: number, env: ParamEnv, secret = false): void {
	if (text.length <= max) return;
	env.fail(
		`${labelOf(env)} is too long: ${text.length} characters${secret ? '' : ` ("${excerpt(text)}")`}`,
		`It may have at most ${max} characters. ${env.hint ?? 'Check the expression that fills it.'}`,
	);
}

function notDotSegment(refused: boolean, text: string, env: ParamEnv): void {
	if (!refused) return;
	env.fail(
		`${labelOf(env)} cannot be "${excerpt(text)}": "." and ".." would make the request address another GWS resource`,
		env.hint ?? 'Enter the ID as GWS gives it.',
	);
}

/**
 * An id GWS gave (a device id): at most MAX_ID_LENGTH, never "." or "..", and no "/", "?" or "#": encoded, they
 * would still reach a proxy or server that decodes %2F before routing as another resource's path.
 */
export const id = textKind((text, env) => {
	within(text, MAX_ID_LENGTH, env);
	notDotSegment(isDotSegment(text), text, env);
	if (/[/?#]/.test(text)) {
		env.fail(
			`${labelOf(env)} cannot contain "/", "?" or "#": "${excerpt(text, 80)}"`,
			`An ID is one path segment; such characters would address another GWS resource. ${env.hint ?? 'Enter the ID as GWS gives it.'}`,
		);
	}
	return text;
});

/** The call id a reference names (shared/callReference.ts); anything else is refused before a request. */
function callIdOf(text: string, env: ParamEnv): string {
	const callId = callIdFromReference(text);
	if (callId === undefined) {
		env.fail(
			`${labelOf(env)} is neither a call ID nor a call URI: "${excerpt(text, 80)}"`,
			`Give the call's ID (e.g. {{ $json.call.id }}) or its uri or path (…/api/v2/me/calls/<id>, /calls/<id>). ${env.hint ?? ''}`.trim(),
		);
	}
	within(callId, MAX_ID_LENGTH, env);
	notDotSegment(isDotSegment(callId), callId, env);
	return callId;
}

/** A call on a request path: a call id, or a call's uri or path from which the id is taken. */
export const callReference = textKind(callIdOf);

/**
 * A call in a request body (consultCallUri, otherCallUri take the call URI): a full URI is sent as given (it may
 * name another host, e.g. behind a load balancer); a call id or path becomes `<Base URL>/api/v2/me/calls/<id>`,
 * the form GWS prints in `call.uri` (our convenience).
 */
export const callUri = textKind((text, env) => {
	if (!isHttpUri(text)) return callUriOn(env.baseUrl, callIdOf(text, env));
	within(text, MAX_URI_LENGTH, env);
	notDotSegment(hasDotSegment(text), text, env);
	if (callIdFromReference(text, { bare: false }) === undefined) {
		env.fail(
			`${labelOf(env)} is not a call URI: "${excerpt(text, 80)}"`,
			`A call URI ends in /api/v2/me/calls/<id> (the call's "uri" field). ${env.hint ?? ''}`.trim(),
		);
	}
	return text;
});

/** Phone numbers, DNs, locations, keys: short texts. */
export const text = textKind((value, env) => {
	within(value, MAX_TEXT_LENGTH, env);
	return value;
});

/** DTMF digits: 0-9, * and #. */
export const dialTones = textKind((value, env) => {
	within(value, MAX_TEXT_LENGTH, env);
	if (!/^[0-9*#]+$/.test(value)) {
		env.fail(
			`Parameter "${env.displayName}" may contain only 0-9, * and #, but is "${excerpt(value, 80)}"`,
			env.hint ?? '',
		);
	}
	return value;
});

/**
 * A phone number GWS dials (a DN): digits, with an optional leading "+" and the * and # a switch's feature codes
 * use. Anything else (letters, spaces) is refused before a request: a number a person or a model mistyped would
 * otherwise be accepted by GWS and fail later, on the switch, with only a notification to say so.
 */
export const phoneNumber = textKind((value, env) => {
	within(value, MAX_TEXT_LENGTH, env);
	if (!/^\+?[0-9*#]+$/.test(value)) {
		env.fail(
			`${labelOf(env)} must be a phone number (digits, optionally a leading +), but is "${excerpt(value, 80)}"`,
			env.hint ?? 'Enter the number as digits, e.g. 15002.',
		);
	}
	return value;
});

/** One of a fixed list of values. */
export function choice(values: string[]): ValueKind<string> {
	return textKind((value, env) => {
		within(value, MAX_TEXT_LENGTH, env);
		if (!values.includes(value)) {
			env.fail(
				`Parameter "${env.displayName}" has an unknown value "${value}"`,
				`Use one of: ${values.join(', ')}.`,
			);
		}
		return value;
	});
}


/** A text that may be a secret (a login code): bounded like any text, but never quoted in a message. */
export const secretText = textKind((value, env) => {
	within(value, MAX_TEXT_LENGTH, env, true);
	return value;
}, true);

/**
 * A device in a request body (targetDeviceUri): a device URI as GWS prints it (a call's `deviceUri`,
 * `http://host/api/v2/devices/<id>`) is sent as given (it may name another host, e.g. behind a load balancer); a
 * bare device id becomes `<Base URL>/api/v2/devices/<id>`, the form GWS prints (our convenience).
 */
export const deviceUri = textKind((text, env) => {
	const advice = `Give the device's URI (a call's deviceUri, e.g. {{ $json.call.deviceUri }}: …/api/v2/devices/<id>) or its device ID. ${env.hint ?? ''}`.trim();
	if (!isHttpUri(text)) {
		if (/[/?#]/.test(text)) env.fail(`${labelOf(env)} is neither a device URI nor a device ID: "${excerpt(text, 80)}"`, advice);
		within(text, MAX_ID_LENGTH, env);
		notDotSegment(isDotSegment(text), text, env);
		return deviceUriOn(env.baseUrl, text);
	}
	within(text, MAX_URI_LENGTH, env);
	notDotSegment(hasDotSegment(text), text, env);
	const deviceId = deviceIdFromUri(text);
	if (deviceId === undefined) return env.fail(`${labelOf(env)} is not a device URI: "${excerpt(text, 80)}"`, advice);
	within(deviceId, MAX_ID_LENGTH, env);
	return text;
});

/**
 * Whole seconds, sent as a string (the AfterCallWork page's sample sends "wrapUpTime":"0"): digits, or a whole
 * number from an expression, from 0 to MAX_WRAP_UP_TIME_S.
 */
export const wholeSeconds = textKind((text, env) => {
	if (!/^\d+$/.test(text) || Number(text) > MAX_WRAP_UP_TIME_S) {
		env.fail(
			`${labelOf(env)} must be a whole number of seconds from 0 to ${MAX_WRAP_UP_TIME_S}, but is "${excerpt(text, 80)}"`,
			`Enter for example 30 ("0" cancels the wrap-up time), or leave it empty. ${env.hint ?? ''}`.trim(),
		);
	}
	return String(Number(text));
});
