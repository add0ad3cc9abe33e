/**
 * What an operation of the table (operations.ts) says about itself, and the builders the per-resource lists share.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Confirmation } from './confirmations';
import type { ParamName } from './parameters/catalog';
import type { ParamUse } from './parameters/readParameters';
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
	/** How the request is made (requestKinds.ts). */
	kind: RequestKindName;
	/** GWS operationName (Set State takes it from the agentState parameter). */
	operationName?: string;
	params: ParamUse[];
	/** Fields every request of this operation carries, e.g. StartContactCenterSession's channels. */
	body?: IDataObject;
	/** The body names the call by callUri and callUuid (SetCallDisposition), filled by callIdentity.ts. */
	namesCallInBody?: true;
	/** GWS ends the HTTP session with this operation (EndContactCenterSession): the node logs in anew afterwards. */
	endsSession?: true;
	confirmation?: Confirmation;
	/** The capability the call or device (requestKinds.ts capabilitiesOf) must list (capability pre-check). */
	capability?: string;
}

export const req = (name: ParamName): ParamUse => ({ name, required: true });
export const opt = (name: ParamName): ParamUse => ({ name, required: false });

/** Sentence case, as n8n shows actions in the nodes panel: "Single step conference". */
const sentence = (name: string) => name.charAt(0) + name.slice(1).toLowerCase();

/** An operation posted with its operationName, whose capability name is that operationName. */
function namedOp(
	kind: 'callOperation' | 'deviceOperation',
	resource: GwsResource,
	[value, operationName, name, description]: [string, string, string, string],
	params: ParamUse[],
	confirmation?: Confirmation,
): GwsOperation {
	return { value, resource, name, action: sentence(name), description, kind, operationName, params, confirmation, capability: operationName };
}

/** A POST /api/v2/me/calls/{id} operation whose capability name is its operationName. */
export function callOp(
	value: string,
	operationName: string,
	name: string,
	description: string,
	params: ParamUse[],
	confirmation?: Confirmation,
	resource: GwsResource = 'call',
): GwsOperation {
	return namedOp('callOperation', resource, [value, operationName, name, description], [req('callId'), ...params], confirmation);
}

/**
 * A POST /api/v2/me/devices/{deviceId} operation on the user's device (the first one when Device ID is empty),
 * whose capability name is its operationName.
 */
export function deviceOp(
	resource: GwsResource,
	value: string,
	operationName: string,
	name: string,
	description: string,
	params: ParamUse[],
	confirmation: Confirmation,
): GwsOperation {
	return namedOp('deviceOperation', resource, [value, operationName, name, description], [opt('deviceId'), ...params], confirmation);
}
