/**
 * GWS reports the failure of an accepted operation later, as an ErrorMessage on /v2/me/calls (a Dial to a dead
 * number, a failed transfer). Wait for Confirmation ends at once on the ErrorMessage that belongs to the request,
 * with GWS's errorCode and errorMessage, and never on one that belongs to another request. The simulator's
 * numbers starting with 999 are accepted and then fail (docs/FIDELITY.md U1, U2).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { failureOf } from '../../nodes/GenesysGws/actions/asyncFailures';
import { callRef, runNode } from '../helpers/n8n';
import { useSimulator } from '../helpers/simulator';
import { GwsRestClient } from '../simulator/helpers';
import { agent1, eventually, lastSeq } from './setup';

const sim = useSimulator();

/** Longer than a jest test may take: a wait that did not end on the ErrorMessage fails the test. */
const WAIT = { waitForConfirmation: true, confirmationTimeout: 120 };

async function established(from = '5551234'): Promise<string> {
	const { callId } = await sim.placeInboundCall({ to: 'agent1', from });
	await eventually(
		() => sim.calls('agent1'),
		(c) => c.some((x) => x.id === callId && x.state === 'Ringing'),
	);
	const rest = new GwsRestClient(sim.url, 'agent1', 'agent1pass');
	await rest.login();
	await rest.op(callId, 'Answer');
	await eventually(
		() => sim.calls('agent1'),
		(c) => c.some((x) => x.id === callId && x.state === 'Established'),
	);
	return callId;
}

const CALL_OPERATIONS: Array<[string, string]> = [
	['singleStepTransfer', 'SingleStepTransfer'],
	['singleStepConference', 'SingleStepConference'],
	['initiateConference', 'InitiateConference'],
	['initiateTransfer', 'InitiateTransfer'],
];

