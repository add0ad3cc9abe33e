/**
 * Building blocks for workflows the e2e suite sends to the real n8n: node type names as n8n knows a community
 * package's nodes (`<package>.<node name>`), credential references and connections.
 */
import { readExample } from '../../../scripts/lib/examples';
import type { WorkflowJson } from '../../../scripts/lib/n8n-rest';

const PACKAGE_NAME = 'n8n-nodes-genesys-gws';
export const ACTION_TYPE = `${PACKAGE_NAME}.genesysGws`;
export const TRIGGER_TYPE = `${PACKAGE_NAME}.genesysGwsTrigger`;
export const CREDENTIAL_TYPE = 'genesysGwsApi';

export type WfNode = Record<string, unknown> & { name: string };

let nodeCounter = 0;

function credentialRef(credential: { id: string; name: string }): Record<string, unknown> {
	return { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
}

/** A Genesys GWS action node for one operation; `callId` may be an expression. */
export function actionNode(
	name: string,
	credential: { id: string; name: string },
	parameters: Record<string, unknown>,
): WfNode {
	nodeCounter += 1;
	const { callId, ...rest } = parameters;
	return {
		id: `gws-action-${nodeCounter}`,
		name,
		type: ACTION_TYPE,
		typeVersion: 1,
		position: [nodeCounter * 220, 300],
		parameters: {
			resource: 'call',
			...rest,
			...(callId !== undefined ? { callId: { __rl: true, mode: 'id', value: callId } } : {}),
		},
		credentials: credentialRef(credential),
	};
}

/** A production webhook (POST /webhook/<path>) that answers with the last node's items. */
export function webhookNode(webhookPath: string): WfNode {
	return {
		id: `webhook-${webhookPath}`,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 300],
		webhookId: webhookPath,
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
}

export function triggerNode(credential: { id: string; name: string }, parameters: Record<string, unknown>): WfNode {
	return {
		id: 'gws-trigger',
		name: 'Genesys GWS Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 300],
		parameters,
		credentials: credentialRef(credential),
	};
}

/** A straight chain: nodes[0] -> nodes[1] -> ... */
export function chain(name: string, nodes: WfNode[]): WorkflowJson {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/**
 * An example workflow from examples/, its credential placeholders pointed at `credential` (the agent's) and, for
 * the supervisor example, at `supervisor`.
 */
export function loadExample(
	file: string,
	credential: { id: string; name: string },
	supervisor?: { id: string; name: string },
): WorkflowJson {
	return readExample(file, { agent: credential, supervisor });
}
