/**
 * GWS accepts an operation (HTTP 200) before T-Server acts on it; when T-Server then refuses (a Dial to a dead
 * number, a failed transfer), GWS says so as an `ErrorMessage` on /v2/me/calls
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/ErrorHandling). Waiting for a confirmation ends at once on
 * the ErrorMessage that belongs to the request.
 *
 * GWS's pages do not list the ErrorMessage's fields. The rule (docs/FIDELITY.md, U2): it belongs to the request
 * when it names the same `operationName` and, where it names them, the same call (`callId` or `callUri`: the call
 * the request was posted on; a Dial has none) and the same dialled number (`destination.phoneNumber`). An
 * ErrorMessage of another operation, call or number never ends the wait.
 */
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { CALLS_CHANNEL } from '../../shared/channels';
import { callIdFromReference } from '../../shared/callReference';
import type { GwsNotification } from '../../shared/notification';
import { digitsOf } from '../../shared/participants';
import { scrubSecrets, type Scrub } from '../../shared/transport';
import type { CheckedParams } from './parameters/placement';

/** The request as the failure must name it. */
export interface SentRequest {
	operationName: string;
	values: CheckedParams['values'];
}

function namedCall(data: IDataObject): string | undefined {
	if (typeof data.callId === 'string' && data.callId !== '') return data.callId;
	return typeof data.callUri === 'string' ? callIdFromReference(data.callUri, { bare: false }) : undefined;
}

/** The ErrorMessage's data when `n` reports the failure of this request. */
export function failureOf(n: GwsNotification, request: SentRequest): IDataObject | undefined {
	const data = n.data;
	if (n.channel !== CALLS_CHANNEL || data?.messageType !== 'ErrorMessage') return undefined;
	if (data.operationName !== request.operationName) return undefined;
	const call = namedCall(data);
	if (call !== undefined && call !== request.values.callId) return undefined;
	const failedNumber = digitsOf((data.destination as IDataObject | undefined)?.phoneNumber);
	const dialled = digitsOf(request.values.destination);
	if (failedNumber !== '' && dialled !== '' && failedNumber !== dialled) return undefined;
	return data;
}

/** The node error for such a failure: GWS's errorCode and errorMessage, and what to do. */
export function asyncFailureError(node: INode, operation: string, failure: IDataObject, itemIndex: number, scrub?: Scrub) {
	const errorMessage = scrubSecrets(String(failure.errorMessage ?? 'no reason given'), scrub);
	const cause: JsonObject = { errorMessage };
	if (failure.errorCode !== undefined) cause.errorCode = failure.errorCode as JsonObject[string];
	return new NodeApiError(node, cause, {
		message: `GWS reported that "${operation}" failed: ${errorMessage} (errorCode ${String(failure.errorCode ?? 'none')})`,
		description:
			'GWS accepted the request, then the telephony server refused it and GWS sent this ErrorMessage on /v2/me/calls. Check the number or the call; the request was not carried out.',
		itemIndex,
	});
}
