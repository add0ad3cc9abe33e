import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { credentialTest } from '../shared/credentialTest';
import { DOCS } from '../shared/documentation';
import { properties } from './actions/description';
import { executeItems } from './actions/executeItems';
import { listSearch } from './methods';

/** Genesys GWS action node: voice call control, supervisor monitoring, voice login and agent state through GWS API v2. */
export class GenesysGws implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Genesys GWS',
		name: 'genesysGws',
		icon: { light: 'file:genesysGws.svg', dark: 'file:genesysGws.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Control Genesys Engage voice calls through Genesys Web Services (GWS) API v2',
		defaults: { name: 'Genesys GWS' },
		documentationUrl: DOCS.actionNode,
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'genesysGwsApi', required: true, testedBy: 'genesysGwsApiTest' }],
		// Generated from the operation table (actions/operations.ts).
		properties,
	};

	methods = { listSearch, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeItems.call(this);
	}
}
