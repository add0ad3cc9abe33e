/**
 * Check Capabilities First: read the call and refuse an operation its `capabilities` do not list, without sending
 * it (https://enu.docs.genesys.com/Documentation/GWS/8.5.2/API/WhatAreCapabilities).
 */
import { NodeOperationError } from 'n8n-workflow';

import { readCall, type ItemRun } from './itemRun';

export async function checkCapability(run: ItemRun, callId: string): Promise<void> {
	const capability = run.op.capability;
	if (!capability) return;
	const call = await readCall(run, callId);
	const capabilities = Array.isArray(call.capabilities) ? (call.capabilities as string[]) : [];
	if (capabilities.includes(capability)) return;
	throw new NodeOperationError(
		run.ctx.getNode(),
		`"${run.op.name}" is not allowed on call "${callId}" in state ${String(call.state ?? 'unknown')}`,
		{
			itemIndex: run.itemIndex,
			description: `GWS allows now: ${capabilities.length ? capabilities.join(', ') : 'no operations'}. ${capability} is not among them, so the request was not sent.`,
		},
	);
}
