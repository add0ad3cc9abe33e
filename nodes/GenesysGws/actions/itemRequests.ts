/** One operation for one item: what every step of it shares, and how it sends a request to GWS. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { trace } from '../../shared/trace';
import { gwsApiRequest } from '../../shared/transport';
import type { GwsOperation } from './operationBuilders';
import type { GwsRequest } from './requestKinds';

export interface ItemRun {
	ctx: IExecuteFunctions;
	op: GwsOperation;
	itemIndex: number;
	/** Per GWS reply (the Timeout option). */
	timeoutMs: number;
	/** The user's devices, read at most once per item (the first device, the capability pre-check). */
	devices?: Promise<IDataObject[]>;
}

/** Any request of the item: its timeout, its index (for errors and paired items). */
export async function sendForItem(run: ItemRun, req: GwsRequest): Promise<IDataObject> {
	return await gwsApiRequest.call(run.ctx, { ...req, timeoutMs: run.timeoutMs, itemIndex: run.itemIndex });
}

/** The operation's own request (not the reads around it), traced for the reaction benchmark (shared/trace.ts). */
export async function sendOperationRequest(run: ItemRun, req: GwsRequest, callId: string | undefined): Promise<IDataObject> {
	trace(run.ctx.logger, 'request-sent', callId);
	const response = await sendForItem(run, req);
	trace(run.ctx.logger, 'response', callId);
	return response;
}
