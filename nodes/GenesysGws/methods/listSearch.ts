import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { partiesOf } from '../../shared/participants';
import { gwsApiRequest } from '../../shared/transport';
import { buildRequest } from '../actions/requestKinds';

/**
 * The user's active calls for the Call picker: "Established · Inbound · 5551234 (ID)". n8n calls it by name
 * (the Call parameter's searchListMethod).
 * @public
 */
export async function searchCalls(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await gwsApiRequest.call(this, buildRequest('getCalls', { slots: {}, body: {} }));
	const calls = Array.isArray(response.calls) ? (response.calls as IDataObject[]) : [];
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
