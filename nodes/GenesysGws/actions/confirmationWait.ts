/**
 * Wait for Confirmation by notification: a notification client is subscribed BEFORE the request is sent (so the
 * confirming notification cannot be missed), then the request goes out and the wait begins. It ends on the
 * confirming notification, or at once on the ErrorMessage that reports this request's failure (asyncFailures.ts),
 * which arrives on /v2/me/calls whatever the operation (a device operation's wait listens there too).
 * A fresh client per item: its waitFor may also match notifications buffered since start(), which must not be a
 * previous item's.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { CALLS_CHANNEL } from '../../shared/channels';
import { createNotificationClient } from '../../shared/cometd';
import type { GwsNotification, GwsNotificationClient } from '../../shared/notification';
import { readGwsServer } from '../../shared/transport';
import { asyncFailureError, errorTextOf, failureOf, isUnattributed, type SentRequest } from './asyncFailures';
import type { ConfirmationTarget, NotificationConfirmation } from './confirmations';
import type { ItemRun } from './itemRequests';
import { startPending, type PendingOperation } from './pendingOperations';

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
	let pending: PendingOperation | undefined;
	try {
		const channels = [...new Set([conf.channel, CALLS_CHANNEL])];
		client = createNotificationClient(run.ctx, { channels });
		try {
			await client.start();
		} catch (error) {
			throw subscribeFailure(run, error);
		}
		const server = await readGwsServer(run.ctx);
		pending = startPending(server, request);
		const response = await sendRequest();
		const others = pending.others;
		// ErrorMessages naming no operation that fit this request and another pending one: they end no wait.
		const unattributed: string[] = [];
		let notification: GwsNotification;
		try {
			notification = await client.waitFor((n) => {
				if (conf.matches(n, target) || failureOf(n, request, others()) !== undefined) return true;
				if (isUnattributed(n, request, others())) unattributed.push(errorTextOf(n.data, server.scrub));
				return false;
			}, timeoutS * 1000);
		} catch (error) {
			const seen = unattributed.length
				? ` GWS sent an ErrorMessage naming no operation ("${unattributed.join('"; "')}") while another operation of this user was waiting too, so it ended neither.`
				: '';
			throw new NodeOperationError(
				run.ctx.getNode(),
				`GWS accepted "${run.op.name}" but did not confirm it within ${timeoutS} s`,
				{
					itemIndex: run.itemIndex,
					description: `No ${conf.summary} notification arrived on ${conf.channel}.${seen} The operation may still complete; raise "Confirmation Timeout" or check the call's state with "Get". (${(error as Error).message})`,
				},
			);
		}
		// Decided once more with the same pending list: the notification ended the wait either way.
		const failure = conf.matches(notification, target) ? undefined : failureOf(notification, request, others());
		if (failure) throw asyncFailureError(run.ctx.getNode(), run.op.name, failure, run.itemIndex, server.scrub);
		return { response, notification };
	} finally {
		pending?.done();
		await client?.stop();
	}
}
