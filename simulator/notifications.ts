/**
 * Builds the CometD messages exactly as the vendor pages print them (field names, nesting, value types, key order):
 * CallStateChangeMessage on /v2/me/calls, DeviceStateChangeMessage on /v2/me/devices, and our ErrorMessage.
 */
import type { Call, Leg } from './calls/model';
import { participantsFor } from './calls/model';
import { renderUserData } from './calls/userData';
import type { SimUser } from './users';

export const CALLS_CHANNEL = '/v2/me/calls';
export const DEVICES_CHANNEL = '/v2/me/devices';

export interface Notification {
	channel: string;
	data: Record<string, unknown>;
}

function participant(dn: string) {
	// Internal DNs: e164Number is empty in every vendor sample.
	return { e164Number: '', formattedPhoneNumber: dn, phoneNumber: dn, digits: dn };
}

/** The call resource (same format in GET answers and in notifications), key order as on the pages. */
export function renderCall(
	baseUrl: string,
	owner: SimUser,
	call: Call,
	leg: Leg,
	capabilities: string[],
): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: call.id,
		state: leg.state,
		callUuid: call.id,
		connId: call.connId,
		deviceUri: `${baseUrl}/api/v2/devices/${owner.deviceId}`,
		participants: participantsFor(call, owner.username).map((p) => participant(p.dn)),
		dnis: leg.dnis,
	};
	if (leg.ani !== undefined) out.ani = leg.ani;
	out.callType = leg.callType;
	out.capabilities = capabilities;
	if (leg.parentCallId) out.parentCallUri = `${baseUrl}/api/v2/me/calls/${leg.parentCallId}`;
	const userData = renderUserData(call.userData);
	if (userData) out.userData = userData;
	out.duration = String(Math.max(0, Math.floor((Date.now() - leg.startedAt) / 1000)));
	out.mute = leg.mute;
	if (call.recordingState) out.recordingState = call.recordingState;
	out.supervisorListeningIn = false;
	out.monitoredUserMuted = false;
	out.monitoring = false;
	out.uri = `${baseUrl}/api/v2/me/calls/${call.id}`;
	out.path = `/calls/${call.id}`;
	if (leg.parentCallId) out.parentCallPath = `/calls/${leg.parentCallId}`;
	return out;
}

/**
 * A CallStateChangeMessage. `extensions` is left out when `withExtensions` is false: the InitiateConference page's
 * sample of the new consult call (Dialing) has no `extensions`, every other sample has {"BusinessCall":0}.
 */
export function callStateChange(
	notificationType: string,
	owner: SimUser,
	call: Record<string, unknown>,
	withExtensions = true,
): Notification {
	const data: Record<string, unknown> = { notificationType, call, phoneNumber: owner.dn };
	if (withExtensions) data.extensions = { BusinessCall: 0 };
	data.messageType = 'CallStateChangeMessage';
	return { data, channel: CALLS_CHANNEL };
}

/** The device resource (GWS-API.md §6), same format in GET answers and DeviceStateChangeMessage. */
export function renderDevice(baseUrl: string, user: SimUser): Record<string, unknown> {
	// Only what the simulator implements (the vendor sample also lists ForwardCallsOn and, for supervisors,
	// ListenIn/Coach/BargeIn; offering operations that would then fail would mislead clients).
	const capabilities = [user.doNotDisturb === 'On' ? 'DoNotDisturbOff' : 'DoNotDisturbOn'];
	return {
		id: user.deviceId,
		deviceState: 'Active',
		userState: { ...user.userState },
		phoneNumber: user.dn,
		e164Number: user.dn,
		telephonyNetwork: 'Private',
		doNotDisturb: user.doNotDisturb,
		voiceEnvironmentUri: `${baseUrl}/api/v2/voice-environments/simulated-voice-environment`,
		capabilities,
	};
}

export function deviceStateChange(baseUrl: string, user: SimUser): Notification {
	return {
		data: { messageType: 'DeviceStateChangeMessage', devices: [renderDevice(baseUrl, user)] },
		channel: DEVICES_CHANNEL,
	};
}

/**
 * Our ErrorMessage (GWS-API.md §3: voice errors come as messageType "ErrorMessage"; its fields are not in the
 * sources). Shape chosen: {"data":{"errorCode":N,"errorMessage":"...","operationName":"Dial",
 * "callUri"?: "<the call the request was posted on>","phoneNumber":"<agent DN>","messageType":"ErrorMessage"},
 * "channel":"/v2/me/calls"}.
 */
export function errorMessage(
	owner: SimUser,
	errorCode: number,
	message: string,
	operationName: string,
	callUri?: string,
): Notification {
	const data: Record<string, unknown> = { errorCode, errorMessage: message, operationName };
	if (callUri) data.callUri = callUri;
	data.phoneNumber = owner.dn;
	data.messageType = 'ErrorMessage';
	return { data, channel: CALLS_CHANNEL };
}
