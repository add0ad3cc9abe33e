/**
 * Every kind of GWS request the action node makes, one record each: method, path template (ids fill the {slots},
 * URL-encoded), query, whether the body carries an operationName, and what the node outputs. Request building,
 * the README's "GWS request" column and the node's options read these records; no path is written twice.
 * Paths: https://docs.genesys.com/Documentation:HTCC:API:CallsAPI:8.5.0 (calls),
 * https://en.docs.genesys.com/index.php?diff=cur&oldid=329726&title=Documentation%3AHTCC%3AAPI%3ACallsDial%3A8.5.2 (Dial),
 * https://docs.genesys.com/Documentation/GWS/8.6.0/API/AgentStateReady (agent state).
 */
import type { IDataObject } from 'n8n-workflow';

import { fillPath } from '../../shared/transport';
import type { CheckedParams } from './parameters/readParameters';

export interface RequestKind {
	method: 'GET' | 'POST';
	/** From the server root; {name} is filled with the id of that name. */
	path: string;
	qs?: IDataObject;
	/**
	 * What the node outputs: `operation` = the operation's result (one item), `resource` = the resource under that
	 * name in the reply (`call`), `list` = one item per element of the array under that name (`calls`, `devices`).
	 */
	output: { operation: true } | { resource: string } | { list: string };
}

export const REQUEST_KINDS = {
	/** An operation on one call: {"operationName": ..., ...}. */
	callOperation: { method: 'POST', path: '/api/v2/me/calls/{callId}', output: { operation: true } },
	/** A new call from a device. */
	dial: { method: 'POST', path: '/api/v2/me/devices/{deviceId}/calls', output: { operation: true } },
	/** The agent's voice state. */
	agentState: { method: 'POST', path: '/api/v2/me/channels/voice', output: { operation: true } },
	/** One call ({statusCode, call}: https://enu.docs.genesys.com/Documentation:HTCC:API:ReturnValues:8.5.2). */
	getCall: { method: 'GET', path: '/api/v2/me/calls/{callId}', output: { resource: 'call' } },
	/** The user's calls. */
	getCalls: { method: 'GET', path: '/api/v2/me/calls', qs: { fields: '*' }, output: { list: 'calls' } },
	/** The user's devices. */
	getDevices: {
		method: 'GET',
		path: '/api/v2/me/devices',
		qs: { fields: '*' },
		output: { list: 'devices' },
	},
} satisfies Record<string, RequestKind>;

export type RequestKindName = keyof typeof REQUEST_KINDS;

export interface GwsRequest {
	method: 'GET' | 'POST';
	/** From the server root, ids URL-encoded. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
}

/** The request of a kind for checked parameters; POSTs carry {operationName, ...fields}. */
export function buildRequest(
	kindName: RequestKindName,
	params: Pick<CheckedParams, 'slots' | 'body' | 'operationName'>,
	operationName?: string,
): GwsRequest {
	const kind: RequestKind = REQUEST_KINDS[kindName];
	const request: GwsRequest = { method: kind.method, path: fillPath(kind.path, params.slots) };
	if (kind.qs) request.qs = kind.qs;
	if (kind.method === 'POST') {
		request.body = { operationName: operationName ?? params.operationName, ...params.body };
	}
	return request;
}

/** Reading one call: the capability pre-check, Include Call and confirmations that need the call. */
export function getCallRequest(callId: string): GwsRequest {
	return buildRequest('getCall', { slots: { callId }, body: {} });
}
