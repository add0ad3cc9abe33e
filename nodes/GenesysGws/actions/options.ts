/** The action node's Options collection: its UI and how each item reads and checks it. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MAX_TIMEOUT_S, checkTimeoutSeconds } from '../../shared/limits';
import { OPERATIONS, type GwsOperation } from './operations';
import { REQUEST_KINDS } from './requestKinds';

export interface OperationOptions {
	waitForConfirmation?: boolean;
	confirmationTimeout?: number;
	capabilityPreCheck?: boolean;
	includeCall?: boolean;
	timeout?: number;
}

export const DEFAULT_CONFIRMATION_TIMEOUT_S = 10;
export const DEFAULT_REQUEST_TIMEOUT_S = 30;

const valuesWhere = (test: (op: GwsOperation) => boolean) =>
	OPERATIONS.filter(test).map((op) => op.value);

export const optionsProperty: INodeProperties = {
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
				"Whether to read the call (for device operations: your device) first and refuse the operation, without sending it, when its capabilities do not allow it",
			displayOptions: { show: { '/operation': valuesWhere((op) => typeof op.capability === 'string') } },
		},
		{
			displayName: 'Confirmation Timeout (Seconds)',
			name: 'confirmationTimeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_S },
			default: DEFAULT_CONFIRMATION_TIMEOUT_S,
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
			displayOptions: {
				show: {
					'/operation': valuesWhere(
						(op) => 'operation' in REQUEST_KINDS[op.requestKind].output && op.params.some((p) => p.name === 'callId'),
					),
				},
			},
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_S },
			default: DEFAULT_REQUEST_TIMEOUT_S,
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

/** The item's options; a timeout outside its range is refused naming the option and the value. */
export function readOptions(ctx: IExecuteFunctions, itemIndex: number): OperationOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as OperationOptions;
	const example = { confirmationTimeout: DEFAULT_CONFIRMATION_TIMEOUT_S, timeout: 10 };
	for (const name of ['confirmationTimeout', 'timeout'] as const) {
		if (options[name] === undefined) continue;
		checkTimeoutSeconds(ctx.getNode(), name, options[name], { above: 0 }, { itemIndex, example: example[name] });
	}
	return options;
}
