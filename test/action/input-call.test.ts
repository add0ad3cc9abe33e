/**
 * Call left empty: the node acts on the incoming item's call (its `call.id`, as the trigger and the confirmed
 * operations output it, else its `callId`, as the other operations output it), with no expression, which spares
 * n8n's expression engine on a flow's hot path (README "Performance"). A Call that is set wins.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { callRef, runNode } from '../helpers/n8n';
import { useSimulator } from '../helpers/simulator';
import { agent1, lastSeq, postedBodies, ringingCallOf } from './setup';

const sim = useSimulator();

const answer = (items: IDataObject[], callId?: INodeParameters[string]) =>
	runNode({
		credential: agent1(sim),
		items,
		parameters: { resource: 'call', operation: 'answer', ...(callId === undefined ? {} : { callId }) },
	});

it("acts on the call of a trigger item (call.id) when Call is empty", async () => {
	const id = await ringingCallOf(sim);
	const seq = lastSeq(sim);
	const item = { messageType: 'CallStateChangeMessage', notificationType: 'StatusChange', call: { id, state: 'Ringing' } };
	const result = await answer([item]);
	expect(result.status).toBe('success');
	expect(result.items[0]).toMatchObject({ operation: 'answer', callId: id });
	expect(postedBodies(sim, `/api/v2/me/calls/${id}`, seq)).toEqual([{ operationName: 'Answer' }]);
});

it("acts on the callId of a previous operation's output, and on each item's own call", async () => {
	const first = await ringingCallOf(sim);
	const { callId: second } = await sim.placeInboundCall({ to: 'agent1', from: '5559876' });
	const seq = lastSeq(sim);
	const result = await answer([{ operation: 'hold', callId: first }, { call: { id: second } }]);
	expect(result.items.map((i) => i.callId)).toEqual([first, second]);
	expect(postedBodies(sim, `/api/v2/me/calls/${first}`, seq)).toEqual([{ operationName: 'Answer' }]);
	expect(postedBodies(sim, `/api/v2/me/calls/${second}`, seq)).toEqual([{ operationName: 'Answer' }]);
});

it('a Call that is set wins over the item', async () => {
	const id = await ringingCallOf(sim);
	const seq = lastSeq(sim);
	const result = await answer([{ call: { id: 'SOME-OTHER-CALL' } }], callRef(id));
	expect(result.items[0].callId).toBe(id);
	expect(postedBodies(sim, `/api/v2/me/calls/${id}`, seq)).toEqual([{ operationName: 'Answer' }]);
});

it('Call empty and no call in the item: refused before any request, saying where the call may come from', async () => {
	const seq = lastSeq(sim);
	const result = await answer([{ something: 'else' }]);
	expect(result.status).toBe('error');
	expect(result.error?.message).toBe('Parameter "Call" is required for "Answer" but is empty');
	expect(result.error?.description).toContain('incoming item has the call');
	expect(sim.requests().filter((r) => r.seq > seq)).toEqual([]);
});

it("the item's call goes through the same checks as a Call that is set", async () => {
	const seq = lastSeq(sim);
	const result = await answer([{ call: { id: '../devices/dev-1' } }]);
	expect(result.error?.message).toBe('Parameter "Call" of "Answer" is neither a call ID nor a call URI: "../devices/dev-1"');
	expect(sim.requests().filter((r) => r.seq > seq)).toEqual([]);
});
