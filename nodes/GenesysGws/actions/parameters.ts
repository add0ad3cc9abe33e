/**
 * Every parameter once: its UI (without displayOptions; versionDescription.ts adds them from the operation
 * table) and how its value is checked and put on the wire.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { gwsPath, isDotSegment } from '../../shared/transport';
import {
	MAX_ID_LENGTH,
	MAX_TEXT_LENGTH,
	MAX_URI_LENGTH,
	MAX_USER_DATA_CHARS,
	MAX_USER_DATA_DEPTH,
	MAX_USER_DATA_KEY_LENGTH,
	excerpt,
	nestingDepth,
} from './limits';
import { AGENT_STATES } from './operations';
import type { GwsOperation, ParamName } from './operations';

type ParamUi = Omit<INodeProperties, 'displayOptions' | 'required'>;

export const PARAMETER_UI: Record<ParamName, ParamUi> = {
	callId: {
		displayName: 'Call',
		name: 'callId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description:
			"The call to act on: pick one of your active calls or give its ID (a call's uri or path works too)",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCalls', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 01RCC3N118B1V0SL8O7GK2LAES000009',
			},
		],
	},
	deviceId: {
		displayName: 'Device ID',
		name: 'deviceId',
		type: 'string',
		default: '',
		description: 'The device to dial from. Leave empty to use your first device.',
	},
	destination: {
		displayName: 'Destination',
		name: 'destination',
		type: 'string',
		default: '',
		placeholder: 'e.g. 15002',
		description: 'The phone number to dial (GWS receives it as {"phoneNumber": "..."})',
	},
	location: {
		displayName: 'Location',
		name: 'location',
		type: 'string',
		default: '',
		description:
			'T-Server location of the destination, for multi-site setups. Leave empty for the local site.',
	},
	consultCallUri: {
		displayName: 'Consult Call',
		name: 'consultCallUri',
		type: 'string',
		default: '',
		placeholder: 'e.g. 01RCC3N118B1V0SL8O7GK2LAES00000A',
		description:
			'The consult call (its ID or URI, e.g. the output of the Initiate step). Leave empty to let GWS find it.',
	},
	otherCallUri: {
		displayName: 'Other Call',
		name: 'otherCallUri',
		type: 'string',
		default: '',
		placeholder: 'e.g. 01RCC3N118B1V0SL8O7GK2LAES00000A',
		description: 'The other call (its ID or URI)',
	},
	participant: {
		displayName: 'Participant',
		name: 'participant',
		type: 'string',
		default: '',
		placeholder: 'e.g. 15001',
		description: 'Phone number of the participant to remove',
	},
	digits: {
		displayName: 'Digits',
		name: 'digits',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1234',
		description: 'The digits to send as dial tones (0-9, * and #)',
	},
	key: {
		displayName: 'Key',
		name: 'key',
		type: 'string',
		default: '',
		placeholder: 'e.g. CaseNumber',
		description: 'The user data key to delete',
	},
	userData: {
		displayName: 'User Data',
		name: 'userData',
		type: 'json',
		default: '{}',
		placeholder: '{"CaseNumber": "12345"}',
		description: 'Key/value pairs as a JSON object, e.g. {"CaseNumber": "12345", "Priority": 2}',
	},
	agentState: {
		displayName: 'State',
		name: 'agentState',
		type: 'options',
		default: 'Ready',
		options: AGENT_STATES.map((s) => ({ name: s.name, value: s.value })),
		description: 'The voice state to set',
	},
};

/**
 * A key/value alternative to the User Data JSON, chosen by `userDataInput` (default JSON, so saved workflows
 * keep working). description.ts shows all three wherever an operation takes `userData`.
 */
export const USER_DATA_INPUT_UI: ParamUi = {
	displayName: 'User Data Input',
	name: 'userDataInput',
	type: 'options',
	options: [
		{ name: 'JSON', value: 'json', description: 'Enter the pairs as a JSON object' },
		{
			name: 'Fields Below',
			value: 'fields',
			description: 'Enter each key and value in its own field',
		},
	],
	default: 'json',
	description: 'How to enter the user data',
};

