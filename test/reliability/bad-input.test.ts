/**
 * Bad input, GENERATED from the node's operation table (nodes/GenesysGws/actions/operations.ts) and parameter
 * catalog: a new operation or parameter gets its cases without touching this file, each case chosen by the
 * parameter's value kind. Every case runs in a real n8n-core execution (many
 * items per execution, Continue On Fail) against the simulator over real HTTP, and the test asserts on what the
 * simulator received:
 * - REFUSED cases (missing, blank, whitespace, wrong type, expression results of the wrong type, userData that is
 *   not a JSON object, digits that are not dial tones, an unknown state, a bad option): an error item naming the
 *   parameter, with a fix in its description, and NO request to GWS at all.
 * - ENCODED cases (ids and texts with `/`, `?`, `#`, CR/LF, spaces, quotes, unicode, `%2e`): they are legal text, so
 *   they may reach GWS, but only encoded: the id is one path segment that decodes back to the exact value, the
 *   body is the exact JSON the operation's GWS page shows (test/conformance/vendorRequests.ts, not the node's own
 *   wire rules), and no header was injected. Every parameter gets these cases; those its kind refuses (an id with
 *   "/", a choice, digits, seconds, JSON) must be refused naming it, before any request.
 * Cases the node gets wrong today (`.`/`..` ids, unbounded length and depth) are in known-defects.test.ts.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { OPERATIONS, type GwsOperation } from '../../nodes/GenesysGws/actions/operations';
import { PARAMETERS, type ParamName } from '../../nodes/GenesysGws/actions/parameters/catalog';
import { userData as userDataKind } from '../../nodes/GenesysGws/actions/parameters/userData';
import * as kinds from '../../nodes/GenesysGws/actions/parameters/valueKinds';
import {
	MAX_ID_LENGTH,
	MAX_TEXT_LENGTH,
	MAX_TIMEOUT_S,
	MAX_URI_LENGTH,
	MAX_USER_DATA_CHARS,
	MAX_USER_DATA_DEPTH,
	MAX_USER_DATA_KEY_LENGTH,
} from '../../nodes/shared/limits';
import { contextFor } from '../trigger/harness';
import { runNode, type GwsTestCredential, type NodeResult } from '../helpers/n8n';
import { Figures } from './support/results';
import { recordN8nLogs, SecretScanner } from './support/secrets';
import { lastSeq, requestsSince, startTestSimulator, type Sim } from '../helpers/simulator';
import { credentialOf, RELAGENT, REL_USERS } from '../helpers/users';
import { namesIn, vendorRequest } from '../conformance/vendorRequests';

const NO_CALL = 'REL-NO-SUCH-CALL';
const DEVICE = 'REL-DEVICE';

const CALL_UUID = 'REL-NO-SUCH-CALL-UUID';

/** The parameters whose valid value is not their catalog sample (ids GWS does not have, so nothing changes state). */
const VALID_VALUES: Partial<Record<ParamName, unknown>> = {
	callId: NO_CALL,
	deviceId: DEVICE,
	destination: '5550199',
	otherCallUri: 'REL-OTHER-CALL',
	participant: '15001',
	digits: '123',
	key: 'CaseNumber',
	userData: { K: 'V' },
	// AfterCallWork: the state that takes wrapUpTime, so its cases are read (the node reads it only then).
	agentState: 'AfterCallWork',
	wrapUpTime: '30',
	disposition: 'Sale',
	targetDeviceUri: 'REL-TARGET-DEVICE',
};

/**
 * A valid value for every parameter of the catalog; a case replaces exactly one of them. Derived, so a new parameter
 * is never missing: its value above, else empty where every operation takes it as optional (left out of the
 * request), else its catalog sample.
 */
const VALID = Object.fromEntries(
	(Object.keys(PARAMETERS) as ParamName[]).map((name) => {
		const alwaysOptional = OPERATIONS.every((op) => op.params.every((p) => p.name !== name || !p.required));
		return [name, name in VALID_VALUES ? VALID_VALUES[name] : alwaysOptional ? '' : PARAMETERS[name].sample];
	}),
) as Record<ParamName, unknown>;

type ValueKind = (typeof PARAMETERS)[ParamName]['valueKind'];
const kindOf = (name: ParamName): ValueKind => PARAMETERS[name].valueKind;
/** Ids and call or device references: one path segment, or an id a URI is made of. */
const REFERENCE_KINDS: ValueKind[] = [kinds.id, kinds.callReference, kinds.callUri, kinds.deviceUri];
const isChoice = (name: ParamName) => PARAMETERS[name].ui.type === 'options';

