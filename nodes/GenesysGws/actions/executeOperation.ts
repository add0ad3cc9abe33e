/**
 * One operation for one input item: options, parameters, defaults looked up from GWS, the call named in the body
 * (SetCallDisposition), the optional capability pre-check, the request, the optional wait for confirmation, and
 * the output items.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { trace } from '../../shared/trace';
import { forgetGwsSession, readGwsServer } from '../../shared/transport';
import { identifyCall } from './callIdentity';
import { checkCapability } from './capabilityCheck';
import type { ConfirmationTarget } from './confirmations';
import { fillFromGws, inputCallId } from './emptyValues';
import { readCall } from './gwsReads';
import { sendForItem, sendOperationRequest, type ItemRun } from './itemRequests';
import type { GwsOperation } from './operations';
import { DEFAULT_CONFIRMATION_TIMEOUT_S, DEFAULT_REQUEST_TIMEOUT_S, readOptions } from './options';
import { readParameters } from './parameters/readParameters';
import { REQUEST_KINDS, operationRequest, outputOf, type RequestKind } from './requestKinds';
import { simplifyCall } from './simplify';
import { sendConfirmed } from './waitForConfirmation';

/** Runs one operation for one input item; returns the output items' JSON. */
export async function executeOperation(
	this: IExecuteFunctions,
	op: GwsOperation,
	itemIndex: number,
): Promise<IDataObject[]> {
	const tracedCall = inputCallId(this, itemIndex);
	trace(this.logger, 'action-start', tracedCall);
	const options = readOptions(this, itemIndex);
	const run: ItemRun = {
		ctx: this,
		op,
		itemIndex,
		timeoutMs: (options.timeout ?? DEFAULT_REQUEST_TIMEOUT_S) * 1000,
	};
	const server = await readGwsServer(this);
	trace(this.logger, 'credential-read', tracedCall);
	const params = readParameters(this, op, itemIndex, server.baseUrl);
	// A read (Get, Get Many, Get Devices) outputs what it read, shaped by its request kind (calls, simplified on request).
	const kind: RequestKind = REQUEST_KINDS[op.requestKind];
	if (!('operation' in kind.output)) {
		const items = outputOf(op.requestKind, await sendForItem(run, operationRequest(op, params)));
		const simplify = kind.outputsCalls === true && this.getNodeParameter('simplify', itemIndex, false) === true;
		return simplify ? items.map(simplifyCall) : items;
	}

	const callId = params.values.callId as string | undefined;
	const wait = options.waitForConfirmation === true && op.confirmation !== undefined;
	await fillFromGws(run, params);
	const target: ConfirmationTarget = { callId, values: params.values };
	if (op.namesCallInBody && callId !== undefined) {
		const { callUri, callUuid, released } = await identifyCall(run, callId, server.baseUrl, wait);
		params.body = { callUri, callUuid, ...params.body };
		target.callReleased = released;
	}
	if (options.capabilityPreCheck) await checkCapability(run, params.values);
	const req = operationRequest(op, params);

	const output: IDataObject = { operation: op.value, operationName: req.body?.operationName };
	if (callId !== undefined) output.callId = callId;
	if (wait) {
		const timeoutS = options.confirmationTimeout ?? DEFAULT_CONFIRMATION_TIMEOUT_S;
		return [Object.assign(output, await sendConfirmed(run, req, target, timeoutS))];
	}

	Object.assign(output, await sendOperationRequest(run, req, callId));
	if (op.endsSession) await forgetGwsSession.call(this);
	if (options.includeCall && callId !== undefined) {
		// The call as it stands now; a call the operation ended may already be gone (then `call` is null).
		try {
			output.call = await readCall(run, callId);
		} catch {
			output.call = null;
		}
	}
	return [output];
}
