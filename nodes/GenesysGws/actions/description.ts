/* The node's properties, generated from the operation table (operations.ts) and the parameter catalog. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { takenFromInputItem } from './emptyValues';
import { optionsProperty } from './options';
import { OPERATIONS, type GwsOperation, type GwsResource } from './operations';
import { PARAMETERS } from './parameters/catalog';
import { simplifyProperties } from './simplify';

/** The resources in the panel's order, each with the operation it starts on. */
const RESOURCES: Array<{ name: string; value: GwsResource; firstOperation: string }> = [
	{ name: 'Call', value: 'call', firstOperation: 'answer' },
	{ name: 'Supervisor', value: 'supervisor', firstOperation: 'listenIn' },
	{ name: 'Agent', value: 'agent', firstOperation: 'setState' },
];

function operationOptions(resource: GwsResource): INodePropertyOptions[] {
	return OPERATIONS.filter((op) => op.resource === resource)
		.map((op) => ({
			name: op.name,
			value: op.value,
			action: op.action,
			description: op.description,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

const operationProperties: INodeProperties[] = RESOURCES.map(({ value, firstOperation }) => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [value] } },
	options: operationOptions(value),
	default: firstOperation,
}));

/**
 * The tool node's Description (what a model reads about it), one property per operation, shown only on the tool
 * node n8n derives from `usableAsTool` (`@tool`). n8n adds its own Description (defaulting to "<action> in Genesys
 * GWS") only to nodes without a `toolDescription` property, and uses this value as the tool's description
 * (n8n-workflow NodeHelpers.getToolDescriptionForNode); its default is the operation's declared toolDescription.
 */
const TOOL_DESCRIPTION: INodeProperties = {
	displayName: 'Tool Description',
	name: 'toolDescription',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description: 'What the AI model reads about this tool: what it does, what it needs and what it returns',
};

const toolDescriptionProperties: INodeProperties[] = OPERATIONS.map((op) => ({
	...TOOL_DESCRIPTION,
	default: op.toolDescription,
	displayOptions: { show: { '@tool': [true], resource: [op.resource], operation: [op.value] } },
}));

/** Show a property for exactly these operations. */
function showFor(ops: GwsOperation[]) {
	return {
		resource: [...new Set(ops.map((o) => o.resource))],
		operation: ops.map((o) => o.value),
	};
}

/**
 * One property per (parameter, required) pair, shown for exactly the operations that take it that way: n8n
 * allows one name on several properties whose displayOptions never overlap. Pairs come in the catalog's order
 * (Call first), then in the order operations first use them. A parameter with an alternative input also gets its
 * selector (once, before it, for every operation taking it) and the alternative property.
 */
function parameterProperties(): INodeProperties[] {
	const order = Object.keys(PARAMETERS);
	const uses = OPERATIONS.flatMap((op) => op.params).sort(
		(a, b) => order.indexOf(a.name) - order.indexOf(b.name),
	);
	const properties: INodeProperties[] = [];
	const seen = new Set<string>();
	for (const { name, required } of uses) {
		const pair = `${name}:${required}`;
		if (seen.has(pair)) continue;
		const spec = PARAMETERS[name];
		const input = spec.alternativeInput;
		if (input && !seen.has(name)) {
			const takers = OPERATIONS.filter((op) => op.params.some((p) => p.name === name));
			properties.push({ ...input.selector, displayOptions: { show: showFor(takers) } });
		}
		seen.add(pair).add(name);
		const pairTakers = OPERATIONS.filter((op) => op.params.some((p) => p.name === name && p.required === required));
		// A parameter taken only under a condition (wrapUpTime with AfterCallWork) is shown only then.
		const onlyWhen = pairTakers[0].params.find((p) => p.name === name)?.onlyWhen;
		const show = { ...showFor(pairTakers), ...(onlyWhen ? { [onlyWhen.name]: onlyWhen.values } : {}) };
		const property: INodeProperties = {
			...spec.ui,
			displayOptions: { show: input ? { ...show, [input.selector.name]: [input.mainValue] } : show },
		};
		// A parameter that may come from the incoming item is not required in the panel: n8n would refuse to run the
		// node with it empty before the node could take it from the item.
		if (required && !takenFromInputItem(spec)) property.required = true;
		properties.push(property);
		if (input) {
			properties.push({
				...input.alternative,
				displayOptions: { show: { ...show, [input.selector.name]: [input.alternativeValue] } },
			});
		}
	}
	return properties;
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES.map(({ name, value }) => ({ name, value })),
		default: 'call',
	},
	...operationProperties,
	...parameterProperties(),
	...simplifyProperties,
	...toolDescriptionProperties,
	optionsProperty,
];
