/**
 * The one place that turns checked parameters into the GWS request (method, path, query, body). execute.ts sends
 * what this returns; operationsMarkdown.ts prints it for sample inputs, so the README shows the exact wire form.
 */
import type { IDataObject } from 'n8n-workflow';

import { gwsPath } from '../../shared/transport';
import type { GwsOperation } from './operations';
import type { CheckedParams } from './parameters';

export interface GwsRequest {
	method: 'GET' | 'POST';
	/** From the server root, ids URL-encoded. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
}

/** GET one call ({statusCode, call} per the Return Values page). */
export function callRequest(callId: string): GwsRequest {
	return { method: 'GET', path: gwsPath`/api/v2/me/calls/${callId}` };
}

/** The user's devices (Dial without a Device ID takes the first). */
export const DEVICES_REQUEST: GwsRequest = {
	method: 'GET',
	path: '/api/v2/me/devices',
	qs: { fields: '*' },
};

/**
 * The request of `op`. Dial needs `params.deviceId` resolved first (execute.ts looks up the first device when
 * the user left it empty).
 */
export function buildRequest(op: GwsOperation, params: CheckedParams): GwsRequest {
	const callId = params.callId as string;
	switch (op.kind) {
		case 'get':
			return callRequest(callId);
		case 'getAll':
			return { method: 'GET', path: '/api/v2/me/calls', qs: { fields: '*' } };
		case 'getDevices':
			return DEVICES_REQUEST;
		default:
			break;
	}
	const body: IDataObject = {
		operationName: op.operationName ?? params.agentState,
		...params.body,
	};
	if (op.kind === 'dial') {
		return {
			method: 'POST',
			path: gwsPath`/api/v2/me/devices/${params.deviceId as string}/calls`,
			body,
		};
	}
	if (op.kind === 'agentState') return { method: 'POST', path: '/api/v2/me/channels/voice', body };
	return { method: 'POST', path: gwsPath`/api/v2/me/calls/${callId}`, body };
}
