/**
 * The GWS API v2 resources both nodes address, each path written once ({slots} are filled with URL-encoded ids by
 * transport/paths.ts fillPath), and the two collections both nodes read (the action node's Get Many and Get
 * Devices, the trigger's resync and test step).
 * Paths: https://docs.genesys.com/Documentation:HTCC:API:CallsAPI:8.5.0 (calls),
 * https://en.docs.genesys.com/index.php?diff=cur&oldid=329726&title=Documentation%3AHTCC%3AAPI%3ACallsDial%3A8.5.2 (Dial),
 * https://docs.genesys.com/Documentation/GWS/8.6.0/API/AgentStateReady (agent state),
 * https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorListenIn (devices, device URIs),
 * https://docs.genesys.com/Documentation/HTCC/latest/API/StartContactCenterSession (the user),
 * https://docs.genesys.com/Documentation/GWS/8.6.0/API/RecoveringExistingState (reading calls and devices).
 */
import type { IDataObject } from 'n8n-workflow';

import { isObject } from './isObject';
import { fillPath } from './transport/paths';

export const GWS_PATHS = {
	/** The user: the login (a GET returns the session cookie and CSRF token) and the contact-center session. */
	me: '/api/v2/me',
	calls: '/api/v2/me/calls',
	call: '/api/v2/me/calls/{callId}',
	devices: '/api/v2/me/devices',
	device: '/api/v2/me/devices/{deviceId}',
	/** Dial: a new call from a device. */
	deviceCalls: '/api/v2/me/devices/{deviceId}/calls',
	/** The agent's voice state. */
	voiceChannel: '/api/v2/me/channels/voice',
	/** A device as GWS names it in fields (a call's deviceUri, targetDeviceUri): not under /me. */
	deviceResource: '/api/v2/devices/{deviceId}',
} as const;

/** A read of one of the user's collections: every field of each element, under `list` in the reply. */
export interface CollectionRead {
	path: string;
	qs: { fields: '*' };
	list: string;
}

export const CALLS_READ: CollectionRead = { path: GWS_PATHS.calls, qs: { fields: '*' }, list: 'calls' };
export const DEVICES_READ: CollectionRead = { path: GWS_PATHS.devices, qs: { fields: '*' }, list: 'devices' };

/** The elements of a collection's reply (those that are JSON objects); none when the reply has no such array. */
export function elementsOf(response: IDataObject, read: CollectionRead): IDataObject[] {
	const list = response[read.list];
	return Array.isArray(list) ? list.filter(isObject) : [];
}

/** A call's URI as GWS prints it in `call.uri`: `<Base URL>/api/v2/me/calls/<id>`. */
export function callUriOn(baseUrl: string, callId: string): string {
	return baseUrl + fillPath(GWS_PATHS.call, { callId });
}

/** A device's URI as GWS prints it in a call's `deviceUri`: `<Base URL>/api/v2/devices/<id>`. */
export function deviceUriOn(baseUrl: string, deviceId: string): string {
	return baseUrl + fillPath(GWS_PATHS.deviceResource, { deviceId });
}
