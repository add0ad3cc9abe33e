/**
 * What an operation of the table (operations.ts) says about itself, and the builders for the two shapes most
 * operations have: posted on a call (with Call) or on one of the user's devices (with Device ID). Every field is
 * named where the operation is declared.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Confirmation } from './confirmations';
import type { ParamName, ParamUse } from './parameters/catalog';
import type { RequestKindName } from './requestKinds';

export type GwsResource = 'call' | 'supervisor' | 'agent';

export interface GwsOperation {
	/** The `operation` parameter value (contract). */
	value: string;
	resource: GwsResource;
	/** Dropdown name. */
	name: string;
	/** Dropdown action text (n8n shows it in the nodes panel). */
	action: string;
	description: string;
	/**
	 * What a model reads when the node is an AI tool (n8n's Tool node, the MCP Server Trigger): what it does, what it
	 * needs, what it returns. The tool node's Description defaults to it (description.ts).
	 */
	toolDescription: string;
	/** How the request is made (requestKinds.ts). */
	requestKind: RequestKindName;
	/** GWS operationName (Set State takes it from the agentState parameter). */
	operationName?: string;
	/**
	 * What Check Capabilities First looks for in the `capabilities` of the call or device (the request kind's
	 * capabilitiesOf): the capability's name, or null where GWS lists none for the operation (no pre-check; the
	 * record says why). Absent for request kinds whose resource lists no capabilities.
	 */
	capability?: string | null;
	params: ParamUse[];
	/** Fields every request of this operation carries, e.g. StartContactCenterSession's channels. */
	body?: IDataObject;
	/** The body names the call by callUri and callUuid (SetCallDisposition), filled by callIdentity.ts. */
	namesCallInBody?: true;
	/** GWS ends the HTTP session with this operation (EndContactCenterSession): the node logs in anew afterwards. */
	endsSession?: true;
	confirmation?: Confirmation;
}

export const req = (name: ParamName): ParamUse => ({ name, required: true });
export const opt = (name: ParamName): ParamUse => ({ name, required: false });

/** An operation posted with its operationName on a call or a device, as its list declares it. */
export interface PostedOperation {
	resource: GwsResource;
	value: string;
	name: string;
	/** Dropdown action text; default: the name in sentence case ("Single step conference"). */
	action?: string;
	description: string;
	/** What a model reads when the node is an AI tool (GwsOperation.toolDescription). */
	toolDescription: string;
	operationName: string;
	/** The capability GWS lists for it, or null where GWS lists none (then say why at the record). */
	capability: string | null;
	/** Besides Call (call operations) or Device ID (device operations), which the builder puts first. */
	params?: ParamUse[];
	confirmation?: Confirmation;
	namesCallInBody?: true;
}

const sentence = (name: string) => name.charAt(0) + name.slice(1).toLowerCase();

function posted(op: PostedOperation, requestKind: RequestKindName, first: ParamUse): GwsOperation {
	const { params = [], action = sentence(op.name), ...rest } = op;
	return { ...rest, action, requestKind, params: [first, ...params] };
}

/** POST /api/v2/me/calls/{callId}: Call first. */
export function callOperation(op: PostedOperation): GwsOperation {
	return posted(op, 'callOperation', req('callId'));
}

/** POST /api/v2/me/devices/{deviceId} on the user's device (the first one when Device ID is empty). */
export function deviceOperation(op: PostedOperation): GwsOperation {
	return posted(op, 'deviceOperation', opt('deviceId'));
}