export const USER_DATA_FIELDS_UI: ParamUi = {
	displayName: 'User Data Fields',
	name: 'userDataFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Pair',
	default: {},
	options: [
		{
			displayName: 'Pair',
			name: 'pair',
			values: [
				{
					displayName: 'Key',
					name: 'key',
					type: 'string',
					default: '',
					placeholder: 'e.g. CaseNumber',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. 12345',
				},
			],
		},
	],
};

/**
 * What checking needs of n8n's execute context: the node (for errors) and the parameter values. Narrow so
 * operationsMarkdown.ts can run the same checks on sample inputs for the README.
 */
export type ParamContext = Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'>;

/** What a parameter became after checking: a body field, a path id, or nothing (optional and empty). */
export interface CheckedParams {
	body: IDataObject;
	callId?: string;
	deviceId?: string;
	agentState?: string;
}

const HINTS: Partial<Record<ParamName, string>> = {
	callId: 'Pick a call from the list or give its ID (e.g. {{ $json.call.id }})',
	destination: 'Enter the phone number to dial, e.g. 15002',
	participant: 'Enter the phone number of the participant to remove, e.g. 15001',
	digits: 'Enter the digits to send, e.g. 1234',
	key: 'Enter the user data key to delete, e.g. CaseNumber',
	otherCallUri: 'Enter the ID or URI of the other call',
	consultCallUri: 'Enter the ID or URI of the consult call, or leave it empty',
	deviceId: 'Enter a device ID from the "Get Devices" agent operation, or leave it empty to use your first device',
	location: 'Enter the T-Server location name, or leave it empty for the local site',
	userData: 'Enter a JSON object such as {"CaseNumber": "12345"}',
};

function fail(
	ctx: ParamContext,
	itemIndex: number,
	message: string,
	description: string,
): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/** Strings and numbers (an expression may give either) to a trimmed string; anything else is refused. */
function asText(
	ctx: ParamContext,
	op: GwsOperation,
	name: ParamName,
	raw: unknown,
	itemIndex: number,
): string {
	if (raw === undefined || raw === null) return '';
	if (typeof raw === 'string') return raw.trim();
	if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
	return fail(
		ctx,
		itemIndex,
		`Parameter "${PARAMETER_UI[name].displayName}" of "${op.name}" must be text, but got ${describe(raw)}`,
		HINTS[name] ?? 'Enter a text value or map one with an expression.',
	);
}

function describe(value: unknown): string {
	if (Array.isArray(value)) return `an array (${truncate(JSON.stringify(value))})`;
	if (value === null) return 'null';
	if (typeof value === 'object') return `an object (${truncate(JSON.stringify(value))})`;
	return `${typeof value} ${truncate(String(value))}`;
}

function truncate(text: string): string {
	return excerpt(text, 80);
}

/** userData: a JSON object (or JSON text of one). Arrays, null and scalars are refused with the value shown. */
function parseUserData(
	ctx: ParamContext,
	op: GwsOperation,
	raw: unknown,
	itemIndex: number,
): IDataObject {
	let value: unknown = raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (text === '') return {};
		try {
			value = JSON.parse(text);
		} catch (error) {
			fail(
				ctx,
				itemIndex,
				`Parameter "User Data" of "${op.name}" is not valid JSON: ${truncate(text)}`,
				`${(error as Error).message}. ${HINTS.userData}.`,
			);
		}
	}
	if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
		fail(
			ctx,
			itemIndex,
			`Parameter "User Data" of "${op.name}" must be a JSON object of key/value pairs, but got ${describe(value)}`,
			`${HINTS.userData}.`,
		);
	}
	return value as IDataObject;
}

