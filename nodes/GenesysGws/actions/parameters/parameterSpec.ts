/** What a parameter record of the catalog (catalog.ts) says, and how an operation uses a parameter. */
import type { INodeProperties } from 'n8n-workflow';

import type { ValueKind } from './valueKinds';

/** A node property without what the operation table decides (displayOptions, required). */
export type ParamUi = Omit<INodeProperties, 'displayOptions' | 'required'>;

/** Where a checked value goes: a slot of the request path, a body field, or the operationName itself. */
type Wire =
	| { path: string }
	| { body: string; shape?: (value: unknown) => unknown }
	| { operationName: true };

/**
 * What an empty value becomes, each a record of EMPTY_VALUES (emptyValues.ts): `inputCall` = the call of the
 * incoming item (its `call.id`, else its `callId`; no expression, which spares n8n's expression engine on a flow's
 * hot path: README "Performance"); `firstDevice` = the user's first device, looked up from GWS.
 */
export type WhenEmpty = 'inputCall' | 'firstDevice';

export interface ParameterSpec {
	ui: ParamUi;
	/** How to fix a missing or wrong value (shown in errors); parameters without one get a generic line. */
	hint?: string;
	/**
	 * What a model reads about the value it fills when the node is an AI tool: the description of a
	 * `$fromAI('<name>', ...)` argument (the examples' tool nodes, the README's tool table).
	 */
	forModel: string;
	valueKind: ValueKind;
	wire: Wire;
	/** Input for the README's example requests. */
	sample: unknown;
	whenEmpty?: WhenEmpty;
	/** A second way to enter the value, picked by a selector shown with it (user data's key/value fields). */
	alternativeInput?: {
		selector: ParamUi;
		mainValue: string;
		alternative: ParamUi;
		alternativeValue: string;
		/** For the README: what the alternative takes. */
		summary: string;
	};
}

/** How an operation uses a parameter (`name` is a key of the catalog's PARAMETERS). */
export interface ParamUseOf<Name extends string> {
	name: Name;
	required: boolean;
	/** This operation sends the value differently from the parameter's usual wire form. */
	wire?: Wire;
	/**
	 * Taken only when an earlier parameter of the operation has one of these values (wrapUpTime with agentState
	 * AfterCallWork): the panel shows it only then, and it is neither read nor sent otherwise.
	 */
	onlyWhen?: { name: Name; values: string[] };
}
