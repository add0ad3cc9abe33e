/**
 * Check Capabilities First: read the call (or, for device operations, the device) and refuse an operation its
 * `capabilities` do not list, without sending it
 * (https://enu.docs.genesys.com/Documentation/GWS/8.5.2/API/WhatAreCapabilities; devices list theirs too:
 * https://docs.genesys.com/Documentation/HTCC/latest/API/CallsMessageType).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { readCall, readDevices } from './gwsReads';
import type { ItemRun } from './itemRequests';
import type { CheckedParams } from './parameters/placement';
import { REQUEST_KINDS, type RequestKind } from './requestKinds';

/** The resource that lists the operation, described for the message (`call "…" in state Held`). */
async function listingResource(run: ItemRun, values: CheckedParams['values']): Promise<{ resource: IDataObject; what: string } | undefined> {
	const kind: RequestKind = REQUEST_KINDS[run.op.requestKind];
	if (kind.capabilitiesOf === 'call') {
		const callId = values.callId as string;
		const call = await readCall(run, callId);
		return { resource: call, what: `call "${callId}" in state ${String(call.state ?? 'unknown')}` };
	}
	if (kind.capabilitiesOf !== 'device') return undefined;
	const deviceId = values.deviceId as string;
	const devices = await readDevices(run);
	const device = devices.find((d) => d.id === deviceId);
	if (!device) {
		throw new NodeOperationError(run.ctx.getNode(), `Device "${deviceId}" is not one of your devices`, {
			itemIndex: run.itemIndex,
			description: `GWS lists: ${devices.map((d) => String(d.id)).join(', ') || 'no device'}. Enter one of them as Device ID, or leave it empty to use your first device. The request was not sent.`,
		});
	}
	return { resource: device, what: `device "${deviceId}" now` };
}

export async function checkCapability(run: ItemRun, values: CheckedParams['values']): Promise<void> {
	const capability = run.op.capability;
	if (!capability) return;
	const listing = await listingResource(run, values);
	if (!listing) return;
	const capabilities = Array.isArray(listing.resource.capabilities) ? (listing.resource.capabilities as string[]) : [];
	if (capabilities.includes(capability)) return;
	throw new NodeOperationError(run.ctx.getNode(), `"${run.op.name}" is not allowed on ${listing.what}`, {
		itemIndex: run.itemIndex,
		description: `GWS allows now: ${capabilities.length ? capabilities.join(', ') : 'no operations'}. ${capability} is not among them, so the request was not sent.`,
	});
}
