/**
 * User data (attached data): a JSON object, entered as JSON (the `userData` parameter, the contract) or as
 * key/value fields (`userDataFields`, chosen by `userDataInput`), and kept within what a T-Server KVList carries
 * (nodes/shared/limits.ts): size, key length and nesting depth.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	MAX_USER_DATA_CHARS,
	MAX_USER_DATA_DEPTH,
	MAX_USER_DATA_KEY_LENGTH,
} from '../../../shared/limits';
import { nestingDepth } from '../../../shared/nesting';
import { describeValue, excerpt } from '../../../shared/text';
import type { ParamUi } from './parameterSpec';
import { labelOf, type ParamEnv, type ValueKind } from './valueKinds';

/** Picks how user data is entered (default JSON, so saved workflows keep working). */
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

/** The JSON text (or object) of the `userData` parameter; arrays, null and scalars are refused. */
function fromJson(raw: unknown, env: ParamEnv): IDataObject {
	let value: unknown = raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (text === '') return {};
		try {
			value = JSON.parse(text);
		} catch (error) {
			env.fail(
				`${labelOf(env)} is not valid JSON: ${excerpt(text, 80)}`,
				`${(error as Error).message}. ${env.hint}.`,
			);
		}
	}
	if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
		env.fail(
			`${labelOf(env)} must be a JSON object of key/value pairs, but got ${describeValue(value)}`,
			`${env.hint}.`,
		);
	}
	return value as IDataObject;
}

/** The key/value fields; a pair without a key is refused, a repeated key keeps the last value. */
function fromFields(env: ParamEnv): IDataObject {
	const pairs = env.readParameter('userDataFields.pair', []) as Array<{ key?: unknown; value?: unknown }>;
	const data: IDataObject = {};
	pairs.forEach((pair, index) => {
		const key = typeof pair.key === 'string' ? pair.key.trim() : String(pair.key ?? '').trim();
		if (key === '') {
			env.fail(
				`User Data Fields of "${env.operationDisplayName}": pair ${index + 1} has no key`,
				'Enter a key for every pair, or remove the empty pair.',
			);
		}
		data[key] = (pair.value ?? '') as IDataObject[string];
	});
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

function withinBounds(data: IDataObject, env: ParamEnv): IDataObject {
	const label = labelOf(env);
	if (nestingDepth(data, MAX_USER_DATA_DEPTH) > MAX_USER_DATA_DEPTH) {
		env.fail(
			`${label} is nested too deeply (more than ${MAX_USER_DATA_DEPTH} levels of objects)`,
			`GWS user data is key/value pairs whose values may hold a few levels of pairs; flatten it to at most ${MAX_USER_DATA_DEPTH} levels, e.g. {"Case": {"Number": "12345"}}.`,
		);
	}
	const longKey = longKeyIn(data);
	if (longKey !== undefined) {
		env.fail(
			`${label} has a key of ${longKey.length} characters: "${excerpt(longKey)}"`,
			`Keys have at most ${MAX_USER_DATA_KEY_LENGTH} characters; use a short name such as CaseNumber.`,
		);
	}
	const size = JSON.stringify(data).length;
	if (size > MAX_USER_DATA_CHARS) {
		env.fail(
			`${label} is too large: ${size} characters as JSON (${excerpt(JSON.stringify(data), 80)})`,
			`Attached data travels in one T-Server message; keep it at most ${MAX_USER_DATA_CHARS} characters and store large content elsewhere (attach its id or URL).`,
		);
	}
	return data;
}

/** The user data kind: JSON or fields, within bounds; an empty object counts as empty. */
export const userData: ValueKind<IDataObject> = {
	read(raw, env) {
		const data =
			env.readParameter('userDataInput', 'json') === 'fields' ? fromFields(env) : fromJson(raw, env);
		withinBounds(data, env);
		return Object.keys(data).length === 0 ? undefined : data;
	},
	emptyMessage: (env) => ({ message: `${labelOf(env)} is empty`, description: `${env.hint}.` }),
};
