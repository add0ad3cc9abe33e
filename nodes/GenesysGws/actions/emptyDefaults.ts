/** Values looked up from GWS when the user leaves a parameter empty (the catalog's `whenEmpty`). */
import { NodeOperationError } from 'n8n-workflow';

import type { ParameterSpec } from './parameters/catalog';
import { readDevices, type ItemRun } from './itemRun';

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
				description:
					'Check that the user has a place/device assigned in Genesys, or enter a Device ID.',
			},
		);
	}
	return id;
}

/** The lookups from GWS (the incoming item's call is taken where parameters are read: readParameters.ts). */
export const EMPTY_DEFAULTS: Partial<
	Record<NonNullable<ParameterSpec['whenEmpty']>, (run: ItemRun) => Promise<string>>
> = {
	firstDevice: firstDeviceId,
};
