/**
 * What a parameter left empty becomes (the catalog's `whenEmpty`, parameterSpec.ts), one record each: taken from
 * the incoming item while the parameters are read (readParameters.ts), or looked up from GWS once every parameter
 * is checked (fillFromGws, so a wrong value is refused before any request).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { readDevices } from './gwsReads';
import type { ItemRun } from './itemRequests';
import { PARAMETERS } from './parameters/catalog';
import type { ParamContext } from './parameters/paramContext';
import type { ParameterSpec, WhenEmpty } from './parameters/parameterSpec';
import { accept, type CheckedParams } from './parameters/placement';

interface FromInputItem {
	from: 'inputItem';
	take(ctx: ParamContext, itemIndex: number): string | undefined;
}
interface FromGws {
	from: 'gws';
	lookUp(run: ItemRun): Promise<string>;
}

/** The incoming item's call, for a Call left empty: `call.id` (trigger items, confirmed outputs), else `callId`. */
export function inputCallId(ctx: ParamContext, itemIndex: number): string | undefined {
	const json = ctx.getInputData?.()[itemIndex]?.json;
	const id = (json?.call as IDataObject | undefined)?.id ?? json?.callId;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The user's first device, for Dial and the device operations without a Device ID. */
async function firstDeviceId(run: ItemRun): Promise<string> {
	const devices = await readDevices(run);
	const id = devices.find((d) => typeof d.id === 'string' && d.id !== '')?.id;
	if (typeof id !== 'string') {
		throw new NodeOperationError(
			run.ctx.getNode(),
			`GWS lists no device for this user, so "${run.op.name}" has no device to act on`,
			{
				itemIndex: run.itemIndex,
				description: 'Check that the user has a place/device assigned in Genesys, or enter a Device ID.',
			},
		);
	}
	return id;
}

const EMPTY_VALUES = {
	inputCall: { from: 'inputItem', take: inputCallId },
	firstDevice: { from: 'gws', lookUp: firstDeviceId },
} as const satisfies Record<WhenEmpty, FromInputItem | FromGws>;

/** Whether the parameter, left empty, is taken from the incoming item (so the panel must not insist on it). */
export function takenFromInputItem(spec: ParameterSpec): boolean {
	return spec.whenEmpty !== undefined && EMPTY_VALUES[spec.whenEmpty].from === 'inputItem';
}

/** The value the incoming item gives a parameter left empty, if its record says to take one. */
export function takeFromInputItem(spec: ParameterSpec, ctx: ParamContext, itemIndex: number): string | undefined {
	const source: FromInputItem | FromGws | undefined = spec.whenEmpty && EMPTY_VALUES[spec.whenEmpty];
	return source?.from === 'inputItem' ? source.take(ctx, itemIndex) : undefined;
}

/** Fills the operation's parameters left empty whose record says to look them up from GWS (the first device). */
export async function fillFromGws(run: ItemRun, params: CheckedParams): Promise<void> {
	for (const use of run.op.params) {
		const { whenEmpty } = PARAMETERS[use.name];
		const source: FromInputItem | FromGws | undefined = whenEmpty && EMPTY_VALUES[whenEmpty];
		if (source?.from !== 'gws' || params.values[use.name] !== undefined) continue;
		accept(params, use, await source.lookUp(run));
	}
}
