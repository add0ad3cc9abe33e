/**
 * The README's example request of every operation is what the node really sends: each operation runs in a real
 * n8n execution with the README's sample inputs, and the simulator must have received exactly the example's
 * method, path, query and body (the sample ids are unknown to the simulator, so GWS answers 404; the request
 * still arrives, which is what is compared).
 */
import type { INodeParameters } from 'n8n-workflow';

import { OPERATIONS } from '../../nodes/GenesysGws/actions/operations';
import { PARAMETERS } from '../../nodes/GenesysGws/actions/parameters/catalog';
import { exampleRequest, renderOperationsMarkdown } from '../../scripts/lib/operationsMarkdown';
import { withQuery } from '../../nodes/shared/transport';
import { callRef, runNode } from '../helpers/n8n';
import { agent1, lastSeq } from './setup';
import { useSimulator } from '../helpers/simulator';

const sim = useSimulator({ reset: false });

it.each(OPERATIONS.map((op) => [op.value, op] as const))(
	'%s: the README example is the request the node sends',
	async (_value, op) => {
		const parameters: INodeParameters = { resource: op.resource, operation: op.value };
		for (const { name } of op.params) {
			const sample = PARAMETERS[name].sample;
			parameters[name] =
				name === 'callId'
					? callRef(sample as string)
					: name === 'userData'
						? JSON.stringify(sample)
						: (sample as string);
		}
		// Set Call Disposition takes callUri and callUuid from the input item's call (the trigger's $json.call).
		const sampleCall = PARAMETERS.callId.sample as string;
		const items = op.namesCallInBody ? [{ call: { id: sampleCall, callUuid: sampleCall } }] : undefined;
		const seq = lastSeq(sim);
		await runNode({ credential: agent1(sim), parameters, items, continueOnFail: true });
		const sent = sim
			.requests()
			.filter((r) => r.seq > seq && !(r.method === 'GET' && r.path === '/api/v2/me'));
		const expected = exampleRequest(op, sim.url);
		expect(sent.map((r) => ({ method: r.method, url: r.url, body: r.body }))).toEqual([
			{ method: expected.method, url: withQuery(expected.path, expected.qs), body: expected.body },
		]);
	},
);

it('the README section shows every operation with its example', () => {
	const markdown = renderOperationsMarkdown();
	for (const op of OPERATIONS) {
		const req = exampleRequest(op);
		expect(markdown).toContain(`**\`${op.value}\`**`);
		expect(markdown).toContain(`${req.method} ${withQuery(req.path, req.qs)}`);
		if (req.body) expect(markdown).toContain(JSON.stringify(req.body));
	}
});
