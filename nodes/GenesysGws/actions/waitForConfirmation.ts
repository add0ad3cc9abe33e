/**
 * The Wait for Confirmation option for one item: send the request and wait for what confirms it, by notification
 * (confirmationWait.ts) or by reading the call back (readBack.ts), or say why nothing can confirm it; and the
 * output's confirmation fields.
 */
import type { IDataObject } from 'n8n-workflow';

import { CALLS_CHANNEL } from '../../shared/channels';
import type { GwsNotification } from '../../shared/notification';
import type { ConfirmationTarget } from './confirmations';
import { sendAndConfirm } from './confirmationWait';
import { readCall } from './gwsReads';
import { sendOperationRequest, type ItemRun } from './itemRequests';
import { sendAndReadBack } from './readBack';
import type { GwsRequest } from './requestKinds';

function notificationSummary(n: GwsNotification): IDataObject {
	const summary: IDataObject = { channel: n.channel };
	for (const field of ['messageType', 'notificationType'] as const) {
		if (n.data?.[field] !== undefined) summary[field] = n.data[field];
	}
	return summary;
}

/** Sends the request and waits for what confirms it (or says why nothing can); the output's confirmation fields. */
export async function sendConfirmed(
	run: ItemRun,
	req: GwsRequest,
	target: ConfirmationTarget,
	timeoutS: number,
): Promise<IDataObject> {
	const conf = run.op.confirmation!;
	const sendOperation = async () => await sendOperationRequest(run, req, target.values.callId as string | undefined);
	if (conf.by === 'readBack') {
		const { response, call, devices, reads } = await sendAndReadBack(run, conf, target, timeoutS, sendOperation);
		const output: IDataObject = { ...response, confirmed: true, confirmedBy: { readBack: reads } };
		if (conf.reads === 'devices') output.devices = devices ?? [];
		else output.call = call ?? null;
		return output;
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
