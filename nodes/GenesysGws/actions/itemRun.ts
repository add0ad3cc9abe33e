/** One operation for one item: what every step of it shares, and the GWS requests it makes on the way. */
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { trace } from '../../shared/trace';
import { gwsApiRequest } from '../../shared/transport';
import type { GwsOperation } from './operations';
import { buildRequest, getCallRequest, type GwsRequest } from './requestKinds';

export interface ItemRun {
	ctx: IExecuteFunctions;
	op: GwsOperation;
	itemIndex: number;
	/** Per GWS reply (the Timeout option). */
	timeoutMs: number;
	/** The user's devices, read at most once per item (the first device, the capability pre-check). */
	devices?: Promise<IDataObject[]>;
}

export async function send(run: ItemRun, req: GwsRequest): Promise<IDataObject> {
	return await gwsApiRequest.call(run.ctx, { ...req, timeoutMs: run.timeoutMs, itemIndex: run.itemIndex });
}

/** The operation's own request (not the reads around it), traced for the reaction benchmark (shared/trace.ts). */
export async function sendOperationRequest(run: ItemRun, req: GwsRequest, callId: string | undefined): Promise<IDataObject> {
	trace(run.ctx.logger, 'request-sent', callId);
	const response = await send(run, req);
	trace(run.ctx.logger, 'response', callId);
	return response;
}

/** GET one call; returns the call resource. */
export async function readCall(run: ItemRun, callId: string): Promise<IDataObject> {
	const response = await send(run, getCallRequest(callId));
	return (response.call as IDataObject | undefined) ?? response;
}

/** The call as GWS shows it now, or undefined when GWS no longer has it (404: released). */
export async function readCallIfAny(run: ItemRun, callId: string): Promise<IDataObject | undefined> {
	return await readCall(run, callId).catch((error: unknown) => {
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		throw error; // the transport's errors are n8n errors already
	});
}

/** The array under `field` of a reply (calls, devices); anything else is an empty list. */
export function listOf(response: IDataObject, field: string): IDataObject[] {
	const value = response[field];
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

/** GET the user's devices (once per item: a later call gets the same answer). */
export async function readDevices(run: ItemRun): Promise<IDataObject[]> {
	run.devices ??= send(run, buildRequest('getDevices', { slots: {}, body: {} })).then((r) => listOf(r, 'devices'));
	return await run.devices;
}
