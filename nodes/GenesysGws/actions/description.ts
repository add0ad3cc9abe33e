/* The node's properties, generated from the operation table (operations.ts + parameters.ts). */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { MAX_TIMEOUT_S } from './limits';
import { OPERATIONS } from './operations';
import type { GwsResource, ParamName } from './operations';
import { PARAMETER_UI, USER_DATA_FIELDS_UI, USER_DATA_INPUT_UI } from './parameters';

const RESOURCES: Array<{ name: string; value: GwsResource }> = [
	{ name: 'Call', value: 'call' },
	{ name: 'Agent', value: 'agent' },
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

const operationProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: operationOptions('call'),
		default: 'answer',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: operationOptions('agent'),
		default: 'setState',
	},
];

/**
 * One property per (parameter, required) pair, shown for exactly the operations that take it that way:
 * n8n allows one name on several properties whose displayOptions never overlap.
 */
function parameterProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [];
	const seen = new Set<string>();
	// In PARAMETER_UI's order (Call first: it is what a user picks first), not in order of first use.
	const order = Object.keys(PARAMETER_UI);
	const uses = OPERATIONS.flatMap((op) => op.params).sort(
		(a, b) => order.indexOf(a.name) - order.indexOf(b.name),
	);
	for (const use of uses) {
		const id = `${use.name}:${use.required}`;
		if (seen.has(id)) continue;
		seen.add(id);
		const users = OPERATIONS.filter((o) =>
			o.params.some((p) => p.name === use.name && p.required === use.required),
		);
		const show = {
			resource: [...new Set(users.map((o) => o.resource))],
			operation: users.map((o) => o.value),
		};
		if (use.name !== 'userData') {
			properties.push({
				...PARAMETER_UI[use.name as ParamName],
				required: use.required || undefined,
				displayOptions: { show },
			} as INodeProperties);
			continue;
		}
		// User data: JSON (the contract parameter) or key/value fields, picked by userDataInput.
		if (!seen.has('userDataInput')) {
			seen.add('userDataInput');
			const allUsers = OPERATIONS.filter((o) => o.params.some((p) => p.name === 'userData'));
			properties.push({
				...USER_DATA_INPUT_UI,
				displayOptions: {
					show: {
						resource: [...new Set(allUsers.map((o) => o.resource))],
						operation: allUsers.map((o) => o.value),
					},
				},
			} as INodeProperties);
		}
		properties.push({
			...PARAMETER_UI.userData,
			required: use.required || undefined,
			displayOptions: { show: { ...show, userDataInput: ['json'] } },
		} as INodeProperties);
		properties.push({
			...USER_DATA_FIELDS_UI,
			displayOptions: { show: { ...show, userDataInput: ['fields'] } },
		} as INodeProperties);
	}
	return properties.map((p) => {
		if (p.required === undefined) delete p.required;
		return p;
	});
}

const valuesWhere = (test: (op: (typeof OPERATIONS)[number]) => boolean) =>
	OPERATIONS.filter(test).map((op) => op.value);

const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Check Capabilities First',
			name: 'capabilityPreCheck',
			type: 'boolean',
			default: false,
			description:
				"Whether to read the call first and refuse the operation (without sending it) when the call's capabilities do not allow it",
			displayOptions: { show: { '/operation': valuesWhere((op) => op.capability !== undefined) } },
		},
		{
			displayName: 'Confirmation Timeout (Seconds)',
			name: 'confirmationTimeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_S },
			default: 10,
			description: 'How long to wait for the confirming notification before failing',
			displayOptions: {
				show: {
					'/operation': valuesWhere((op) => op.confirmation !== undefined),
					waitForConfirmation: [true],
				},
			},
		},
		{
			displayName: 'Include Call',
			name: 'includeCall',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the call after the operation and add it to the output (null if the call is gone)',
			displayOptions: { show: { '/operation': valuesWhere((op) => op.kind === 'callOperation') } },
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_S },
			default: 30,
			description: 'How long to wait for each GWS reply',
		},
		{
			displayName: 'Wait for Confirmation',
			name: 'waitForConfirmation',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait for the notification that confirms the operation (e.g. the call becoming Established after Answer) and output the resulting call',
			displayOptions: {
				show: { '/operation': valuesWhere((op) => op.confirmation !== undefined) },
			},
		},
	],
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES,
		default: 'call',
	},
	...operationProperties,
	...parameterProperties(),
	optionsProperty,
];
