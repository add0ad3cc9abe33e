/**
 * Every kind of GWS request the action node makes, one record each: method, path template (nodes/shared/
 * gwsResources.ts; ids fill the {slots}, URL-encoded), query, what the node outputs, and which resource lists the
 * capabilities of its operations. Request building, output shaping, Check Capabilities First, the README's "GWS
 * request" column and the node's options read these records.
 */
import type { IDataObject } from 'n8n-workflow';

import { CALLS_READ, DEVICES_READ, GWS_PATHS, elementsOf, type CollectionRead } from '../../shared/gwsResources';
import { fillPath } from '../../shared/transport';
import type { CheckedParams } from './parameters/placement';

export interface RequestKind {
	method: 'GET' | 'POST';
	/** From the server root; {name} is filled with the id of that name. */
	path: string;
	qs?: IDataObject;
	/**
	 * What the node outputs: `operation` = the operation's result (one item), `resource` = the resource under that
	 * name in the reply (`call`), `list` = one item per element of the collection (`calls`, `devices`).
	 */
	output: { operation: true } | { resource: string } | { list: CollectionRead };
	/**
	 * Which resource lists the operations of this kind in its `capabilities` (Check Capabilities First reads it):
	 * the call of {callId}, or the device of {deviceId}.
	 */
	capabilitiesOf?: 'call' | 'device';
	/** The output items are calls: the Simplify parameter applies (simplify.ts). */
	outputsCalls?: true;
}

const collection = (read: CollectionRead) => ({ method: 'GET', path: read.path, qs: read.qs, output: { list: read } }) as const;

export const REQUEST_KINDS = {
	/** An operation on one call: {"operationName": ..., ...}. */
	callOperation: { method: 'POST', path: GWS_PATHS.call, output: { operation: true }, capabilitiesOf: 'call' },
	/** A new call from a device. */
	dial: { method: 'POST', path: GWS_PATHS.deviceCalls, output: { operation: true } },
	/** An operation on one of the user's devices: DND, forwarding, supervisor monitoring. */
	deviceOperation: { method: 'POST', path: GWS_PATHS.device, output: { operation: true }, capabilitiesOf: 'device' },
	/** An operation on the user: the contact-center (voice) session. */
	userOperation: { method: 'POST', path: GWS_PATHS.me, output: { operation: true } },
	/** The agent's voice state. */
	agentState: { method: 'POST', path: GWS_PATHS.voiceChannel, output: { operation: true } },
	/** One call ({statusCode, call}: https://enu.docs.genesys.com/Documentation:HTCC:API:ReturnValues:8.5.2). */
	getCall: { method: 'GET', path: GWS_PATHS.call, output: { resource: 'call' }, outputsCalls: true },
	/** The user's calls. */
	getCalls: { ...collection(CALLS_READ), outputsCalls: true },
	/** The user's devices. */
	getDevices: collection(DEVICES_READ),
} satisfies Record<string, RequestKind>;

export type RequestKindName = keyof typeof REQUEST_KINDS;
type ReadKindName = 'getCall' | 'getCalls' | 'getDevices';

export interface GwsRequest {
	method: 'GET' | 'POST';
	/** From the server root, ids URL-encoded. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
}

/** What an operation's request is made of (its record in the operation table). */
export interface OperationRequestSpec {
	requestKind: RequestKindName;
	/** The GWS operationName, unless a parameter chooses it (the agent state). */
	operationName?: string;
	/** Fields every request of the operation carries (StartContactCenterSession's channels). */
	body?: IDataObject;
}

function requestOf(kindName: RequestKindName, slots: Record<string, string>): GwsRequest {
	const kind: RequestKind = REQUEST_KINDS[kindName];
	const request: GwsRequest = { method: kind.method, path: fillPath(kind.path, slots) };
	if (kind.qs) request.qs = kind.qs;
	return request;
}

/** An operation's request for checked parameters; POSTs carry {operationName, ...fixed fields, ...fields}. */
export function operationRequest(
	op: OperationRequestSpec,
	params: Pick<CheckedParams, 'slots' | 'body' | 'operationName'>,
): GwsRequest {
	const request = requestOf(op.requestKind, params.slots);
	if (request.method === 'POST') {
		request.body = { operationName: op.operationName ?? params.operationName, ...op.body, ...params.body };
	}
	return request;
}

/** A read: one call (the capability pre-check, Include Call, confirmations that need the call), calls, devices. */
export function readRequest(kindName: ReadKindName, slots: Record<string, string> = {}): GwsRequest {
	return requestOf(kindName, slots);
}

/** What the node outputs for a reply of this kind, one JSON object per item. */
export function outputOf(kindName: RequestKindName, response: IDataObject): IDataObject[] {
	const output: RequestKind['output'] = REQUEST_KINDS[kindName].output;
	if ('list' in output) return elementsOf(response, output.list);
	if ('resource' in output) return [(response[output.resource] as IDataObject | undefined) ?? response];
	return [response];
}