/**
 * Whether a parameter's kind refuses a legal-looking hostile text (the kind's contract, not its code):
 * - texts take anything within their length;
 * - ids and references refuse "/", "?" and "#" (encoded, they would still reach a proxy or server that decodes %2F
 *   before routing as another resource's path);
 * - a choice takes only its options; digits only 0-9 * #, a phone number only those and a leading +, seconds only digits, user data only a JSON object: none of
 *   the hostile texts is one.
 */
function refusesHostile(name: ParamName, value: string): boolean {
	const kind = kindOf(name);
	if (isChoice(name)) return !(PARAMETERS[name].ui.options ?? []).some((o) => (o as { value: unknown }).value === value);
	if (kind === kinds.text || kind === kinds.secretText) return false;
	if (REFERENCE_KINDS.includes(kind)) return /[/?#]/.test(value);
	if (kind === kinds.dialTones || kind === kinds.phoneNumber || kind === kinds.wholeSeconds || kind === userDataKind) return true;
	throw new Error(`No hostile-text rule for the value kind of "${name}": say in refusesHostile whether its kind takes hostile text`);
}

interface RefusedCase {
	label: string;
	param: ParamName | 'timeout';
	value: unknown;
}

const WRONG_TYPES: Array<[string, unknown]> = [
	['an array', [1, 2]],
	['an object', { a: 1 }],
	['a boolean', true],
	['an empty array', []],
];

/** Refused values for one parameter of one operation. */
function refusedValues(name: ParamName, required: boolean): Array<[string, unknown]> {
	const out: Array<[string, unknown]> = [];
	if (kindOf(name) === userDataKind) {
		out.push(
			['JSON array text', '[1,2]'],
			['JSON string text', '"text"'],
			['JSON number text', '42'],
			['JSON null text', 'null'],
			['invalid JSON', '{"a": '],
			['unquoted keys', '{a: 1}'],
			['an array (expression)', [1, 2]],
			['a number (expression)', 7],
			['a boolean (expression)', false],
		);
		let deep: unknown = 'leaf';
		for (let i = 0; i <= MAX_USER_DATA_DEPTH; i++) deep = { k: deep };
		out.push(
			[`nested ${MAX_USER_DATA_DEPTH + 1} levels deep`, deep],
			[`longer than ${MAX_USER_DATA_CHARS} characters`, { big: 'x'.repeat(MAX_USER_DATA_CHARS) }],
			[`a key longer than ${MAX_USER_DATA_KEY_LENGTH} characters`, { ['k'.repeat(MAX_USER_DATA_KEY_LENGTH + 1)]: 'v' }],
		);
		if (required) out.push(['blank', ''], ['whitespace', ' \t\n '], ['an empty object', {}], ['empty object text', '{}']);
		return out;
	}
	if (isChoice(name) && required) {
		const first = String((PARAMETERS[name].ui.options?.[0] as { value: unknown }).value);
		return [
			['an unknown value', 'Busy'],
			['a lower-case value', first.toLowerCase()],
			['blank', ''],
			['a number', 42],
			['an array', [first]],
		];
	}
	if (required) out.push(['blank', ''], ['whitespace', ' \t\r\n '], ['undefined (expression of a missing field)', undefined], ['null (expression)', null]);
	out.push(...WRONG_TYPES);
	out.push(...tooLong(name));
	if (kindOf(name) === kinds.dialTones) out.push(['letters', 'abc'], ['a space inside', '12 34'], ['a semicolon', '1;2'], ['a plus sign', '+123']);
	if (kindOf(name) === kinds.phoneNumber) out.push(['letters', '15OO2'], ['a space inside', '150 02'], ['a plus sign inside', '150+02'], ['a SIP URI', 'sip:15002@pbx']);
	return out;
}

/** One character over the limit (nodes/shared/limits.ts) for each kind of text. */
function tooLong(name: ParamName): Array<[string, unknown]> {
	const kind = kindOf(name);
	if (kind === kinds.id || kind === kinds.callReference) return [[`${MAX_ID_LENGTH + 1} characters`, 'x'.repeat(MAX_ID_LENGTH + 1)]];
	if (kind === kinds.callUri) {
		// (A bare id over MAX_ID_LENGTH here is known-defects.test.ts D9.)
		return [[`a URI of ${MAX_URI_LENGTH + 1} characters`, `http://gws.example.com/api/v2/me/calls/${'x'.repeat(MAX_URI_LENGTH)}`.slice(0, MAX_URI_LENGTH + 1)]];
	}
	if (kind === kinds.dialTones || kind === kinds.phoneNumber) return [[`${MAX_TEXT_LENGTH + 1} digits`, '1'.repeat(MAX_TEXT_LENGTH + 1)]];
	return [[`${MAX_TEXT_LENGTH + 1} characters`, 'x'.repeat(MAX_TEXT_LENGTH + 1)]];
}

/** Exactly at the limit: legal, so sent as is (kinds of free text only; the others refuse these as hostile text). */
function atLimit(name: ParamName): Array<[string, string]> {
	if (REFERENCE_KINDS.includes(kindOf(name))) return [[`${MAX_ID_LENGTH} characters`, 'x'.repeat(MAX_ID_LENGTH)]];
	if (kindOf(name) === kinds.text || kindOf(name) === kinds.secretText) return [[`${MAX_TEXT_LENGTH} characters`, 'y'.repeat(MAX_TEXT_LENGTH)]];
	return [];
}

/** Legal but hostile text: must reach GWS only encoded. */
const HOSTILE_TEXT: Array<[string, string]> = [
	['a slash', 'a/b'],
	['a dot-dot-slash', '../devices'],
	['a query', 'a?operationName=Hangup'],
	['a fragment', 'a#frag'],
	['CR/LF header injection', 'a\r\nX-Injected: yes'],
	['a LF alone', 'a\nX-Injected: yes'],
	['a space', 'a b'],
	['quotes and JSON', 'a", "operationName": "Hangup'],
	['unicode', 'ünï☎-通話'],
	['an emoji', 'call-📞'],
	['percent-encoded dots', '%2e%2e%2f'],
	['a backslash', 'a\\..\\b'],
];

function parametersFor(op: GwsOperation, omit?: ParamName): INodeParameters {
	const parameters: INodeParameters = { resource: op.resource, operation: op.value };
	for (const { name } of op.params) {
		if (name === omit) continue;
		parameters[name] = name === 'callId' ? { __rl: true, mode: 'id', value: '={{ $json.callId }}' } : `={{ $json.${name} }}`;
	}
	// (confirmationTimeout is only read with waitForConfirmation on: n8n drops hidden options before the node runs.)
	parameters.options = { timeout: '={{ $json.timeout }}' };
	return parameters;
}

function validItem(op: GwsOperation): IDataObject {
	const item: IDataObject = {};
	for (const { name } of op.params) item[name] = VALID[name] as IDataObject[string];
	return item;
}

let sim: Sim;
let credential: GwsTestCredential;
const figures = new Figures('bad-input', 'Bad input (generated from the operation table)');
const logs = recordN8nLogs();
const scanner = new SecretScanner(REL_USERS);

beforeAll(async () => {
	sim = await startTestSimulator({ users: REL_USERS });
	credential = credentialOf(sim.url, RELAGENT);
});
afterAll(async () => {
	await scanner.captureSession(contextFor(credential), 'bad-input');
	const findings = scanner.finish(logs);
	figures.set('secrets found in errors, logs and items', findings.length, '0');
	figures.set('errors, items and log lines scanned', scanner.scanned);
	figures.write();
	await sim.close();
	expect(findings).toEqual([]);
});

async function run(op: GwsOperation, items: IDataObject[], omit?: ParamName): Promise<NodeResult> {
	const result = await runNode({ credential, parameters: parametersFor(op, omit), items, continueOnFail: true });
	scanner.collect(`${op.value} items`, result.items);
	if (result.error) scanner.collect(`${op.value} error`, result.error);
	expect(result.status).toBe('success');
	expect(result.items).toHaveLength(items.length);
	return result;
}

/** The error item names the parameter and carries a fix. */
function expectNamedError(item: IDataObject, label: string, op: GwsOperation, caseLabel: string): void {
	const context = `${op.value} / ${caseLabel}: ${JSON.stringify(item).slice(0, 300)}`;
	expect({ context, hasError: typeof item.error === 'string' }).toEqual({ context, hasError: true });
	expect({ context, namesParameter: (item.error as string).includes(`"${label}"`) }).toEqual({ context, namesParameter: true });
	expect({ context, hasFix: typeof item.description === 'string' && (item.description as string).length > 10 }).toEqual({
		context,
		hasFix: true,
	});
}

function labelOf(param: RefusedCase['param']): string {
	return param === 'timeout' ? param : String(PARAMETERS[param].ui.displayName);
}

describe.each(OPERATIONS.map((op) => [`${op.resource}.${op.value}`, op] as const))('%s', (_name, op) => {
	it('refuses missing required parameters without calling GWS', async () => {
		// agentState is required but has a default ("Ready"), so leaving it out is valid.
		for (const { name } of op.params.filter((p) => p.required && p.name !== 'agentState')) {
			const since = lastSeq(sim);
			const item = validItem(op);
			delete item[name];
			// n8n itself may refuse the workflow first ("node has issues: Parameter X is required"), since the
			// property is marked required; otherwise the node must give the error item. Either must name it.
			let message: string;
			try {
				const result = await run(op, [item], name);
				expectNamedError(result.items[0], labelOf(name), op, `${name} missing`);
				message = String(result.items[0].error);
			} catch (error) {
				scanner.collect(`${op.value} missing ${name}`, error);
				message = (error as Error).message;
				expect(message).toMatch(/has issues/);
			}
			expect(message).toContain(`"${labelOf(name)}"`);
			expect(requestsSince(sim, since)).toEqual([]);
			figures.add('cases tried', 1);
			figures.add('refused before any request', 1);
		}
	});

	it('refuses blank, whitespace, wrong-type and invalid values (naming the parameter) without calling GWS', async () => {
		const cases: RefusedCase[] = [];
		for (const { name, required } of op.params) {
			for (const [label, value] of refusedValues(name, required)) cases.push({ label: `${name}: ${label}`, param: name, value });
		}
		for (const [label, value] of [
			['negative', -1],
			['zero', 0],
			['text', 'soon'],
			[`above ${MAX_TIMEOUT_S} s (timer overflow)`, MAX_TIMEOUT_S + 1],
		] as Array<[string, unknown]>) {
			cases.push({ label: `timeout: ${label}`, param: 'timeout', value });
		}
		const items = cases.map((c) => ({ ...validItem(op), [c.param]: c.value }) as IDataObject);
		const since = lastSeq(sim);
		const result = await run(op, items);
		cases.forEach((c, i) => expectNamedError(result.items[i], labelOf(c.param), op, c.label));
		// Paired items: error i belongs to input i.
		expect(result.output.map((o) => (o.pairedItem as { item: number }).item)).toEqual(items.map((_, i) => i));
		expect(requestsSince(sim, since)).toEqual([]);
		figures.add('cases tried', cases.length);
		figures.add('refused before any request', cases.length);
	});

	if (op.confirmation) {
		it('refuses a bad Confirmation Timeout (with Wait for Confirmation on) without calling GWS', async () => {
			const values: unknown[] = [0, -1, 'soon', MAX_TIMEOUT_S + 1, [5]];
			const parameters = parametersFor(op);
			parameters.options = { waitForConfirmation: true, confirmationTimeout: '={{ $json.confirmationTimeout }}' };
			const since = lastSeq(sim);
			const result = await runNode({
				credential,
				continueOnFail: true,
				parameters,
				items: values.map((confirmationTimeout) => ({ ...validItem(op), confirmationTimeout }) as IDataObject),
			});
			scanner.collect(`${op.value} confirmationTimeout items`, result.items);
			result.items.forEach((item, i) => {
				expect({ value: values[i], error: String(item.error) }).toEqual({ value: values[i], error: expect.stringContaining('"confirmationTimeout"') });
			});
			expect(requestsSince(sim, since)).toEqual([]);
			figures.add('cases tried', values.length);
			figures.add('refused before any request', values.length);
		});
	}

	const hostile = op.params; // every parameter of the operation: its kind decides refused or sent
	if (hostile.length) it('sends legal hostile text only encoded (one path segment, the exact body its GWS page shows, no injected header), and refuses what its kind refuses', async () => {
		const cases: Array<{ label: string; param: ParamName; value: string }> = [];
		const refused: Array<{ label: string; param: ParamName; value: string }> = [];
		for (const { name } of hostile) {
			for (const [label, value] of [...HOSTILE_TEXT, ...atLimit(name)]) {
				(refusesHostile(name, value) ? refused : cases).push({ label: `${name}: ${label}`, param: name, value });
			}
		}
		if (refused.length) {
			const before = lastSeq(sim);
			const refusals = await run(op, refused.map((c) => ({ ...validItem(op), [c.param]: c.value }) as IDataObject));
			expect(requestsSince(sim, before)).toEqual([]);
			refused.forEach((c, i) => {
				const context = `${op.value} / ${c.label}`;
				const named = REFERENCE_KINDS.includes(kindOf(c.param)) ? `Parameter "${labelOf(c.param)}" of "${op.name}"` : `"${labelOf(c.param)}"`;
				expect({ context, error: String(refusals.items[i].error) }).toEqual({ context, error: expect.stringContaining(named) });
				expectNamedError(refusals.items[i], labelOf(c.param), op, c.label);
			});
			figures.add('cases tried', refused.length);
			figures.add('refused before any request', refused.length);
		}
		if (!cases.length) return;
		// Set Call Disposition names its call in the body: the item carries that call (as a trigger item does), so
		// the node sends the operation instead of reading the call first.
		const items = cases.map((c) => {
			const item = { ...validItem(op), [c.param]: c.value } as IDataObject;
			if (op.namesCallInBody) item.call = { id: item.callId, callUuid: CALL_UUID };
			return item;
		});
		const since = lastSeq(sim);
		const result = await run(op, items);
		const received = requestsSince(sim, since);
		expect(received).toHaveLength(cases.length); // one request per item: nothing split, nothing extra
		const templateNames = namesIn(op.value);
		cases.forEach((c, i) => {
			const request = received[i];
			const context = `${op.value} / ${c.label}`;
			const expected = vendorRequest(op.value, { ...VALID, [c.param]: c.value, callUuid: CALL_UUID }, sim.url);
			// The raw URL has no character that could end the path or the request line.
			expect({ context, rawUrlSafe: /^[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]+$/.test(request.url) && !/[\r\n #]/.test(request.url) }).toEqual({
				context,
				rawUrlSafe: true,
			});
			expect({ context, method: request.method, path: request.path, rawPath: request.url.split('?')[0] }).toEqual({
				context,
				method: expected.method,
				path: expected.path,
				rawPath: expected.rawPath,
			});
			if (expected.body !== undefined) {
				let body = request.body as IDataObject;
				if (!templateNames.has(c.param)) {
					// A parameter the page's sample does not show: it must arrive as one more field, holding the exact text.
					const extra = Object.keys(body).filter((k) => !(k in expected.body!));
					expect({ context, extra: extra.map((k) => body[k]) }).toEqual({ context, extra: [c.value] });
					body = Object.fromEntries(Object.entries(body).filter(([k]) => !extra.includes(k)));
				}
				expect({ context, body }).toEqual({ context, body: expected.body });
			}
			expect({ context, injected: Object.keys(request.headers).filter((h) => h.startsWith('x-injected')) }).toEqual({
				context,
				injected: [],
			});
			// An unknown call or device comes back as an error item that names it; nothing else broke.
			if (op.params.some((p) => p.name === 'callId' || p.name === 'deviceId')) {
				expect({ context, error: typeof result.items[i].error }).toEqual({ context, error: 'string' });
			}
		});
		figures.add('cases tried', cases.length);
		figures.add('sent encoded and exact', cases.length);
	});
});

it('has a valid value for every parameter of the catalog, and the hostile-text rule of its kind', () => {
	for (const name of Object.keys(PARAMETERS) as ParamName[]) {
		expect({ name, valid: VALID[name] !== undefined }).toEqual({ name, valid: true });
		expect(() => refusesHostile(name, 'a/b')).not.toThrow();
	}
});

it('covers at least 150 generated cases', () => {
	// Runs last in this file (jest runs tests in order): the figures of every operation above are in.
	expect(figures.get('cases tried')).toBeGreaterThanOrEqual(150);
	figures.set('operations covered', OPERATIONS.length);
});

it('userData keys like __proto__ and constructor are sent as plain keys and pollute nothing', async () => {
	const op = OPERATIONS.find((o) => o.value === 'updateUserData')!;
	const texts = ['{"__proto__": {"polluted": "yes"}}', '{"constructor": {"prototype": {"polluted": "yes"}}}', '{"a": {"__proto__": {"polluted": "yes"}}}'];
	const since = lastSeq(sim);
	const result = await run(op, texts.map((userData) => ({ ...validItem(op), userData })));
	const received = requestsSince(sim, since);
	expect(received.map((r) => JSON.parse(String(r.rawBody)).userData)).toEqual(texts.map((t) => JSON.parse(t)));
	expect(received.map((r) => Object.keys(JSON.parse(String(r.rawBody)).userData))).toEqual([['__proto__'], ['constructor'], ['a']]);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
	expect(result.items.every((i) => typeof i.error === 'string')).toBe(true); // the call does not exist
	figures.add('cases tried', texts.length);
	figures.add('sent encoded and exact', texts.length);
});
