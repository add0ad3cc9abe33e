/**
 * GWS accepts an operation (HTTP 200) before T-Server acts on it; when T-Server then refuses (a Dial to a dead
 * number, a failed transfer), GWS says so as an `ErrorMessage` (https://docs.genesys.com/Documentation/HTCC/latest/API/ErrorHandling
 * names the message type, not its fields). Waiting for a confirmation ends at once on the ErrorMessage that belongs
 * to the request. The rule (docs/FIDELITY.md part 2, A1-A3):
 * - It never contradicts the request: where it names a call (`callId` or `callUri`) it is the call the request was
 *   posted on (a Dial has none), and where it names a dialled number (`destination.phoneNumber`) it is the request's.
 * - When it names an `operationName`, that is the request's.
 * - When it names none (no `operationName` at all) but says what failed (`errorMessage` or `errorCode`), it belongs
 *   to the request only if no other operation of the same GWS user pending in this
 *   process could own it too (pendingOperations.ts). Two candidates: it ends neither wait (each still ends on its own
 *   confirmation, or times out saying that such an ErrorMessage arrived).
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

/** Whether an ErrorMessage's call and number agree with the request (what it does not name cannot disagree). */
function agreesWith(data: IDataObject, request: SentRequest): boolean {
	const call = namedCall(data);
	if (call !== undefined && call !== request.values.callId) return false;
	const failedNumber = digitsOf((data.destination as IDataObject | undefined)?.phoneNumber);
	const dialled = digitsOf(request.values.destination);
	return failedNumber === '' || dialled === '' || failedNumber === dialled;
}

/** The data of `n` when it is an ErrorMessage about this request's call and number, whoever it names. */
function errorAbout(n: GwsNotification, request: SentRequest): IDataObject | undefined {
	const data = n.data;
	if (n.channel !== CALLS_CHANNEL || data?.messageType !== 'ErrorMessage') return undefined;
	return agreesWith(data, request) ? data : undefined;
}

/** It names an operation: any `operationName` present (one that is not a non-empty string can match no request). */
const namesOperation = (data: IDataObject) => data.operationName !== undefined && data.operationName !== null;

/** It says what failed: GWS's text or code. A bare ErrorMessage says nothing and ends no wait. */
const saysWhat = (data: IDataObject) =>
	(typeof data.errorMessage === 'string' && data.errorMessage !== '') || typeof data.errorCode === 'number';

/**
 * The ErrorMessage's data when `n` reports the failure of this request; `others` are the other operations of the same
 * user still waiting (pendingOperations.ts), which an ErrorMessage naming no operation must not fit.
 */
export function failureOf(n: GwsNotification, request: SentRequest, others: SentRequest[] = []): IDataObject | undefined {
	const data = errorAbout(n, request);
	if (!data) return undefined;
	if (namesOperation(data)) return data.operationName === request.operationName ? data : undefined;
	if (!saysWhat(data)) return undefined;
	return others.some((other) => errorAbout(n, other) !== undefined) ? undefined : data;
}

/** An ErrorMessage naming no operation that fits this request but also another pending one: it ended no wait. */
export function isUnattributed(n: GwsNotification, request: SentRequest, others: SentRequest[]): boolean {
	const data = errorAbout(n, request);
	return data !== undefined && !namesOperation(data) && saysWhat(data) && others.some((other) => errorAbout(n, other) !== undefined);
}

/** GWS's text in an ErrorMessage, as a message may show it (the credential's secrets hidden). */
export function errorTextOf(data: IDataObject, scrub?: Scrub): string {
	return scrubSecrets(String(data.errorMessage ?? 'no reason given'), scrub);
}

/** The node error for such a failure: GWS's errorCode and errorMessage, and what to do. */
export function asyncFailureError(node: INode, operation: string, failure: IDataObject, itemIndex: number, scrub?: Scrub) {
	const errorMessage = errorTextOf(failure, scrub);
	const cause: JsonObject = { errorMessage };
	if (failure.errorCode !== undefined) cause.errorCode = failure.errorCode as JsonObject[string];
	return new NodeApiError(node, cause, {
		message: `GWS reported that "${operation}" failed: ${errorMessage} (errorCode ${String(failure.errorCode ?? 'none')})`,
		description:
			'GWS accepted the request, then the telephony server refused it and GWS sent this ErrorMessage. Check the number, the call or the device; the request was not carried out.',
		itemIndex,
	});
}
