/**
 * The simulated queue (docs/FIDELITY.md, "Queue"): calls placed through a queue wait for an available agent, ring
 * them with Reject offered, and Reject sends them back (the CallsReject page), over real HTTP and CometD.
 */
import { rawRequest } from './helpers';
import { agentState, deviceOp, exactly, isCall, nothingMore, useLoggedInAgents } from './flows';

const { sim, ag } = useLoggedInAgents();

const RINGING_CAPS = ['Answer', 'Reject', 'UpdateUserData', 'AttachUserData', 'DeleteUserDataPair', 'DeleteUserData'];

test('no agent Ready: the call waits in its queue (visible in queue()), and rings the first agent who becomes Ready', async () => {
	const placed = await sim.placeInboundCall({ from: '5551234', viaQueue: true, queue: 'Sales', userData: { Tier: 'Gold' } });
	expect(placed).toEqual({ callId: expect.any(String) });
	expect(sim.calls()).toEqual([]);
	expect(sim.queue()).toEqual([
		{ id: placed.callId, queue: 'Sales', from: '5551234', userData: { Tier: 'Gold' }, waitingSince: expect.any(Number) },
	]);
	const control = JSON.parse((await rawRequest('GET', `${sim.url}/simulator/queue`, {})).text);
	expect(control.queue.map((q: { id: string }) => q.id)).toEqual([placed.callId]);

	const from2 = ag.e2.notifications.length;
	expect((await agentState(ag.a2, 'Ready')).body).toEqual({ statusCode: 0 });
	const [device, ringing] = await exactly(ag.e2, from2, 2);
	expect(device.data.devices[0].userState.state).toBe('Ready');
	expect(ringing.data.call).toMatchObject({ id: placed.callId, state: 'Ringing', callType: 'Inbound', ani: '5551234', dnis: '15001', capabilities: RINGING_CAPS, userData: { Tier: 'Gold' } });
	expect(sim.queue()).toEqual([]);
	expect(sim.calls('agent2')).toEqual([expect.objectContaining({ id: placed.callId, viaQueue: true, queue: 'Sales', participants: ['5551234'] })]);
});

test('an agent Ready at placement gets the call at once (offeredTo); a busy, DND or forwarding agent is skipped', async () => {
	await agentState(ag.a1, 'Ready');
	await agentState(ag.a2, 'Ready');
	await agentState(ag.sup, 'Ready');
	const dndOn = ag.e1.waitFor((n) => n.data.devices?.[0].doNotDisturb === 'On');
	await deviceOp(ag.a1, 'DoNotDisturbOn');
	await dndOn;
	await deviceOp(ag.a2, 'ForwardCallsOn', { destination: '5559999' });
	expect(await sim.placeInboundCall({ from: '5551234', viaQueue: true })).toEqual({ callId: expect.any(String), offeredTo: 'supervisor1' });
	// supervisor1 now has a call (Ringing): busy; the next call waits.
	const second = await sim.placeInboundCall({ from: '5551235', viaQueue: true });
	expect(second.offeredTo).toBeUndefined();
	expect(sim.queue().map((q) => [q.id, q.queue])).toEqual([[second.callId, 'default']]);
	// agent1 turns DND off: available, gets it.
	const from1 = ag.e1.notifications.length;
	await deviceOp(ag.a1, 'DoNotDisturbOff');
	const got = await exactly(ag.e1, from1, 2);
	expect(got.map((n) => n.data.messageType)).toEqual(['DeviceStateChangeMessage', 'CallStateChangeMessage']);
	expect(got[1].data.call).toMatchObject({ id: second.callId, state: 'Ringing' });
});

test('Reject with another agent Ready: the rejecter is Released (capabilities []), the call rings the next Ready agent, the caller stays on', async () => {
	await agentState(ag.a1, 'Ready');
	await agentState(ag.a2, 'Ready');
	const placed = await sim.placeInboundCall({ from: '5551234', viaQueue: true, queue: 'Support' });
	expect(placed.offeredTo).toBe('agent1');
	await ag.e1.waitFor(isCall('Ringing', placed.callId), 3000, 0);
	const from1 = ag.e1.notifications.length;
	const from2 = ag.e2.notifications.length;
	const fromSup = ag.eSup.notifications.length;
	expect((await ag.a1.op(placed.callId, 'Reject')).body).toEqual({ statusCode: 0 });
	const [released] = await exactly(ag.e1, from1, 1);
	expect(released.data).toMatchObject({ notificationType: 'StatusChange', call: { id: placed.callId, state: 'Released', capabilities: [] } });
	const [ringing] = await exactly(ag.e2, from2, 1);
	expect(ringing.data).toMatchObject({ notificationType: 'StatusChange', call: { id: placed.callId, state: 'Ringing', capabilities: RINGING_CAPS, ani: '5551234' } });
	await nothingMore(ag.eSup, fromSup);
	expect(sim.queue()).toEqual([]);
	expect(sim.calls().map((c) => [c.owner, c.state, c.participants, c.queue])).toEqual([['agent2', 'Ringing', ['5551234'], 'Support']]);
	// agent2 answers: the caller is still there.
	await ag.a2.op(placed.callId, 'Answer');
	expect(sim.calls('agent2')[0]).toMatchObject({ state: 'Established', heardBy: ['5551234'] });
});