/** Keeps user data within what a T-Server KVList carries (limits.ts): size, key length and nesting depth. */
function checkUserDataBounds(
	ctx: ParamContext,
	op: GwsOperation,
	data: IDataObject,
	itemIndex: number,
): IDataObject {
	const label = `Parameter "User Data" of "${op.name}"`;
	const depth = nestingDepth(data, MAX_USER_DATA_DEPTH);
	if (depth > MAX_USER_DATA_DEPTH) {
		fail(
			ctx,
			itemIndex,
			`${label} is nested too deeply (more than ${MAX_USER_DATA_DEPTH} levels of objects)`,
			`GWS user data is key/value pairs whose values may hold a few levels of pairs; flatten it to at most ${MAX_USER_DATA_DEPTH} levels, e.g. {"Case": {"Number": "12345"}}.`,
		);
	}
	const longKey = longKeyIn(data);
	if (longKey !== undefined) {
		fail(
			ctx,
			itemIndex,
			`${label} has a key of ${longKey.length} characters: "${excerpt(longKey)}"`,
			`Keys have at most ${MAX_USER_DATA_KEY_LENGTH} characters; use a short name such as CaseNumber.`,
		);
	}
	const size = JSON.stringify(data).length;
	if (size > MAX_USER_DATA_CHARS) {
		fail(
			ctx,
			itemIndex,
			`${label} is too large: ${size} characters as JSON (${truncate(JSON.stringify(data))})`,
			`Attached data travels in one T-Server message; keep it at most ${MAX_USER_DATA_CHARS} characters and store large content elsewhere (attach its id or URL).`,
		);
	}
	return data;
}

function longKeyIn(value: unknown): string | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	for (const [key, child] of Object.entries(value)) {
		if (key.length > MAX_USER_DATA_KEY_LENGTH) return key;
		const found = longKeyIn(child);
		if (found !== undefined) return found;
	}
	return undefined;
}

/** userData from the key/value fields; a pair without a key is refused, a repeated key keeps the last value. */
function userDataFromFields(
	ctx: ParamContext,
	op: GwsOperation,
	itemIndex: number,
): IDataObject {
	const pairs = ctx.getNodeParameter('userDataFields.pair', itemIndex, []) as Array<{
		key?: unknown;
		value?: unknown;
	}>;
	const data: IDataObject = {};
	pairs.forEach((pair, index) => {
		const key = typeof pair.key === 'string' ? pair.key.trim() : String(pair.key ?? '').trim();
		if (key === '') {
			fail(
				ctx,
				itemIndex,
				`User Data Fields of "${op.name}": pair ${index + 1} has no key`,
				'Enter a key for every pair, or remove the empty pair.',
			);
		}
		data[key] = (pair.value ?? '') as IDataObject[string];
	});
	return data;
}

/**
 * consultCallUri / otherCallUri take the call URI (CallControl.txt). A bare call id is accepted too and
 * expanded to `<baseUrl>/api/v2/me/calls/<id>`, the form GWS prints in `call.uri` (our convenience).
 */
function toCallUri(value: string, baseUrl: string): string {
	return /^https?:\/\//i.test(value) ? value : baseUrl + gwsPath`/api/v2/me/calls/${value}`;
}

/**
 * A call URI (or bare id) whose path holds a "." or ".." segment, also percent-encoded: GWS would resolve it to
 * another resource than the call.
 */
