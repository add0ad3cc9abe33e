/** The trigger's parameters as it reads them at activation: events, filters and options, checked where they are set. */
import type { INode, ITriggerFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkTimeoutSeconds } from '../shared/limits';
import type { EventSelection } from './eventSelection';
import { EVENT_BY_VALUE, channelsFor } from './events';
import { compileCallFilter, type FilterParameters } from './filters';

export const DEFAULT_MANUAL_TIMEOUT_SECONDS = 120;

export interface TriggerOptions {
	resync?: boolean;
	/** After the user deactivated and activated the workflow again: report what changed meanwhile. */
	resyncAfterDeactivation?: boolean;
	manualTimeout?: number;
}

/** What both the test step and an active trigger start from. */
export interface TriggerSetup {
	selection: EventSelection;
	options: TriggerOptions;
	/** Test Step Timeout, checked in every mode. */
	manualTimeoutSeconds: number;
	/** The channels the selected events arrive on. */
	channels: string[];
}

export function readTriggerSetup(ctx: ITriggerFunctions): TriggerSetup {
	const node = ctx.getNode();
	const selection: EventSelection = {
		events: readEvents(ctx, node),
		callFilter: compileCallFilter(node, ctx.getNodeParameter('filters', {}) as FilterParameters),
	};
	const options = ctx.getNodeParameter('options', {}) as TriggerOptions;
	const manualTimeoutSeconds = readManualTimeout(options, node);
	return { selection, options, manualTimeoutSeconds, channels: channelsFor([...selection.events]) };
}

function readEvents(ctx: ITriggerFunctions, node: INode): Set<string> {
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
function readManualTimeout(options: TriggerOptions, node: INode): number {
	return checkTimeoutSeconds(
		node,
		'Test Step Timeout',
		options.manualTimeout ?? DEFAULT_MANUAL_TIMEOUT_SECONDS,
		{ from: 1 },
		{ example: DEFAULT_MANUAL_TIMEOUT_SECONDS },
	);
}
