/**
 * One operation for one input item: options, parameters, defaults looked up from GWS, the call named in the body
 * (SetCallDisposition), the optional capability pre-check, the request, the optional wait for confirmation, and
 * the output items.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { CALLS_CHANNEL } from '../../shared/channels';
import type { GwsNotification } from '../../shared/notification';
import { trace } from '../../shared/trace';
import { forgetGwsSession, readGwsServer } from '../../shared/transport';
import { identifyCall } from './callIdentity';
import { checkCapability } from './capabilityCheck';
import type { ConfirmationTarget } from './confirmations';
import { sendAndConfirm } from './confirmationWait';
import { sendAndReadBack } from './readBack';
import { EMPTY_DEFAULTS } from './emptyDefaults';
import { listOf, readCall, send, sendOperationRequest, type ItemRun } from './itemRun';
import type { GwsOperation } from './operations';
import { DEFAULT_CONFIRMATION_TIMEOUT_S, DEFAULT_REQUEST_TIMEOUT_S, readOptions } from './options';
import { PARAMETERS } from './parameters/catalog';
import { inputCallId, place, readParameters, type CheckedParams } from './parameters/readParameters';
import { REQUEST_KINDS, buildRequest, type GwsRequest, type RequestKind } from './requestKinds';

/** Fills parameters left empty whose catalog record says how to look them up (e.g. the first device). */
async function fillEmptyDefaults(run: ItemRun, params: CheckedParams): Promise<void> {
	for (const use of run.op.params) {
		const whenEmpty = PARAMETERS[use.name].whenEmpty;
		const lookup = whenEmpty === undefined ? undefined : EMPTY_DEFAULTS[whenEmpty];
		if (!lookup || params.values[use.name] !== undefined) continue;
		const value = await lookup(run);
		params.values[use.name] = value;
		place(params, use.wire ?? PARAMETERS[use.name].wire, value);
	}
}

function notificationSummary(n: GwsNotification): IDataObject {
	const summary: IDataObject = { channel: n.channel };
	for (const field of ['messageType', 'notificationType'] as const) {
		if (n.data?.[field] !== undefined) summary[field] = n.data[field];
	}
	return summary;
}

/** Sends the request and waits for what confirms it (or says why nothing can); the output's confirmation fields. */
async function sendConfirmed(
	run: ItemRun,
	req: GwsRequest,
	target: ConfirmationTarget,
	timeoutS: number,
): Promise<IDataObject> {
	const conf = run.op.confirmation!;
	const sendOperation = async () => await sendOperationRequest(run, req, target.values.callId as string | undefined);
	if (conf.by === 'readBack') {
		const { response, call, reads } = await sendAndReadBack(run, conf, target, timeoutS, sendOperation);
		return { ...response, confirmed: true, confirmedBy: { readBack: reads }, call: call ?? null };
	}
	const unavailable = conf.unavailable?.(target);
	if (unavailable !== undefined) return { ...(await sendOperation()), confirmed: false, unconfirmedReason: unavailable };
	if (conf.prepare) target = await conf.prepare(target, async (id) => await readCall(run, id));
	const request = { operationName: String(req.body?.operationName), values: target.values };
	const { response, notification } = await sendAndConfirm(run, conf, target, request, timeoutS, sendOperation);
	const output: IDataObject = { ...response, confirmed: true, notification: notificationSummary(notification) };
	if (conf.channel === CALLS_CHANNEL) output.call = notification.data.call;
	else output.devices = notification.data.devices;
	return output;
}

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
	const kind: RequestKind = REQUEST_KINDS[op.kind];
	if ('resource' in kind.output) {
		const response = await send(run, buildRequest(op.kind, params));
		return [(response[kind.output.resource] as IDataObject | undefined) ?? response];
	}
	if ('list' in kind.output) return listOf(await send(run, buildRequest(op.kind, params)), kind.output.list);

	const callId = params.values.callId as string | undefined;
	const wait = options.waitForConfirmation === true && op.confirmation !== undefined;
	await fillEmptyDefaults(run, params);
	const target: ConfirmationTarget = { callId, values: params.values };
	if (op.namesCallInBody && callId !== undefined) {
		const { callUri, callUuid, released } = await identifyCall(run, callId, server.baseUrl, wait);
		params.body = { callUri, callUuid, ...params.body };
		target.callReleased = released;
	}
	if (options.capabilityPreCheck) await checkCapability(run, params.values);
	const req = buildRequest(op.kind, params, op.operationName, op.body);

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
