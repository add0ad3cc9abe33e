/**
 * SetCallDisposition names its call in the body too: `callUri` and `callUuid`, as the page's sample shows
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/CallsSetCallDisposition). Its main use is after the call
 * was released (during after-call work), when GWS may no longer return the call (statusCode 6 or HTTP 404) while it
 * still accepts its disposition. So the node takes them from the
 * input item's call when that is the same call (`$json.call` of the trigger's items, of Include Call and of Wait
 * for Confirmation; `$json` itself after Get), and reads the call only when the item has none, or when Wait for
 * Confirmation must know whether the call is still active (a released call gets no notification).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { callIdFromReference } from '../../shared/callReference';
import { isObject } from '../../shared/isObject';
import { callUriOn } from '../../shared/gwsResources';
import { readCallIfAny } from './gwsReads';
import type { ItemRun } from './itemRequests';

export interface CallIdentity {
	callUri: string;
	callUuid: string;
}

/** The body fields naming the call: its own `uri` when it has one for this id, else `<Base URL>/api/v2/me/calls/<id>`. */
export function callIdentityOf(call: IDataObject, callId: string, baseUrl: string): CallIdentity | undefined {
	if (typeof call.callUuid !== 'string' || call.callUuid === '') return undefined;
	const uri = typeof call.uri === 'string' && callIdFromReference(call.uri, { bare: false }) === callId ? call.uri : undefined;
	return { callUri: uri ?? callUriOn(baseUrl, callId), callUuid: call.callUuid };
}

/** The input item's call, when it is the call `callId` names: `$json.call`, or `$json` itself (Get's output). */
function callOfInputItem(run: ItemRun, callId: string): IDataObject | undefined {
	const json = run.ctx.getInputData()[run.itemIndex]?.json;
	for (const candidate of [json?.call, json]) {
		if (isObject(candidate) && (candidate.id === callId || (typeof candidate.uri === 'string' && callIdFromReference(candidate.uri, { bare: false }) === callId))) {
			return candidate;
		}
	}
	return undefined;
}

/**
 * callUri and callUuid for the request, and whether the call is known to be released. `mustKnowState`: read the
 * call even when the item has it (Wait for Confirmation).
 */
export async function identifyCall(
	run: ItemRun,
	callId: string,
	baseUrl: string,
	mustKnowState: boolean,
): Promise<CallIdentity & { released: boolean }> {
	const fromItem = callOfInputItem(run, callId);
	const itemIdentity = fromItem && callIdentityOf(fromItem, callId, baseUrl);
	if (itemIdentity && !mustKnowState) return { ...itemIdentity, released: fromItem.state === 'Released' };
	const current = await readCallIfAny(run, callId);
	if (current) {
		const identity = callIdentityOf(current, callId, baseUrl) ?? itemIdentity;
		if (identity) return { ...identity, released: current.state === 'Released' };
	} else if (itemIdentity) {
		return { ...itemIdentity, released: true };
	}
	throw new NodeOperationError(
		run.ctx.getNode(),
		current
			? `"${run.op.name}" needs the callUuid of call "${callId}", but GWS shows the call without one`
			: `"${run.op.name}" needs the callUuid of call "${callId}", but GWS no longer has the call (it was released) and the input item carries no call with that id`,
		{
			itemIndex: run.itemIndex,
			description:
				'GWS no longer returns a released call, so the node takes callUuid from the input item: run this operation on the item the Genesys GWS Trigger emitted for the call (its $json.call holds callUuid, e.g. on the StatusChange Released item), or on the output of a node that returns the call (Get, Include Call, Wait for Confirmation), or while the call is still active. The request was not sent.',
		},
	);
}
