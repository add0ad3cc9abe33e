/**
 * Set Call Disposition in real n8n-core executions against the simulator: callUri and callUuid filled from the
 * input item's call or read from GWS, the released call (GWS answers 404 to reading it, and sends no notification
 * for its disposition), Wait for Confirmation on an active call (AttachedDataChanged), and bad input.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { callRef, runNode, type NodeResult } from '../helpers/n8n';
import { markerBurst, useSimulator } from '../helpers/simulator';
import { agent1, eventually, lastSeq, requestsSince } from './setup';

const sim = useSimulator();

const WAIT = { waitForConfirmation: true, confirmationTimeout: 5 };

async function node(operation: string, callId: string, params: INodeParameters = {}, items?: IDataObject[]): Promise<NodeResult> {
	return await runNode({
		credential: agent1(sim),
		parameters: { resource: 'call', operation, callId: callRef(callId), ...params },
		items,
	});
}

async function ok(operation: string, callId: string, params: INodeParameters = {}, items?: IDataObject[]): Promise<IDataObject> {
	const result = await node(operation, callId, params, items);
	if (result.status !== 'success') throw result.error ?? new Error(`status ${result.status}`);
	return result.items[0];
}

function sent(since: number) {
	return requestsSince(sim, since).filter((r) => !(r.method === 'GET' && r.path === '/api/v2/me'));
}

/** An established inbound call of agent1; returns the call as GWS shows it (Get). */
async function established(): Promise<IDataObject> {
	const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
	await eventually(() => sim.calls('agent1'), (c) => c.some((x) => x.id === callId && x.state === 'Ringing'));
	await ok('answer', callId, { options: WAIT });
	return await ok('get', callId);
}

/** A call agent1 had and hung up; returns its Released view as the confirming notification showed it. */
async function released(): Promise<IDataObject> {
	const call = await established();
	const hangup = await ok('hangup', String(call.id), { options: WAIT });
	return hangup.call as IDataObject;
}

const body = (call: IDataObject, extra: IDataObject) => ({
	operationName: 'SetCallDisposition',
	callUri: call.uri,
	callUuid: call.callUuid,
	...extra,
});

describe('an active call', () => {
	it('takes callUri and callUuid from the input item\'s call (the trigger\'s $json.call): no read, GWS\'s default key', async () => {
		const call = await established();
		const id = String(call.id);
		const since = lastSeq(sim);
		const item = await ok('setCallDisposition', id, { disposition: 'Sale' }, [{ call }]);
		expect(sent(since)).toEqual([{ method: 'POST', path: `/api/v2/me/calls/${id}`, body: body(call, { disposition: 'Sale' }) }]);
		expect(item).toMatchObject({ operation: 'setCallDisposition', operationName: 'SetCallDisposition', statusCode: 0, callId: id });
		await eventually(() => sim.calls('agent1').find((c) => c.id === id), (c) => c?.userData.DispositionCode === 'Sale');
		expect(sim.dispositions()).toEqual([expect.objectContaining({ callId: id, key: 'DispositionCode', disposition: 'Sale', callState: 'active' })]);
	});

	it('reads the call when the item has none (or another call), and sends the dispositionKey', async () => {
		const call = await established();
		const id = String(call.id);
		const since = lastSeq(sim);
		await ok('setCallDisposition', id, { disposition: 'NoSale', dispositionKey: 'Outcome' }, [{ call: { id: 'ANOTHER-CALL', callUuid: 'x' } }]);
		expect(sent(since)).toEqual([
			{ method: 'GET', path: `/api/v2/me/calls/${id}`, body: undefined },
			{ method: 'POST', path: `/api/v2/me/calls/${id}`, body: body(call, { disposition: 'NoSale', dispositionKey: 'Outcome' }) },
		]);
	});

	it('takes the call from an item that is the call itself (Get\'s output)', async () => {
		const call = await established();
		const since = lastSeq(sim);
		await ok('setCallDisposition', String(call.id), { disposition: 'Sale' }, [call]);
		expect(sent(since).map((r) => r.method)).toEqual(['POST']);
	});

	it.each([
		['with the key', { dispositionKey: 'Outcome' }, 'Outcome'],
		['with GWS\'s configured key', {}, 'DispositionCode'],
	])('Wait for Confirmation %s: AttachedDataChanged showing the disposition', async (_label, extra, key) => {
		const call = await established();
		const since = lastSeq(sim);
		const item = await ok('setCallDisposition', String(call.id), { disposition: 'Sale', ...extra, options: WAIT }, [{ call }]);
		// Waiting needs to know whether the call is still active: it is read even though the item has it.
		expect(sent(since).map((r) => r.method)).toEqual(['GET', 'POST']);
		expect(item).toMatchObject({
			confirmed: true,
			notification: { notificationType: 'AttachedDataChanged' },
			call: { id: call.id, userData: { [key]: 'Sale' } },
		});
	});

	it('is sent with Check Capabilities First on (GWS accepts it although no call lists it)', async () => {
		const call = await established();
		expect((call.capabilities as string[]).includes('SetCallDisposition')).toBe(false);
		const item = await ok('setCallDisposition', String(call.id), { disposition: 'Sale', options: { capabilityPreCheck: true } }, [{ call }]);
		expect(item.statusCode).toBe(0);
	});
});

