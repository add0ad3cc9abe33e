/**
 * Builds the CometD messages exactly as the samples print them (field names, nesting, value types, key order):
 * CallStateChangeMessage on /v2/me/calls, DeviceStateChangeMessage on /v2/me/devices, and our ErrorMessage
 * (docs/FIDELITY.md N1-N12, C1, D1, U2).
 */
import type { Call, Leg } from './calls/model';
import { participantsFor } from './calls/model';
import { renderUserData } from './calls/userData';
import type { SimUser } from './users';
import { isSupervisor } from './users';

const CALLS_CHANNEL = '/v2/me/calls';
const DEVICES_CHANNEL = '/v2/me/devices';

export interface Notification {
	channel: string;
	data: Record<string, unknown>;
}

function participant(dn: string) {
	// Internal DNs: e164Number is empty in every sample (test/simulator/fixtures).
	return { e164Number: '', formattedPhoneNumber: dn, phoneNumber: dn, digits: dn };
}

/** Whether a supervisor monitoring this leg's owner is on the call (any mode: each of them hears the agent). */
function isListenedIn(call: Call, leg: Leg): boolean {
	return [...call.legs.values()].some((l) => l.monitor?.monitoredUser === leg.username && l.state !== 'Released');
}

/** The call resource (same format in GET answers and in notifications), key order as the samples (docs/FIDELITY.md C1). */
export function renderCall(
	baseUrl: string,
	owner: SimUser,
	call: Call,
	leg: Leg,
	capabilities: string[],
	monitoredUserMuted = false,
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
	// A supervisor's monitoring leg as the supervisor pages' samples print it (docs/FIDELITY.md M6): no
	// `recordingState`, `supervisorListeningIn` false in every mode, no `monitoring`. Other calls as the call samples:
	// `supervisorListeningIn` true on the monitored agent's own call while a supervisor is on it (the CallResource
	// 8.5.2 sample), `monitoring` false (CallsMuteCall, CallsSendDTMF, the newer CallResource sample).
	if (call.recordingState && !leg.monitor) out.recordingState = call.recordingState;
	out.supervisorListeningIn = !leg.monitor && isListenedIn(call, leg);
	out.monitoredUserMuted = monitoredUserMuted;
	if (!leg.monitor) out.monitoring = false;
	out.uri = `${baseUrl}/api/v2/me/calls/${call.id}`;
	out.path = `/calls/${call.id}`;
	if (leg.parentCallId) out.parentCallPath = `/calls/${leg.parentCallId}`;
	return out;
}

/**
 * A CallStateChangeMessage. `extensions` is left out when null (the Dialing notification of a new consult call);
 * otherwise {"BusinessCall":0}, or {"WrapUpTime":0,"BusinessCall":0} on a supervisor's leg (docs/FIDELITY.md N3).
 */
export function callStateChange(
	notificationType: string,
	owner: SimUser,
	call: Record<string, unknown>,
	extensions: Record<string, unknown> | null = { BusinessCall: 0 },
): Notification {
	const data: Record<string, unknown> = { notificationType, call, phoneNumber: owner.dn };
	if (extensions) data.extensions = { ...extensions };
	data.messageType = 'CallStateChangeMessage';
	return { data, channel: CALLS_CHANNEL };
}

/** A device's URI as supervisors name it in targetDeviceUri: <base>/api/v2/devices/{id}. */
export function deviceUri(baseUrl: string, user: SimUser): string {
	return `${baseUrl}/api/v2/devices/${user.deviceId}`;
}

/**
 * The device's capabilities in the samples' order (docs/FIDELITY.md D2): DND Off lists DoNotDisturbOn before
 * ForwardCallsOn, DND On lists ForwardCallsOn before DoNotDisturbOff; ForwardCallsOff replaces ForwardCallsOn while
 * forwarding; supervisors add ListenIn, Coach, BargeIn, and CancelSupervisorMonitoring while monitoring.
 */
export function deviceCapabilities(user: SimUser): string[] {
	const forward = user.forwardTo === undefined ? 'ForwardCallsOn' : 'ForwardCallsOff';
	const out = user.doNotDisturb === 'On' ? [forward, 'DoNotDisturbOff'] : ['DoNotDisturbOn', forward];
	if (isSupervisor(user)) out.push('ListenIn', 'Coach', 'BargeIn');
	if (user.monitoring) out.push('CancelSupervisorMonitoring');
	return out;
}

/** The device resource, same format in GET answers and DeviceStateChangeMessage (docs/FIDELITY.md D1). */
export function renderDevice(baseUrl: string, user: SimUser): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: user.deviceId,
		deviceState: 'Active',
		userState: { ...user.userState },
		phoneNumber: user.dn,
		e164Number: user.dn,
		telephonyNetwork: 'Private',
		doNotDisturb: user.doNotDisturb,
	};
	if (user.forwardTo !== undefined) out.forwardTo = user.forwardTo;
	out.voiceEnvironmentUri = `${baseUrl}/api/v2/voice-environments/simulated-voice-environment`;
	out.capabilities = deviceCapabilities(user);
	if (user.monitoring) {
		const { state, mode, scope, targetDeviceUri } = user.monitoring;
		out.supervisorMonitoringState = { state, mode, scope, targetDeviceUri };
	}
	return out;
}

export function deviceStateChange(baseUrl: string, user: SimUser): Notification {
	return {
		data: { messageType: 'DeviceStateChangeMessage', devices: [renderDevice(baseUrl, user)] },
		channel: DEVICES_CHANNEL,
	};
}

/** What an ErrorMessage says about the request it answers. */
export interface ErrorContext {
	operationName: string;
	/** The call the request was posted on (none for Dial). */
	callId?: string;
	callUri?: string;
	/** The number the request dialled, as the request sent it ({"phoneNumber": ...}). */
	destination?: string;
}

/**
 * Our ErrorMessage (voice errors come as messageType "ErrorMessage" on /v2/me/calls, per
 * https://docs.genesys.com/Documentation/HTCC/latest/API/ErrorHandling ; its fields are not documented). Shape
 * chosen (docs/FIDELITY.md U2): {"data":{"errorCode":N,"errorMessage":"...",
 * "operationName":"SingleStepTransfer","callId"?:"<id>","callUri"?:"<uri>","destination"?:{"phoneNumber":"..."},
 * "phoneNumber":"<agent DN>","messageType":"ErrorMessage"},"channel":"/v2/me/calls"}.
 */
export function errorMessage(owner: SimUser, errorCode: number, message: string, context: ErrorContext): Notification {
	const data: Record<string, unknown> = { errorCode, errorMessage: message, operationName: context.operationName };
	if (context.callId) data.callId = context.callId;
	if (context.callUri) data.callUri = context.callUri;
	if (context.destination !== undefined) data.destination = { phoneNumber: context.destination };
	data.phoneNumber = owner.dn;
	data.messageType = 'ErrorMessage';
	return { data, channel: CALLS_CHANNEL };
}
