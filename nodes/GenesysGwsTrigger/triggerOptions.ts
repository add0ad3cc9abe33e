/** The trigger's parameters as it reads them at activation: events and options, checked where they are set. */
import type { INode, ITriggerFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkTimeoutSeconds } from '../shared/limits';
import { EVENT_BY_VALUE } from './events';

export const DEFAULT_MANUAL_TIMEOUT_SECONDS = 120;

export interface TriggerOptions {
	resync?: boolean;
	/** After the user deactivated and activated the workflow again: report what changed meanwhile. */
	resyncAfterDeactivation?: boolean;
	manualTimeout?: number;
}

export function readEvents(ctx: ITriggerFunctions, node: INode): Set<string> {
	const events = ctx.getNodeParameter('events', []) as string[];
	if (!Array.isArray(events) || events.length === 0) {
		throw new NodeOperationError(node, 'Parameter "Events" is empty', {
			description: 'Choose at least one event, e.g. "Call State Changed"',
		});
	}
	const unknown = events.find((e) => !EVENT_BY_VALUE.has(e));
	if (unknown !== undefined) {
		throw new NodeOperationError(node, `Parameter "Events" has an unknown value "${unknown}"`, {
			description: `Use one of: ${[...EVENT_BY_VALUE.keys()].join(', ')}`,
		});
	}
	return new Set(events);
}

/**
 * "Test Step Timeout" in seconds, checked at activation in every mode (an expression or the API can bypass the
 * UI's minValue): an option that cannot work is refused where it is set, not when someone tests the step.
 */
export function readManualTimeout(options: TriggerOptions, node: INode): number {
	return checkTimeoutSeconds(
		node,
		'Test Step Timeout',
		options.manualTimeout ?? DEFAULT_MANUAL_TIMEOUT_SECONDS,
		{ from: 1 },
		{ example: DEFAULT_MANUAL_TIMEOUT_SECONDS },
	);
}