describe('an ErrorMessage for the request ends the wait at once', () => {
	it('dial: the error names errorCode and errorMessage', async () => {
		const result = await runNode({
			credential: agent1(sim),
			parameters: { resource: 'call', operation: 'dial', destination: '99912', options: WAIT },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/^GWS reported that "Dial" failed: Dial to '99912' failed: destination unreachable .* \(errorCode 56\)$/,
		);
		expect(result.error?.description).toContain('ErrorMessage');
		expect(sim.calls('agent1')).toEqual([]);
	});

	it.each(CALL_OPERATIONS)('%s: the error names errorCode and errorMessage', async (operation, operationName) => {
		const id = await established();
		const result = await runNode({
			credential: agent1(sim),
			parameters: { resource: 'call', operation, callId: callRef(id), destination: '99977', options: WAIT },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			new RegExp(`^GWS reported that "[A-Za-z ]+" failed: ${operationName} to '99977' failed: .* \\(errorCode 56\\)$`),
		);
		// Nothing happened to the call.
		expect(sim.calls('agent1')).toEqual([expect.objectContaining({ id, state: 'Established' })]);
	});

	it('Continue On Fail returns the failure as the item error, and the next item still runs', async () => {
		const result = await runNode({
			credential: agent1(sim),
			continueOnFail: true,
			items: [{ to: '99934' }, { to: '5550100' }],
			parameters: {
				resource: 'call',
				operation: 'dial',
				destination: '={{ $json.to }}',
				options: WAIT,
			} as INodeParameters,
		});
		expect(result.status).toBe('success');
		expect(result.items[0].error).toMatch(/^GWS reported that "Dial" failed: .*\(errorCode 56\)$/);
		expect(result.items[0].description).toContain('ErrorMessage');
		expect(result.items[1]).toMatchObject({ confirmed: true, call: { state: 'Dialing' } });
	});
});

describe('an ErrorMessage of another request does not end the wait', () => {
	it("another operation's failure arriving during the wait is ignored; the wait confirms its own", async () => {
		const id = await established();
		// Hold the notifications so that a Dial failure (another request of the same user) arrives while the
		// node waits for its Hold to be confirmed.
		sim.pauseNotifications();
		const rest = new GwsRestClient(sim.url, 'agent1', 'agent1pass');
		await rest.login();
		await rest.dial('99955');
		const seq = lastSeq(sim);
		const running = runNode({
			credential: agent1(sim),
			parameters: { resource: 'call', operation: 'hold', callId: callRef(id), options: WAIT },
		});
		await eventually(
			() => sim.requests().some((r) => r.seq > seq && r.method === 'POST' && r.path === `/api/v2/me/calls/${id}`),
			(sent) => sent,
			10_000,
		);
		sim.resumeNotifications();
		const result = await running;
		expect(result.status).toBe('success');
		expect(result.items[0]).toMatchObject({ confirmed: true, call: { id, state: 'Held' } });
		const delivered = sim.notifications({ user: 'agent1' }).map((n) => n.data.messageType);
		expect(delivered).toContain('ErrorMessage');
	});
});

describe('which ErrorMessage belongs to a request', () => {
	const error = (data: IDataObject) => ({
		channel: '/v2/me/calls',
		data: { messageType: 'ErrorMessage', errorCode: 56, errorMessage: 'failed', ...data },
	});
	const transferOn = (callId: string) => ({
		operationName: 'SingleStepTransfer',
		values: { callId, destination: '15002' },
	});

	it('the same operation on the same call and number belongs', () => {
		const message = error({ operationName: 'SingleStepTransfer', callId: 'C1', destination: { phoneNumber: '15002' } });
		expect(failureOf(message, transferOn('C1'))).toBe(message.data);
		// The call named by its URI only.
		const byUri = error({ operationName: 'SingleStepTransfer', callUri: 'http://gws/api/v2/me/calls/C1' });
		expect(failureOf(byUri, transferOn('C1'))).toBe(byUri.data);
	});

	it('another operation, another call or another number does not', () => {
		expect(failureOf(error({ operationName: 'Dial', destination: { phoneNumber: '15002' } }), transferOn('C1'))).toBeUndefined();
		expect(failureOf(error({ operationName: 'SingleStepTransfer', callId: 'C2' }), transferOn('C1'))).toBeUndefined();
		expect(
			failureOf(error({ operationName: 'SingleStepTransfer', callId: 'C1', destination: { phoneNumber: '15003' } }), transferOn('C1')),
		).toBeUndefined();
		// A failure naming a call never belongs to a Dial, which has none yet.
		expect(
			failureOf(error({ operationName: 'Dial', callId: 'C1', destination: { phoneNumber: '15002' } }), {
				operationName: 'Dial',
				values: { destination: '15002' },
			}),
		).toBeUndefined();
	});

	it('notifications that are not ErrorMessages, or on another channel, never do', () => {
		const ok = { channel: '/v2/me/calls', data: { messageType: 'CallStateChangeMessage', operationName: 'SingleStepTransfer' } };
		expect(failureOf(ok, transferOn('C1'))).toBeUndefined();
		expect(failureOf({ ...error({ operationName: 'SingleStepTransfer' }), channel: '/v2/me/devices' }, transferOn('C1'))).toBeUndefined();
	});
});

describe('an ErrorMessage naming no operation (docs/FIDELITY.md part 2, A2)', () => {
	/** GWS accepts the next POST under `pathPrefix` and does nothing: the wait stays pending until it ends. */
	const acceptAndDoNothing = (pathPrefix: string, count = 1) =>
		sim.injectFault({ count, status: 200, body: { statusCode: 0 }, pathPrefix, method: 'POST' });
	const sent = () => eventually(() => sim.pendingFaults().length, (n) => n === 0, 10_000);
	const unnamedError = (extra: IDataObject = {}) => ({
		channel: '/v2/me/calls',
		data: { errorCode: 41, errorMessage: 'Invalid state for the request', ...extra, phoneNumber: '15000', messageType: 'ErrorMessage' },
	});
	const hold = (id: string, timeout = 120) =>
		runNode({
			credential: agent1(sim),
			parameters: { resource: 'call', operation: 'hold', callId: callRef(id), options: { waitForConfirmation: true, confirmationTimeout: timeout } },
		});

	it("ends the one pending wait it fits, with GWS's text, within 10 s", async () => {
		const id = await established();
		acceptAndDoNothing(`/api/v2/me/calls/${id}`);
		const started = Date.now();
		const running = hold(id);
		await sent();
		sim.replayNotification('agent1', unnamedError());
		const result = await running;
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('GWS reported that "Hold" failed: Invalid state for the request (errorCode 41)');
	});

	it('one that fits no pending operation (another call, or another operation named) ends none: the wait times out', async () => {
		const id = await established();
		acceptAndDoNothing(`/api/v2/me/calls/${id}`);
		const running = hold(id, 3);
		await sent();
		sim.replayNotification('agent1', unnamedError({ callId: 'ANOTHER-CALL' }));
		sim.replayNotification('agent1', unnamedError({ operationName: 'Dial' }));
		const result = await running;
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('GWS accepted "Hold" but did not confirm it within 3 s');
		expect(result.error?.description).not.toContain('naming no operation');
	});

	it('two pending waits it fits equally: it ends neither; one naming a call ends that wait only', async () => {
		const first = await established('5551001');
		const second = await established('5551002');
		acceptAndDoNothing('/api/v2/me/calls/', 2);
		const runs = [hold(first), hold(second, 4)];
		await sent();
		sim.replayNotification('agent1', unnamedError({ errorMessage: 'ambiguous' }));
		sim.replayNotification('agent1', unnamedError({ errorMessage: 'about the first call', callId: first }));
		const [one, two] = await Promise.all(runs);
		expect(one.error?.message).toBe('GWS reported that "Hold" failed: about the first call (errorCode 41)');
		expect(two.error?.message).toBe('GWS accepted "Hold" but did not confirm it within 4 s');
		expect(two.error?.description).toContain('GWS sent an ErrorMessage naming no operation ("ambiguous")');
	});

	it('a device operation sees its async failure too (the ErrorMessage on /v2/me/calls)', async () => {
		acceptAndDoNothing('/api/v2/me/devices/');
		const running = runNode({
			credential: agent1(sim),
			parameters: { resource: 'agent', operation: 'doNotDisturbOn', options: WAIT },
		});
		await sent();
		sim.replayNotification('agent1', unnamedError({ operationName: 'DoNotDisturbOn', errorMessage: 'DND is not allowed on this DN' }));
		const result = await running;
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('GWS reported that "Do Not Disturb On" failed: DND is not allowed on this DN (errorCode 41)');
	});
});
