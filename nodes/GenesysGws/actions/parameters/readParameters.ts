/** Reads an operation's parameters for one item, checks each by its kind and places it where the request needs it. */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { PARAMETERS, type ParamName, type Wire } from './catalog';
import type { ParamEnv } from './valueKinds';

/** How an operation uses a parameter. */
export interface ParamUse {
	name: ParamName;
	required: boolean;
	/** This operation sends the value differently from the parameter's usual wire form. */
	wire?: Wire;
	/**
	 * Taken only when an earlier parameter of the operation has one of these values (wrapUpTime with agentState
	 * AfterCallWork): the panel shows it only then, and it is neither read nor sent otherwise.
	 */
	onlyWhen?: { name: ParamName; values: string[] };
}

/**
 * What checking needs of n8n's context (narrow, so the README generator can run the same checks on samples;
 * `getInputData` only where a parameter may come from the incoming item).
 */
export type ParamContext = Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'> &
	Partial<Pick<IExecuteFunctions, 'getInputData'>>;

/** The incoming item's call, for a Call left empty: `call.id` (trigger items, confirmed outputs), else `callId`. */
export function inputCallId(ctx: ParamContext, itemIndex: number): string | undefined {
	const json = ctx.getInputData?.()[itemIndex]?.json;
	const id = (json?.call as IDataObject | undefined)?.id ?? json?.callId;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The checked parameters of one item, placed for the request. */
export interface CheckedParams {
	/** Ids for the request path's slots, e.g. {callId}. */
	slots: Record<string, string>;
	/** Body fields besides operationName. */
	body: IDataObject;
	/** The operationName a parameter chose (the agent state). */
	operationName?: string;
	/** Every non-empty checked value by parameter name (confirmations and defaults read them). */
	values: Partial<Record<ParamName, unknown>>;
}

/** What the node reads of an operation to check its parameters. */
export interface ParameterOwner {
	/** The operation's display name, for messages. */
	name: string;
	params: ParamUse[];
}

/** A resource locator (Call) hands back its value; older saved workflows may hold the plain value. */
function readRaw(ctx: ParamContext, name: ParamName, itemIndex: number): unknown {
	if (PARAMETERS[name].ui.type !== 'resourceLocator') return ctx.getNodeParameter(name, itemIndex, '');
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return raw && typeof raw === 'object' && 'value' in raw ? (raw as { value: unknown }).value : raw;
}

export function place(out: CheckedParams, wire: Wire, value: unknown): void {
	if ('path' in wire) out.slots[wire.path] = value as string;
	else if ('operationName' in wire) out.operationName = value as string;
	else out.body[wire.body] = (wire.shape ? wire.shape(value) : value) as IDataObject[string];
}

export function readParameters(
	ctx: ParamContext,
	op: ParameterOwner,
	itemIndex: number,
	baseUrl: string,
): CheckedParams {
	const out: CheckedParams = { slots: {}, body: {}, values: {} };
	for (const use of op.params) {
		if (use.onlyWhen && !use.onlyWhen.values.includes(out.values[use.onlyWhen.name] as string)) continue;
		const spec = PARAMETERS[use.name];
		const env: ParamEnv = {
			displayName: spec.ui.displayName,
			operationName: op.name,
			hint: spec.hint,
			baseUrl,
			readParameter: (name, fallback) => ctx.getNodeParameter(name, itemIndex, fallback),
			fail: (message, description) => {
				throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
			},
		};
		let value = spec.kind.read(readRaw(ctx, use.name, itemIndex), env);
		if (value === undefined && spec.whenEmpty === 'inputCall') {
			const fromInput = inputCallId(ctx, itemIndex);
			if (fromInput !== undefined) value = spec.kind.read(fromInput, env);
		}
		if (value === undefined) {
			if (!use.required) continue; // optional and empty: omitted from the request, never sent as ""
			const empty = spec.kind.emptyMessage?.(env) ?? {
				message: `Parameter "${env.displayName}" is required for "${op.name}" but is empty`,
				description: env.hint ?? `Enter a value for "${env.displayName}".`,
			};
			env.fail(empty.message, empty.description);
		}
		out.values[use.name] = value;
		place(out, use.wire ?? spec.wire, value);
	}
	return out;
}
