/**
 * What a model sees of the action node as an AI tool, computed with n8n's own functions: n8n derives the tool node
 * type (`genesysGwsTool`) from `usableAsTool` (cli tool-generation convertNodeToAiTool: name + 'Tool', outputs
 * ai_tool, and a Description of its own only when the node has no `toolDescription`), fills the node's parameters
 * with their defaults (Workflow, NodeHelpers.getNodeParameters) and reads the description with
 * NodeHelpers.getToolDescriptionForNode. The end-to-end check (the MCP Server Trigger of the real n8n) is
 * test/e2e/mcp-tools.test.ts.
 */
import { NodeHelpers, type INode, type INodeTypeDescription } from 'n8n-workflow';

import { GenesysGws } from '../../nodes/GenesysGws/GenesysGws.node';
import { OPERATIONS } from '../../nodes/GenesysGws/actions/operations';
import { PARAMETERS } from '../../nodes/GenesysGws/actions/parameters/catalog';

const regular = new GenesysGws().description;
/** The description n8n gives the derived tool node type (the parts getNodeParameters and the tool read). */
const tool: INodeTypeDescription = { ...regular, name: `${regular.name}Tool`, displayName: `${regular.displayName} Tool` };

function nodeOf(type: INodeTypeDescription, parameters: Record<string, unknown>): INode {
	const node = { id: 'n', name: 'Genesys GWS', type: `n8n-nodes-genesys-gws.${type.name}`, typeVersion: 1, position: [0, 0], parameters } as INode;
	node.parameters = NodeHelpers.getNodeParameters(type.properties, node.parameters, true, false, node, type) ?? {};
	return node;
}

it('gives each operation, as a tool, the description declared with it (not n8n\'s "<action> in Genesys GWS")', () => {
	for (const op of OPERATIONS) {
		const node = nodeOf(tool, { resource: op.resource, operation: op.value });
		const text = NodeHelpers.getToolDescriptionForNode(node, { description: tool } as never);
		expect({ op: op.value, text }).toEqual({ op: op.value, text: op.toolDescription });
		expect(text).not.toMatch(/ in Genesys GWS$/);
	}
});

it('keeps a description the user wrote on the tool node', () => {
	const node = nodeOf(tool, { resource: 'call', operation: 'hold', toolDescription: 'Hold the customer while I check' });
	expect(NodeHelpers.getToolDescriptionForNode(node, { description: tool } as never)).toBe('Hold the customer while I check');
});

it('shows no Tool Description on the regular action node', () => {
	for (const op of OPERATIONS) {
		const node = nodeOf(regular, { resource: op.resource, operation: op.value });
		expect(node.parameters).not.toHaveProperty('toolDescription');
	}
});

it('declares, for each operation, what it needs and returns in words; and a hint for each parameter a model fills', () => {
	for (const op of OPERATIONS) {
		expect({ op: op.value, needs: /Needs /.test(op.toolDescription) }).toEqual({ op: op.value, needs: true });
		expect({ op: op.value, returns: /Returns? |List |Read /.test(op.toolDescription) }).toEqual({ op: op.value, returns: true });
		// A required parameter is named in the description, so a model knows to fill it.
		for (const use of op.params.filter((p) => p.required)) {
			expect({ op: op.value, names: op.toolDescription.includes(use.name) }).toEqual({ op: op.value, names: true });
		}
	}
	for (const [name, spec] of Object.entries(PARAMETERS)) {
		expect({ name, hint: spec.forModel.length > 10 }).toEqual({ name, hint: true });
	}
});

it('simplifies the calls Get and Get Many output by default on the tool node only (the regular node keeps the raw call)', () => {
	for (const operation of ['get', 'getAll']) {
		expect(nodeOf(tool, { resource: 'call', operation }).parameters.simplify).toBe(true);
		expect(nodeOf(regular, { resource: 'call', operation }).parameters.simplify).toBe(false);
	}
	expect(nodeOf(tool, { resource: 'call', operation: 'hold' }).parameters).not.toHaveProperty('simplify');
});
