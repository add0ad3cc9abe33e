 
/**
 * Each vendor page's flow, replayed through REST against the simulator, yields that page's notifications in that
 * order, compared field by field with fixtures/*.json (ids, URIs and durations aside).
 *
 * The pages' samples come from a deployment without the call-recording feature (no recordingState, no
 * StartCallRecording) and without ClearCall in its lists, so the flows run with both features off; with the
 * defaults (both on) the same notifications differ only there (the last test pins that).
 */
import { DEMO } from '../helpers/users';
import { stable } from './helpers';
import { establishedA1toA2, exactly, isCall, useLoggedInAgents } from './flows';
import initiateConference from './fixtures/InitiateConference.json';
import completeConference from './fixtures/CompleteConference.json';
import singleStepConference from './fixtures/SingleStepConference.json';
import removeParticipant from './fixtures/RemoveParticipantFromConference.json';

const PAGES_DEPLOYMENT = { features: { callRecording: false, clearCall: false } };
const { sim, ag } = useLoggedInAgents(PAGES_DEPLOYMENT);

const expectPage = (received: Array<{ channel: string; data: any }>, fixture: { notifications: unknown[] }) => {
	expect(received.map(stable)).toEqual(fixture.notifications.map((n) => stable(n as Record<string, any>)));
};

/** InitiateConference on an Established call: the parent goes Held, then a Consult call dials 15002. */
async function initiate(parentId: string): Promise<{ notifications: Array<{ channel: string; data: any }>; consultId: string }> {
	const from = ag.e1.notifications.length;
	const reply = await ag.a1.op(parentId, 'InitiateConference', initiateConference.requests[0].destination ? { destination: { phoneNumber: '15002' } } : {});
	expect(reply.body).toEqual(initiateConference.responses[0]);
	const notifications = await exactly(ag.e1, from, 2);
	return { notifications, consultId: notifications[1].data.call.id };
}

/** supervisor1 (15002) answers the consult call; agent1 sees it Established. */
async function supervisorAnswers(consultId: string): Promise<void> {
	const established = ag.e1.waitFor(isCall('Established', consultId));
	expect((await ag.sup.op(consultId, 'Answer')).body).toEqual({ statusCode: 0 });
	await established;
}

test('InitiateConference page: Held parent, then the Dialing consult call (no extensions)', async () => {
	const parentId = await establishedA1toA2(ag);
	const { notifications, consultId } = await initiate(parentId);
	expectPage(notifications, initiateConference);
	// The URIs point at this simulator and link the consult call to its parent.
	const consult = notifications[1].data.call;
	expect(consult.parentCallUri).toBe(`${sim.url}/api/v2/me/calls/${parentId}`);
	expect(consult.parentCallPath).toBe(`/calls/${parentId}`);
	expect(consult.uri).toBe(`${sim.url}/api/v2/me/calls/${consultId}`);
	expect(notifications[0].data.call.id).toBe(parentId);
	// Value types the comparison above masks: duration is a string of seconds; ids shaped like the samples.
	for (const n of notifications) {
		expect(n.data.call.duration).toMatch(/^\d+$/);
		expect(n.data.call.id).toMatch(/^[0-9A-Z]{32}$/);
		expect(n.data.call.connId).toMatch(/^[0-9a-f]{16}$/);
		expect(n.data.call.callUuid).toBe(n.data.call.id);
	}
	// 15002 is a simulated agent: the consult call alerts supervisor1 on their own channel.
	const ringing = await ag.eSup.waitFor(isCall('Ringing', consultId), 2000, 0);
	expect(ringing.data.phoneNumber).toBe(DEMO.supervisor1.dn);
	expect(ringing.data.call.participants.map((p: any) => p.phoneNumber)).toEqual([DEMO.agent1.dn]);
	expect(ringing.data.call.capabilities).toContain('Answer');
});

test('CompleteConference page: consult Released, then ParticipantsUpdated on the parent', async () => {
	const parentId = await establishedA1toA2(ag);
	const { consultId } = await initiate(parentId);
	await supervisorAnswers(consultId);
	const from = ag.e1.notifications.length;
	const reply = await ag.a1.op(consultId, completeConference.requests[0].operationName);
	expect(reply.body).toEqual(completeConference.responses[0]);
	const notifications = await exactly(ag.e1, from, 2);
	expectPage(notifications, completeConference);
	expect(notifications[0].data.call.id).toBe(consultId);
	expect(notifications[1].data.call.id).toBe(parentId);
	// The call left agent1's list; the parent is now a three-party conference on every side.
	const calls = await ag.a1.get('/api/v2/me/calls?fields=*');
	expect(calls.body.calls.map((c: any) => c.id)).toEqual([parentId]);
	const a2View = await ag.e2.waitFor((n) => n.data.notificationType === 'ParticipantsUpdated' && n.data.call.id === parentId, 2000, 0);
	expect(a2View.data.call.participants.map((p: any) => p.phoneNumber)).toEqual(['15002', '15000']);
});

test('SingleStepConference page: both samples, FirstConferencePartyDN merged after request userData', async () => {
	for (const [i, request] of singleStepConference.requests.entries()) {
		await sim.reset();
		const callId = await establishedA1toA2(ag);
		const from = ag.e1.notifications.length;
		const reply = await ag.a1.op(callId, request.operationName, { destination: request.destination, ...(request.userData ? { userData: request.userData } : {}) });
		expect(reply.body).toEqual(singleStepConference.responses[i]);
		const notifications = await exactly(ag.e1, from, 1);
		expect(notifications.map(stable)).toEqual([stable(singleStepConference.notifications[i] as Record<string, any>)]);
		// Key order of userData as on the page.
		expect(Object.keys(notifications[0].data.call.userData)).toEqual(Object.keys(singleStepConference.notifications[i].data.call.userData!));
	}
});

test('RemoveParticipantFromConference page: ParticipantsUpdated without the removed party', async () => {
	const parentId = await establishedA1toA2(ag);
	const { consultId } = await initiate(parentId);
	await supervisorAnswers(consultId);
	const before = ag.e1.notifications.length;
	expect((await ag.a1.op(consultId, 'CompleteConference')).body).toEqual({ statusCode: 0 });
	await ag.e1.waitFor((n) => n.data.notificationType === 'ParticipantsUpdated', 2000, before);
	const released = ag.e2.waitFor(isCall('Released', parentId));
	const from = ag.e1.notifications.length;
	const request = removeParticipant.requests[0];
	const reply = await ag.a1.op(parentId, request.operationName, { participant: request.participant });
	expect(reply.body).toEqual(removeParticipant.responses[0]);
	expectPage(await exactly(ag.e1, from, 1), removeParticipant);
	// The removed agent's own view is Released with no capabilities.
	expect((await released).data.call.capabilities).toEqual([]);
});

test('key order of a CallStateChangeMessage follows the pages', async () => {
	const parentId = await establishedA1toA2(ag);
	const { notifications } = await initiate(parentId);
	const page = initiateConference.notifications[0];
	// (The {channel, data} envelope is the CometD client's; the data and call objects are the simulator's.)
	expect(Object.keys(notifications[0].data)).toEqual(Object.keys(page.data));
	expect(Object.keys(notifications[0].data.call)).toEqual(Object.keys(page.data.call));
	expect(Object.keys(notifications[1].data.call)).toEqual(Object.keys(initiateConference.notifications[1].data.call));
});