test('Reject with nobody else Ready: the call waits (not back to the rejecter, who is still Ready); it rings whoever becomes Ready next', async () => {
	await agentState(ag.a1, 'Ready');
	const placed = await sim.placeInboundCall({ from: '5551234', viaQueue: true });
	expect(placed.offeredTo).toBe('agent1');
	await ag.e1.waitFor(isCall('Ringing', placed.callId), 3000, 0);
	const from1 = ag.e1.notifications.length;
	await ag.a1.op(placed.callId, 'Reject');
	const [released] = await exactly(ag.e1, from1, 1);
	expect(released.data.call.state).toBe('Released');
	expect(sim.queue()).toEqual([expect.objectContaining({ id: placed.callId, rejectedBy: 'agent1' })]);
	const from2 = ag.e2.notifications.length;
	await agentState(ag.a2, 'Ready');
	const [, ringing] = await exactly(ag.e2, from2, 2);
	expect(ringing.data.call).toMatchObject({ id: placed.callId, state: 'Ringing' });
});

test('Reject with nobody else Ready: the rejecter gets it again once they become Ready anew', async () => {
	await agentState(ag.a1, 'Ready');
	const placed = await sim.placeInboundCall({ from: '5551234', viaQueue: true });
	await ag.e1.waitFor(isCall('Ringing', placed.callId), 3000, 0);
	await ag.a1.op(placed.callId, 'Reject');
	const notReady = ag.e1.waitFor((n) => n.data.devices?.[0].userState.state === 'NotReady');
	await agentState(ag.a1, 'NotReady');
	await notReady;
	expect(sim.queue().map((q) => q.id)).toEqual([placed.callId]);
	const from1 = ag.e1.notifications.length;
	await agentState(ag.a1, 'Ready');
	const [, ringing] = await exactly(ag.e1, from1, 2);
	expect(ringing.data.call).toMatchObject({ id: placed.callId, state: 'Ringing' });
});

test('a call placed to an agent through a queue rings that agent whatever their state; the caller hanging up while it waits ends it', async () => {
	const placed = await sim.placeInboundCall({ to: 'agent1', from: '5551234', viaQueue: true });
	expect(placed.offeredTo).toBe('agent1');
	await ag.e1.waitFor(isCall('Ringing', placed.callId), 3000, 0);
	await ag.a1.op(placed.callId, 'Reject');
	expect(sim.queue().map((q) => q.id)).toEqual([placed.callId]);
	await sim.remoteHangup(placed.callId);
	expect(sim.queue()).toEqual([]);
	expect(sim.calls()).toEqual([]);
});

test('waiting calls are offered oldest first', async () => {
	const first = await sim.placeInboundCall({ from: '5550001', viaQueue: true });
	const second = await sim.placeInboundCall({ from: '5550002', viaQueue: true });
	expect(sim.queue().map((q) => q.id)).toEqual([first.callId, second.callId]);
	await agentState(ag.a2, 'Ready');
	expect(sim.calls('agent2').map((c) => c.id)).toEqual([first.callId]);
	expect(sim.queue().map((q) => q.id)).toEqual([second.callId]);
});

test('placeInboundCall checks its options', async () => {
	await expect(sim.placeInboundCall({ from: '5551234' })).rejects.toThrow('"to" (username or DN of an agent) is required unless the call goes through a queue');
	await expect(sim.placeInboundCall({ from: '5551234', queue: '' })).rejects.toThrow('"queue" must be a non-empty string');
	const reply = await rawRequest('POST', `${sim.url}/simulator/calls`, { 'Content-Type': 'application/json' }, JSON.stringify({ from: '5551234', queue: 'VIP' }));
	expect(reply.status).toBe(200);
	expect(sim.queue().map((q) => q.queue)).toEqual(['VIP']);
});
