/** The checked parameters of one item, and the one rule that puts a checked value where the request needs it. */
import type { IDataObject } from 'n8n-workflow';

import { PARAMETERS, type ParamName, type ParamUse } from './catalog';

/** The checked parameters of one item, placed for the request. */
export interface CheckedParams {
	/** Ids for the request path's slots, e.g. {callId}. */
	slots: Record<string, string>;
	/** Body fields besides operationName. */
	body: IDataObject;
	/** The operationName a parameter chose (the agent state). */
	operationName?: string;
	/** Every non-empty checked value by parameter name (confirmations and lookups read them). */
	values: Partial<Record<ParamName, unknown>>;
}

export function noParams(): CheckedParams {
	return { slots: {}, body: {}, values: {} };
}

/**
 * Takes a checked value: kept under its parameter's name and put where the request needs it, by the operation's
 * own wire form for it (ParamUse.wire) or else the parameter's (catalog.ts): a path slot, a body field (shaped, e.g.
 * destination as {"phoneNumber": ...}) or the operationName.
 */
export function accept(out: CheckedParams, use: ParamUse, value: unknown): void {
	out.values[use.name] = value;
	const wire = use.wire ?? PARAMETERS[use.name].wire;
	if ('path' in wire) out.slots[wire.path] = value as string;
	else if ('operationName' in wire) out.operationName = value as string;
	else out.body[wire.body] = (wire.shape ? wire.shape(value) : value) as IDataObject[string];
}
