/**
 * SetCallDisposition (https://docs.genesys.com/Documentation/HTCC/latest/API/CallsSetCallDisposition; docs/FIDELITY.md,
 * "Disposition"): on an active call the key goes into the user data with AttachedDataChanged to every agent on the
 * call; on a released call it is only reported, no notification.
 */

import { establishedA1toA2, exactly, isCall, nothingMore, useLoggedInAgents } from './flows';

const { sim, ag } = useLoggedInAgents();

const body = (callId: string, extra: Record<string, unknown> = {}) => ({
	callUri: `${sim.url}/api/v2/me/calls/${callId}`,
	callUuid: callId,
	disposition: 'Sale',
	...extra,
});

test('active call with dispositionKey: AttachedDataChanged with the key to both agents; without it the default key DispositionCode', async () => {
	const callId = await establishedA1toA2(ag);
	let from1 = ag.e1.notifications.length;
	let from2 = ag.e2.notifications.length;
	expect((await ag.a1.op(callId, 'SetCallDisposition', body(callId, { dispositionKey: 'Outcome' }))).body).toEqual({ statusCode: 0 });
	const [mine] = await exactly(ag.e1, from1, 1);
	expect(mine.data).toMatchObject({ notificationType: 'AttachedDataChanged', call: { id: callId, state: 'Established', userData: { Outcome: 'Sale' } } });
	expect((await exactly(ag.e2, from2, 1))[0].data).toMatchObject({ notificationType: 'AttachedDataChanged', call: { userData: { Outcome: 'Sale' } } });

	from1 = ag.e1.notifications.length;
	from2 = ag.e2.notifications.length;
	expect((await ag.a1.op(callId, 'SetCallDisposition', body(callId, { disposition: 'NoSale' }))).body).toEqual({ statusCode: 0 });
	expect((await exactly(ag.e1, from1, 1))[0].data.call.userData).toEqual({ Outcome: 'Sale', DispositionCode: 'NoSale' });
	await exactly(ag.e2, from2, 1);
	expect(sim.dispositions()).toEqual([
		{ time: expect.any(Number), username: 'agent1', callId, key: 'Outcome', disposition: 'Sale', callState: 'active' },
		{ time: expect.any(Number), username: 'agent1', callId, key: 'DispositionCode', disposition: 'NoSale', callState: 'active' },
	]);
	// Not a listed capability (no sample lists it), accepted as its page shows.
	expect((await ag.a1.get(`/api/v2/me/calls/${callId}`)).body.call.capabilities).not.toContain('SetCallDisposition');
});

test('released call: accepted, no notification to anyone, reported in dispositions()', async () => {
	const callId = await establishedA1toA2(ag);
	const released = ag.e1.waitFor(isCall('Released', callId));
	await ag.a1.op(callId, 'Hangup');
	await released;
	await ag.e2.waitFor(isCall('Released', callId), 3000, 0);
	const from1 = ag.e1.notifications.length;
	const from2 = ag.e2.notifications.length;
	expect((await ag.a1.op(callId, 'SetCallDisposition', body(callId))).body).toEqual({ statusCode: 0 });
	expect((await ag.a2.op(callId, 'SetCallDisposition', body(callId, { dispositionKey: 'Result', disposition: 'Callback' }))).body).toEqual({ statusCode: 0 });
	await nothingMore(ag.e1, from1);
	await nothingMore(ag.e2, from2);
	expect(sim.dispositions().map((d) => [d.username, d.key, d.disposition, d.callState])).toEqual([
		['agent1', 'DispositionCode', 'Sale', 'released'],
		['agent2', 'Result', 'Callback', 'released'],
	]);
	// A user who never had the call gets 404.
	const stranger = await ag.sup.op(callId, 'SetCallDisposition', body(callId));
	expect([stranger.status, stranger.body.statusCode]).toEqual([404, 6]);
	expect(stranger.body.statusMessage).toContain('SetCallDisposition takes a current call or one released in the last 10 minutes');
});

test('refusals name the parameter: missing/other callUri, callUuid, disposition; empty dispositionKey; unknown call', async () => {
	const callId = await establishedA1toA2(ag);
	const op = (extra: Record<string, unknown>) => ag.a1.op(callId, 'SetCallDisposition', { ...body(callId), ...extra });
	const noUri = await ag.a1.op(callId, 'SetCallDisposition', { callUuid: callId, disposition: 'Sale' });
	expect([noUri.status, noUri.body.statusCode]).toEqual([400, 1]);
	expect(noUri.body.statusMessage).toContain("Missing required parameter 'callUri'");
	expect((await op({ callUri: `${sim.url}/api/v2/me/calls/OTHER` })).body.statusMessage).toContain(`Invalid parameter 'callUri'`);
	expect((await op({ callUuid: 'OTHER' })).body.statusMessage).toContain(`Invalid parameter 'callUuid': "OTHER" is not valid; expected "${callId}"`);
	const noDisposition = await ag.a1.op(callId, 'SetCallDisposition', { callUri: body(callId).callUri, callUuid: callId });
	expect(noDisposition.body).toEqual({ statusCode: 1, statusMessage: expect.stringContaining("Missing required parameter 'disposition'") });
	expect((await op({ disposition: 5 })).body.statusCode).toBe(10);
	expect((await op({ dispositionKey: '' })).body.statusMessage).toContain("Invalid parameter 'dispositionKey'");
	expect((await ag.a1.op('NOPE', 'SetCallDisposition', body('NOPE'))).status).toBe(404);
	expect(sim.dispositions()).toEqual([]);
});
