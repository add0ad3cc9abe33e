/**
 * Wait for Confirmation by notification: a notification client is subscribed BEFORE the request is sent (so the
 * confirming notification cannot be missed), then the request goes out and the wait begins. It ends on the
 * confirming notification, or at once on the ErrorMessage that reports this request's failure (asyncFailures.ts).
 * A fresh client per item: its waitFor may also match notifications buffered since start(), which must not be a
 * previous item's.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { createNotificationClient } from '../../shared/cometd';
import { readGwsServer } from '../../shared/transport';
import type { GwsNotification, GwsNotificationClient } from '../../shared/notification';
import { asyncFailureError, failureOf, type SentRequest } from './asyncFailures';
import type { ConfirmationTarget, NotificationConfirmation } from './confirmations';
import type { ItemRun } from './itemRequests';

/** Transport errors (refused, 401, TLS ...) already say what to fix; others get context here. */
function subscribeFailure(run: ItemRun, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(
		run.ctx.getNode(),
		`Could not subscribe to GWS notifications to wait for the confirmation of "${run.op.name}"`,
		{
			itemIndex: run.itemIndex,
			description: `${(error as Error).message}. The request was not sent. Turn off "Wait for Confirmation" if GWS notifications (CometD) are not reachable from n8n.`,
		},
	);
}

export async function sendAndConfirm(
	run: ItemRun,
	conf: NotificationConfirmation,
	target: ConfirmationTarget,
	request: SentRequest,
	timeoutS: number,
	sendRequest: () => Promise<IDataObject>,
): Promise<{ response: IDataObject; notification: GwsNotification }> {
	let client: GwsNotificationClient | undefined;
	try {
		client = createNotificationClient(run.ctx, { channels: [conf.channel] });
		try {
			await client.start();
		} catch (error) {
			throw subscribeFailure(run, error);
		}
		const response = await sendRequest();
		let notification: GwsNotification;
		try {
			notification = await client.waitFor(
				(n) => conf.matches(n, target) || failureOf(n, request) !== undefined,
				timeoutS * 1000,
			);
		} catch (error) {
			throw new NodeOperationError(
				run.ctx.getNode(),
				`GWS accepted "${run.op.name}" but did not confirm it within ${timeoutS} s`,
				{
					itemIndex: run.itemIndex,
					description: `No ${conf.summary} notification arrived on ${conf.channel}. The operation may still complete; raise "Confirmation Timeout" or check the call's state with "Get". (${(error as Error).message})`,
				},
			);
		}
		const failure = failureOf(notification, request);
		if (failure) throw asyncFailureError(run.ctx.getNode(), run.op.name, failure, run.itemIndex, (await readGwsServer(run.ctx)).scrub);
		return { response, notification };
	} finally {
		await client?.stop();
	}
}