function hasDotSegment(value: string): boolean {
	if (!/^https?:\/\//i.test(value)) return isDotSegment(value);
	const path = value.replace(/^https?:\/\/[^/?#]*/i, '').split(/[?#]/)[0];
	return path.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}

/** Refuses ids and texts the limits (limits.ts) do not allow, or that would address another resource. */
function checkText(
	ctx: ParamContext,
	op: GwsOperation,
	name: ParamName,
	text: string,
	itemIndex: number,
): void {
	const label = `Parameter "${PARAMETER_UI[name].displayName}" of "${op.name}"`;
	const isUri = name === 'consultCallUri' || name === 'otherCallUri';
	// A bare call id given for a URI parameter is held to the id limit, like Call (toCallUri expands it).
	const isId = name === 'callId' || name === 'deviceId' || (isUri && !/^https?:\/\//i.test(text));
	const max = isId ? MAX_ID_LENGTH : isUri ? MAX_URI_LENGTH : MAX_TEXT_LENGTH;
	if (text.length > max) {
		fail(
			ctx,
			itemIndex,
			`${label} is too long: ${text.length} characters ("${excerpt(text)}")`,
			`It may have at most ${max} characters. ${HINTS[name] ?? 'Check the expression that fills it.'}`,
		);
	}
	if ((isId && isDotSegment(text)) || (isUri && hasDotSegment(text))) {
		fail(
			ctx,
			itemIndex,
			`${label} cannot be "${excerpt(text)}": "." and ".." would make the request address another GWS resource`,
			HINTS[name] ?? 'Enter the ID as GWS gives it.',
		);
	}
}

/**
 * Users often map a call's `uri` or `path` (".../api/v2/me/calls/ID", "/calls/ID") where the id belongs; take
 * the id from them rather than sending the whole URI as an (encoded) id. A bare id is used as given.
 */
export function callIdFrom(value: string): string {
	const match = /^(?:https?:\/\/[^/]+)?(?:\/api\/v2\/me)?\/calls\/([^/?#]+)\/?$/i.exec(value);
	if (!match) return value;
	try {
		return decodeURIComponent(match[1]);
	} catch {
		return match[1];
	}
}

function readCallId(ctx: ParamContext, itemIndex: number): unknown {
	const raw = ctx.getNodeParameter('callId', itemIndex, '', { extractValue: true }) as unknown;
	if (raw && typeof raw === 'object' && 'value' in raw) return (raw as { value: unknown }).value;
	return raw;
}

/** Reads, checks and maps every parameter of `op` for one item. */
export function checkParams(
	ctx: ParamContext,
	op: GwsOperation,
	itemIndex: number,
	baseUrl: string,
): CheckedParams {
	const out: CheckedParams = { body: {} };
	for (const { name, required } of op.params) {
		const label = PARAMETER_UI[name].displayName;
		const raw =
			name === 'callId' ? readCallId(ctx, itemIndex) : ctx.getNodeParameter(name, itemIndex, '');
		if (name === 'userData') {
			const data = checkUserDataBounds(
				ctx,
				op,
				ctx.getNodeParameter('userDataInput', itemIndex, 'json') === 'fields'
					? userDataFromFields(ctx, op, itemIndex)
					: parseUserData(ctx, op, raw, itemIndex),
				itemIndex,
			);
			if (Object.keys(data).length === 0) {
				if (required) {
					fail(
						ctx,
						itemIndex,
						`Parameter "User Data" of "${op.name}" is empty`,
						`${HINTS.userData}.`,
					);
				}
				continue;
			}
			out.body.userData = data;
			continue;
		}
		const text = asText(ctx, op, name, raw, itemIndex);
		if (text === '') {
			if (required) {
				fail(
					ctx,
					itemIndex,
					`Parameter "${label}" is required for "${op.name}" but is empty`,
					HINTS[name] ?? `Enter a value for "${label}".`,
				);
			}
			// Optional and empty: omitted from the request, never sent as "".
			continue;
		}
		// A call's uri or path given as Call is checked as the id taken from it.
		checkText(ctx, op, name, name === 'callId' ? callIdFrom(text) : text, itemIndex);
		switch (name) {
			case 'callId':
				out.callId = callIdFrom(text);
				break;
			case 'deviceId':
				out.deviceId = text;
				break;
			case 'agentState':
				if (!AGENT_STATES.some((s) => s.value === text)) {
					fail(
						ctx,
						itemIndex,
						`Parameter "State" has an unknown value "${text}"`,
						`Use one of: ${AGENT_STATES.map((s) => s.value).join(', ')}.`,
					);
				}
				out.agentState = text;
				break;
			case 'destination':
				out.body.destination = { phoneNumber: text };
				break;
			case 'digits':
				if (!/^[0-9*#]+$/.test(text)) {
					fail(
						ctx,
						itemIndex,
						`Parameter "Digits" may contain only 0-9, * and #, but is "${truncate(text)}"`,
						HINTS.digits ?? '',
					);
				}
				out.body.digits = text;
				break;
			case 'consultCallUri':
			case 'otherCallUri':
				out.body[name] = toCallUri(text, baseUrl);
				break;
			default:
				// location, participant, key: plain strings on the wire.
				out.body[name] = text;
		}
	}
	return out;
}
