/** The reads around an item's operation: the call (pre-check, Include Call, confirmations) and the user's devices. */
import type { IDataObject } from 'n8n-workflow';

import { isNotFound } from '../../shared/transport';
import { sendForItem, type ItemRun } from './itemRequests';
import { outputOf, readRequest } from './requestKinds';

/** GET one call; returns the call resource. */
export async function readCall(run: ItemRun, callId: string): Promise<IDataObject> {
	return outputOf('getCall', await sendForItem(run, readRequest('getCall', { callId })))[0];
}

/**
 * The call as GWS shows it now, or undefined when GWS no longer has it (statusCode 6 or HTTP 404: transport
 * isNotFound). A call GWS still returns may show state Released; callers look at its state.
 */
export async function readCallIfAny(run: ItemRun, callId: string): Promise<IDataObject | undefined> {
	return await readCall(run, callId).catch((error: unknown) => {
		if (isNotFound(error)) return undefined;
		throw error; // the transport's errors are n8n errors already
	});
}

/** GET the user's devices (once per item: a later call gets the same answer). */
export async function readDevices(run: ItemRun): Promise<IDataObject[]> {
	run.devices ??= sendForItem(run, readRequest('getDevices')).then((r) => outputOf('getDevices', r));
	return await run.devices;
}
