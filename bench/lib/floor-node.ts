/**
 * Diagnostic only: the least any n8n node can do for one GWS request per item: read the same per-item
 * parameters as our node (callId resource locator, userData, which n8n resolves per item), then one call of
 * n8n's `helpers.httpRequestWithAuthentication` (same credential type, same POST, cookie + CSRF handed in as
 * parameters); no validation, no session cache, no error mapping. It runs in the same real WorkflowExecute as
 * our node, so "ours / floor" is what our node code adds, and "floor / raw" is what n8n's helper costs.
 */
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

export const FLOOR_NODE_TYPE = 'bench.floorHttp';

export class FloorHttpNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bench Floor HTTP',
		name: 'benchFloorHttp',
		group: ['transform'],
		version: 1,
		description: 'One httpRequestWithAuthentication per item',
		defaults: { name: 'Floor' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'genesysGwsApi', required: true }],
		properties: [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{
				displayName: 'Call',
				name: 'callId',
				type: 'resourceLocator',
				default: { mode: 'id', value: '' },
				modes: [{ displayName: 'ID', name: 'id', type: 'string' }],
			},
			{ displayName: 'User Data', name: 'userData', type: 'json', default: '{}' },
			{ displayName: 'Cookie', name: 'cookie', type: 'string', default: '' },
			{ displayName: 'CSRF header', name: 'csrfHeader', type: 'string', default: '' },
			{ displayName: 'CSRF token', name: 'csrfToken', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const baseUrl = this.getNodeParameter('baseUrl', 0) as string;
		const headers: Record<string, string> = { Cookie: this.getNodeParameter('cookie', 0) as string };
		const csrfHeader = this.getNodeParameter('csrfHeader', 0) as string;
		if (csrfHeader) headers[csrfHeader] = this.getNodeParameter('csrfToken', 0) as string;
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const callId = this.getNodeParameter('callId', i, '', { extractValue: true }) as string;
			const raw = this.getNodeParameter('userData', i) as unknown;
			const userData = typeof raw === 'string' ? JSON.parse(raw) : raw;
			const body = { operationName: 'UpdateUserData', userData };
			const json = await this.helpers.httpRequestWithAuthentication.call(this, 'genesysGwsApi', {
				method: 'POST',
				url: `${baseUrl}/api/v2/me/calls/${encodeURIComponent(callId)}`,
				headers,
				body,
				json: true,
			});
			out.push({ json, pairedItem: { item: i } });
		}
		return [out];
	}
}
