/**
 * Reads an operation's parameters for one item: each by its value kind (valueKinds.ts), an empty one taken from
 * the incoming item where its record says so (emptyValues.ts), a required one that stays empty refused, and each
 * placed where the request needs it (placement.ts). Values looked up from GWS come later (fillFromGws), once
 * every parameter is checked, so a wrong value is refused before any request.
 */
import { NodeOperationError } from 'n8n-workflow';

import { takeFromInputItem } from '../emptyValues';
import { PARAMETERS, type ParamName, type ParamUse } from './catalog';
import type { ParamContext } from './paramContext';
import { accept, noParams, type CheckedParams } from './placement';
import type { ParamEnv } from './valueKinds';

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

export function readParameters(
	ctx: ParamContext,
	op: ParameterOwner,
	itemIndex: number,
	baseUrl: string,
): CheckedParams {
	const out = noParams();
	for (const use of op.params) {
		if (use.onlyWhen && !use.onlyWhen.values.includes(out.values[use.onlyWhen.name] as string)) continue;
		const spec = PARAMETERS[use.name];
		const env: ParamEnv = {
			displayName: spec.ui.displayName,
			operationDisplayName: op.name,
			hint: spec.hint,
			baseUrl,
			readParameter: (name, fallback) => ctx.getNodeParameter(name, itemIndex, fallback),
			fail: (message, description) => {
				throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
			},
		};
		let value = spec.valueKind.read(readRaw(ctx, use.name, itemIndex), env);
		if (value === undefined) {
			const fromItem = takeFromInputItem(spec, ctx, itemIndex);
			if (fromItem !== undefined) value = spec.valueKind.read(fromItem, env);
		}
		if (value === undefined) {
			if (!use.required) continue; // optional and empty: omitted from the request, never sent as ""
			const empty = spec.valueKind.emptyMessage?.(env) ?? {
				message: `Parameter "${env.displayName}" is required for "${op.name}" but is empty`,
				description: env.hint ?? `Enter a value for "${env.displayName}".`,
			};
			env.fail(empty.message, empty.description);
		}
		accept(out, use, value);
	}
	return out;
}
