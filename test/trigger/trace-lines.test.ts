/**
 * The opt-in timing lines the reaction benchmark reads (nodes/shared/trace.ts, bench/lib/n8n-breakdown.ts): one
 * debug line per stage of a call's reaction, from the trigger receiving the notification to the action node's
 * request and GWS's reply, each with the call id and a time on the epoch-ms clock.
 */
import type { IDataObject } from 'n8n-workflow';

import { recordN8nLogs } from '../reliability/support/secrets';
import { callRef, runNode } from '../helpers/n8n';
import { useSimulator } from '../helpers/simulator';
import { activateTrigger } from './harness';

const logs = recordN8nLogs();
const sim = useSimulator();

const traces = () =>
	logs.lines
		.filter((l) => l.message === 'GWS trace')
		.map((l) => l.meta as { gwsTrace: string; callId?: string; at: number });

it('the trigger traces received and emitted, the action node action-start, request-sent and response, in order', async () => {
	const before = Date.now();
	const t = await activateTrigger({
		credential: { baseUrl: sim.url, username: 'agent1', password: 'agent1pass' },
		parameters: { events: ['StatusChange'] },
	});
	try {
		const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
		const [item] = await t.waitForItems(1);
		// The emitted item goes to the action node, as in a flow.
		const result = await runNode({
			credential: { baseUrl: sim.url, username: 'agent1', password: 'agent1pass' },
			items: [item],
			parameters: { resource: 'call', operation: 'answer', callId: callRef(callId) },
		});
		expect(result.status).toBe('success');
		const forCall = traces().filter((l) => l.callId === callId);
		expect(forCall.map((l) => l.gwsTrace)).toEqual(['received', 'emitted', 'action-start', 'credential-read', 'request-sent', 'response']);
		const times = forCall.map((l) => l.at);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		expect(times[0]).toBeGreaterThanOrEqual(before - 1);
		expect(times[4]).toBeLessThanOrEqual(Date.now() + 1);
		expect((item.call as IDataObject).id).toBe(callId);
	} finally {
		await t.close();
	}
});