describe('a released call (after-call work)', () => {
	it('with the trigger\'s Released call in the item: sent without reading it; GWS records it and notifies nobody', async () => {
		const call = await released();
		expect(call.state).toBe('Released');
		const notificationsBefore = sim.notifications().length;
		const since = lastSeq(sim);
		const item = await ok('setCallDisposition', String(call.id), { disposition: 'Sale', dispositionKey: 'Outcome' }, [{ call }]);
		expect(sent(since)).toEqual([
			{ method: 'POST', path: `/api/v2/me/calls/${String(call.id)}`, body: body(call, { disposition: 'Sale', dispositionKey: 'Outcome' }) },
		]);
		expect(item.statusCode).toBe(0);
		expect(sim.dispositions()).toEqual([expect.objectContaining({ callId: call.id, key: 'Outcome', callState: 'released' })]);
		// Up to a marker published after it (past any notification the request could have scheduled): nothing.
		const marker = markerBurst('agent1');
		await sim.burst(marker.burst);
		expect(sim.notifications().slice(notificationsBefore).map((n) => n.data.notificationType)).toEqual([marker.type]);
	});

	it('Wait for Confirmation: GWS answers 404 to the read, so the node sends and says that no confirmation can come', async () => {
		const call = await released();
		const since = lastSeq(sim);
		const started = Date.now();
		const item = await ok('setCallDisposition', String(call.id), { disposition: 'Sale', options: WAIT }, [{ call }]);
		expect(Date.now() - started).toBeLessThan(3000); // not the 5 s confirmation timeout
		expect(sent(since).map((r) => r.method)).toEqual(['GET', 'POST']);
		expect(item).toMatchObject({ statusCode: 0, confirmed: false });
		expect(item.unconfirmedReason).toMatch(/released: GWS records the disposition for reporting and sends no notification/);
	});

	it.each([
		['statusCode 6 on HTTP 400', 400, { statusCode: 6, statusMessage: 'Call not found' }],
		['statusCode 6 on HTTP 200', 200, { statusCode: 6, statusMessage: 'Call not found' }],
		['the call, shown Released', 200, null],
	])('Wait for Confirmation: a released call recognised by what GWS returns (%s), not only HTTP 404', async (_what, status, reply) => {
		const call = await released();
		const answer = reply ?? { statusCode: 0, call: { ...call, state: 'Released', capabilities: [] } };
		sim.injectFault({ count: 1, status, body: answer, pathPrefix: `/api/v2/me/calls/${String(call.id)}`, method: 'GET' });
		const item = await ok('setCallDisposition', String(call.id), { disposition: 'Sale', options: WAIT }, [{ call }]);
		expect(item).toMatchObject({ statusCode: 0, confirmed: false });
		expect(item.unconfirmedReason).toMatch(/released: GWS records the disposition for reporting and sends no notification/);
	});

	it('without the call in the item: a clear error, and nothing sent but the read', async () => {
		const call = await released();
		const since = lastSeq(sim);
		const result = await node('setCallDisposition', String(call.id), { disposition: 'Sale' }, [{ somethingElse: true }]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`"Set Call Disposition" needs the callUuid of call "${String(call.id)}", but GWS no longer has the call (it was released) and the input item carries no call with that id`,
		);
		expect(result.error?.description).toContain('$json.call');
		expect(sent(since).map((r) => r.method)).toEqual(['GET']);
	});
});

describe('bad input', () => {
	it.each([
		['an empty disposition', { disposition: '={{ "" }}' }, /^Parameter "Disposition" is required for "Set Call Disposition" but is empty$/],
		['a disposition over the text limit', { disposition: 'x'.repeat(257) }, /^Parameter "Disposition" of "Set Call Disposition" is too long: 257 characters/],
		['a disposition key over the text limit', { disposition: 'Sale', dispositionKey: 'k'.repeat(300) }, /^Parameter "Disposition Key" of "Set Call Disposition" is too long: 300 characters/],
		['a disposition that is an object', { disposition: '={{ { "a": 1 } }}' }, /^Parameter "Disposition" of "Set Call Disposition" must be text, but got an object/],
	])('%s is refused before any request', async (_label, params, message) => {
		const since = lastSeq(sim);
		const result = await node('setCallDisposition', 'SOME-CALL', params, [{ call: { id: 'SOME-CALL', callUuid: 'SOME-CALL' } }]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(sent(since)).toEqual([]);
	});
});
