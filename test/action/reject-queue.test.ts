/**
 * Reject, through the node: GWS sends a call that came through a queue back to it; the caller's call goes on
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/CallsReject; the simulated queue: docs/FIDELITY.md).
 */
import { callRef, runNode } from '../helpers/n8n';
import { useSimulator } from '../helpers/simulator';
import { agent1, eventually } from './setup';

const sim = useSimulator();

const WAIT = { waitForConfirmation: true, confirmationTimeout: 10 };

async function queuedCallRingingAgent1(): Promise<string> {
	const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5557000', viaQueue: true, userData: { VIP: 'true' } });
	await eventually(
		() => sim.calls('agent1'),
		(c) => c.some((x) => x.id === callId && x.state === 'Ringing'),
	);
	return callId;
}

it('a rejected call goes back to its queue and is offered to the next Ready agent, user data and caller intact', async () => {
	sim.setAgentState('agent2', 'Ready');
	const id = await queuedCallRingingAgent1();
	const result = await runNode({
		credential: agent1(sim),
		parameters: { resource: 'call', operation: 'reject', callId: callRef(id), options: WAIT },
	});
	expect(result.status).toBe('success');
	expect(result.items[0]).toMatchObject({ confirmed: true, call: { id, state: 'Released' } });
	const offered = await eventually(
		() => sim.calls('agent2'),
		(c) => c.some((x) => x.id === id && x.state === 'Ringing'),
	);
	expect(offered.find((c) => c.id === id)).toMatchObject({ participants: ['5557000'], userData: { VIP: 'true' } });
	expect(sim.calls('agent1')).toEqual([]);
});

it('with no other agent Ready, the call waits in its queue (the caller is not released)', async () => {
	const id = await queuedCallRingingAgent1();
	const result = await runNode({
		credential: agent1(sim),
		parameters: { resource: 'call', operation: 'reject', callId: callRef(id), options: WAIT },
	});
	expect(result.status).toBe('success');
	await eventually(
		() => sim.queue(),
		(q) => q.some((c) => c.id === id && c.rejectedBy === 'agent1'),
	);
	expect(sim.calls('agent1')).toEqual([]);
	// The first agent to become Ready gets it.
	sim.setAgentState('agent2', 'Ready');
	await eventually(
		() => sim.calls('agent2'),
		(c) => c.some((x) => x.id === id && x.state === 'Ringing'),
	);
});
