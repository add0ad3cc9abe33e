/**
 * Every kind of GWS request the action node makes, one record each: method, path template (ids fill the {slots},
 * URL-encoded), query, whether the body carries an operationName, and what the node outputs. Request building,
 * the README's "GWS request" column and the node's options read these records; no path is written twice.
 * Paths: https://docs.genesys.com/Documentation:HTCC:API:CallsAPI:8.5.0 (calls),
 * https://en.docs.genesys.com/index.php?diff=cur&oldid=329726&title=Documentation%3AHTCC%3AAPI%3ACallsDial%3A8.5.2 (Dial),
 * https://docs.genesys.com/Documentation/GWS/8.6.0/API/AgentStateReady (agent state),
 * https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorListenIn and
 * https://docs.genesys.com/Documentation/HTCC/latest/API/AgentStateDoNotDisturbOn (device operations),
 * https://docs.genesys.com/Documentation/HTCC/latest/API/StartContactCenterSession (the user's session).
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
	/**
	 * Which resource lists the operations of this kind in its `capabilities` (Check Capabilities First reads it):
	 * the call of {callId}, or the device of {deviceId}.
	 */
	capabilitiesOf?: 'call' | 'device';
}

export const REQUEST_KINDS = {
	/** An operation on one call: {"operationName": ..., ...}. */
	callOperation: {
		method: 'POST',
		path: '/api/v2/me/calls/{callId}',
		output: { operation: true },
		capabilitiesOf: 'call',
	},
	/** A new call from a device. */
	dial: { method: 'POST', path: '/api/v2/me/devices/{deviceId}/calls', output: { operation: true } },
	/** An operation on one of the user's devices: DND, forwarding, supervisor monitoring. */
	deviceOperation: {
		method: 'POST',
		path: '/api/v2/me/devices/{deviceId}',
		output: { operation: true },
		capabilitiesOf: 'device',
	},
	/** An operation on the user: the contact-center (voice) session. */
	userOperation: { method: 'POST', path: '/api/v2/me', output: { operation: true } },
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

/**
 * The request of a kind for checked parameters; POSTs carry {operationName, ...fixed fields, ...fields}, fixed
 * fields being what every request of the operation sends (StartContactCenterSession's channels).
 */
export function buildRequest(
	kindName: RequestKindName,
	params: Pick<CheckedParams, 'slots' | 'body' | 'operationName'>,
	operationName?: string,
	fixedBody?: IDataObject,
): GwsRequest {
	const kind: RequestKind = REQUEST_KINDS[kindName];
	const request: GwsRequest = { method: kind.method, path: fillPath(kind.path, params.slots) };
	if (kind.qs) request.qs = kind.qs;
	if (kind.method === 'POST') {
		request.body = { operationName: operationName ?? params.operationName, ...fixedBody, ...params.body };
	}
	return request;
}

/** Reading one call: the capability pre-check, Include Call and confirmations that need the call. */
export function getCallRequest(callId: string): GwsRequest {
	return buildRequest('getCall', { slots: { callId }, body: {} });
}
