import type {
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentialTest } from '../shared/credentialTest';
import { DOCS } from '../shared/documentation';
import { activeTrigger } from './activeTrigger';
import { triggerProperties } from './description';
import { manualTrigger } from './manualTrigger';
import { readTriggerSetup } from './triggerOptions';

export class GenesysGwsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Genesys GWS Trigger',
		name: 'genesysGwsTrigger',
		icon: { light: 'file:genesysGws.svg', dark: 'file:genesysGws.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow on Genesys Engage call and agent notifications from Genesys Web Services (CometD)',
		defaults: { name: 'Genesys GWS Trigger' },
		documentationUrl: DOCS.triggerNode,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// The same login test as the action node: n8n runs it from whichever node the credential is opened in.
		credentials: [{ name: 'genesysGwsApi', required: true, testedBy: 'genesysGwsApiTest' }],
		properties: triggerProperties,
	};

	methods = { credentialTest };

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const setup = readTriggerSetup(this);
		// "Test step" in the editor waits for one notification; an active workflow runs until it is deactivated.
		return this.getMode() === 'manual' ? manualTrigger(this, setup) : await activeTrigger(this, setup);
	}
}
