/**
 * Simplify: the calls a read outputs (Get, Get Many), cut to what a person or a model acts on. On the tool node n8n
 * derives for AI agents (`@tool`) it is on by default, so that a model's context gets the call's id, state, parties,
 * user data and what it allows now, not every GWS field; on the regular node it is off by default (the raw call,
 * as before). Which reads output calls is their request kind's `outputsCalls` (requestKinds.ts).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { partiesOf } from '../../shared/participants';
import { OPERATIONS } from './operations';
import { REQUEST_KINDS, type RequestKind } from './requestKinds';

const callReads = OPERATIONS.filter((op) => (REQUEST_KINDS[op.requestKind] as RequestKind).outputsCalls === true);

const SIMPLIFY: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** One property per node kind: on by default on the tool node, off on the regular node. */
export const simplifyProperties: INodeProperties[] = [true, false].map((tool) => ({
	...SIMPLIFY,
	default: tool,
	displayOptions: {
		show: {
			'@tool': [tool],
			resource: [...new Set(callReads.map((op) => op.resource))],
			operation: callReads.map((op) => op.value),
		},
	},
}));

/** The fields kept as GWS gives them, when present. */
const KEPT = ['id', 'state', 'callType', 'ani', 'dnis', 'deviceUri', 'duration', 'mute', 'recordingState'];

/**
 * A call as a person or a model reads it: its id (what the other operations take), state, type, numbers, the
 * parties' numbers, user data and the operations it allows now (capabilities: a supervisor's monitoring leg is the
 * one offering SwitchToBargeIn or SwitchToListenIn, docs/FIDELITY.md part 2, T1). Identifiers only GWS needs
 * (callUuid, connId, uri, path) and the parties' other number formats are left out.
 */
export function simplifyCall(call: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const field of KEPT) if (call[field] !== undefined) out[field] = call[field];
	out.participants = partiesOf(call).map((p) => p.display);
	if (call.userData !== undefined) out.userData = call.userData;
	if (Array.isArray(call.capabilities)) out.capabilities = call.capabilities;
	return out;
}
