import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { partiesOf } from '../../shared/participants';
import { gwsApiRequest } from '../../shared/transport';
import { outputOf, readRequest } from '../actions/requestKinds';

/**
 * The user's active calls for the Call picker: "Established · Inbound · 5551234 (ID)". n8n calls it by name
 * (the Call parameter's searchListMethod).
 * @public
 */
export async function searchCalls(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const calls = outputOf('getCalls', await gwsApiRequest.call(this, readRequest('getCalls')));
	const needle = (filter ?? '').trim().toLowerCase();
	const results = calls
		.filter((call) => typeof call.id === 'string')
		.map((call) => {
			const parties = partiesOf(call)
				.map((p) => p.display)
				.join(', ');
			const parts = [call.state, call.callType, parties].filter(
				(p) => typeof p === 'string' && p !== '',
			);
			return { name: `${parts.join(' · ')} (${String(call.id)})`, value: call.id as string };
		})
		.filter((result) => needle === '' || result.name.toLowerCase().includes(needle));
	return { results };
}
