import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { gwsApiRequest } from '../../shared/transport';

function participantsText(call: IDataObject): string {
	const participants = Array.isArray(call.participants) ? call.participants : [];
	// Current builds send objects, older ones plain strings (GWS-API.md §4).
	return participants
		.map((p) =>
			typeof p === 'string' ? p : ((p as IDataObject)?.phoneNumber as string | undefined),
		)
		.filter((p): p is string => typeof p === 'string' && p !== '')
		.join(', ');
}

/** The user's active calls for the Call picker: "Established · Inbound · 5551234 (ID)". */
export async function searchCalls(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await gwsApiRequest.call(this, {
		method: 'GET',
		path: '/api/v2/me/calls',
		qs: { fields: '*' },
	});
	const calls = Array.isArray(response.calls) ? (response.calls as IDataObject[]) : [];
	const needle = (filter ?? '').trim().toLowerCase();
	const results = calls
		.filter((call) => typeof call.id === 'string')
		.map((call) => {
			const parts = [call.state, call.callType, participantsText(call)].filter(
				(p) => typeof p === 'string' && p !== '',
			);
			return { name: `${parts.join(' · ')} (${String(call.id)})`, value: call.id as string };
		})
		.filter((result) => needle === '' || result.name.toLowerCase().includes(needle));
	return { results };
}
