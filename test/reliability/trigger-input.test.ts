/**
 * Bad trigger parameters: activation must fail with an error naming the parameter and the fix, before any CometD
 * session is opened; and filter values that look like object internals must not match every call.
 */
import type { INodeParameters } from 'n8n-workflow';

import { activateTrigger, contextFor } from '../trigger/harness';
import { Figures } from './support/results';
import { recordN8nLogs, SecretScanner } from './support/secrets';
import { startTestSimulator, type Sim } from '../helpers/simulator';
import { credentialOf, RELAGENT, REL_USERS } from '../helpers/users';

let sim: Sim;
const figures = new Figures('trigger-input', 'Bad trigger parameters');
const logs = recordN8nLogs();
const scanner = new SecretScanner(REL_USERS);

beforeAll(async () => {
	sim = await startTestSimulator({ users: REL_USERS });
});
afterAll(async () => {
	await scanner.captureSession(contextFor(credentialOf(sim.url, RELAGENT)), 'trigger-input');
	const findings = scanner.finish(logs);
	figures.set('secrets found in errors, logs and items', findings.length, '0');
	figures.set('errors, items and log lines scanned', scanner.scanned);
	figures.write();
	await sim.close();
	expect(findings).toEqual([]);
});

const REFUSED: Array<[string, INodeParameters, RegExp]> = [
	['no event', { events: [] }, /"Events" is empty[\s\S]*Choose at least one event/],
	['an unknown event', { events: ['Ringing'] }, /"Events" has an unknown value "Ringing"[\s\S]*Use one of/],
	['an event of the wrong type', { events: 'StatusChange' as unknown as string[] }, /"Events"/],
	['a number filter without digits', { events: ['StatusChange'], filters: { numbers: '5551234, abc' } }, /"DNIS or Participant Number" has "abc"[\s\S]*separated by commas/],
	['a user data value without a key', { events: ['StatusChange'], filters: { userDataValue: 'VIP' } }, /"User Data Value" is "VIP" but "User Data Key" is empty/],
];

describe.each(REFUSED)('activation with %s', (_name, parameters, expected) => {
	it('fails naming the parameter and the fix, with no CometD session opened', async () => {
		let failure: unknown;
		try {
			const t = await activateTrigger({ credential: credentialOf(sim.url, RELAGENT), parameters });
			await t.close();
		} catch (error) {
			failure = error;
		}
		scanner.collect('trigger refusal', failure);
		expect(failure).toBeInstanceOf(Error);
		expect(`${(failure as Error).message}\n${String((failure as { description?: unknown }).description)}`).toMatch(expected);
		expect(sim.cometdSessionCount('relagent')).toBe(0);
		figures.add('cases tried', 1);
	});
});

it('a User Data Key filter only matches calls that have the key (plain keys, no inherited ones)', async () => {
	const t = await activateTrigger({ credential: credentialOf(sim.url, RELAGENT), parameters: { events: ['StatusChange'], filters: { userDataKey: 'Segment' } } });
	try {
		await sim.placeInboundCall({ to: 'relagent', from: '5550100', userData: { Other: 'x' } });
		const { callId } = await sim.placeInboundCall({ to: 'relagent', from: '5550101', userData: { Segment: 'VIP' } });
		await t.waitForItems(1);
		await t.quiet(sim); // the first call's notification came before this marker
		scanner.collect('filter items', t.items);
		expect(t.items.map((i) => (i.call as { id: string }).id)).toEqual([callId]);
		figures.add('cases tried', 1);
	} finally {
		await t.close();
	}
});
