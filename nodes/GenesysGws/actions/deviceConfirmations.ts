/**
 * Confirmations on /v2/me/devices (the Confirmation types are in confirmations.ts): GWS answers every device and
 * agent-state operation with a DeviceStateChangeMessage showing the device as it now is
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/CallsMessageType). Each matches the device the operation
 * was sent for (any of the user's devices for agent state and login, which name none) showing the effect.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEVICES_CHANNEL } from '../../shared/channels';
import { deviceIdFromUri } from '../../shared/deviceReference';
import { isObject } from '../../shared/isObject';
import { digitsOf } from '../../shared/participants';
import { AGENT_STATES } from './agentStates';
import type { ConfirmationTarget, NotificationConfirmation, ReadBackConfirmation } from './confirmations';

type DeviceTest = (device: IDataObject, target: ConfirmationTarget) => boolean;


function deviceNotification(summary: string, test: DeviceTest): NotificationConfirmation {
	return {
		by: 'notification',
		channel: DEVICES_CHANNEL,
		summary: `DeviceStateChangeMessage ${summary}`,
		matches(n, target) {
			if (n.channel !== DEVICES_CHANNEL || !Array.isArray(n.data?.devices)) return false;
			const deviceId = target.values.deviceId;
			return (n.data.devices as unknown[]).some(
				(device) => isObject(device) && (deviceId === undefined || device.id === deviceId) && test(device, target),
			);
		},
	};
}

/** The agent state that was set (https://docs.genesys.com/Documentation/GWS/8.6.0/API/AgentStateReady and siblings). */
export const agentStateSet = deviceNotification('with the new userState', (device, target) => {
	const wanted = AGENT_STATES.find((s) => s.value === target.values.agentState);
	const userState = isObject(device.userState) ? device.userState : {};
	if (!wanted || userState.state !== wanted.state) return false;
	return wanted.workMode === undefined || userState.workMode === wanted.workMode;
});

/**
 * StartContactCenterSession: read back, the device shows the agent logged in. Its page shows only the HTTP answer (no
 * notification, no state), so any userState but the logged-out one confirms (docs/FIDELITY.md part 2, C3).
 */
export const loggedIn: ReadBackConfirmation = {
	by: 'readBack',
	summary: 'Read back: the device shows the agent logged in, a userState other than LoggedOut (GWS documents no notification for it)',
	reads: 'devices',
	shows: (read) =>
		Array.isArray(read?.devices) &&
		read.devices.some((d) => isObject(d) && isObject(d.userState) && typeof d.userState.state === 'string' && d.userState.state !== 'LoggedOut'),
};

/** DoNotDisturbOn / Off (https://docs.genesys.com/Documentation/HTCC/latest/API/AgentStateDoNotDisturbOn). */
export function doNotDisturb(value: 'On' | 'Off'): NotificationConfirmation {
	return deviceNotification(`with doNotDisturb ${value}`, (device) => device.doNotDisturb === value);
}

/** ForwardCallsOn: forwardTo shows the destination (https://docs.genesys.com/Documentation/GWS/latest/API/ForwardCallsOn). */
export const forwardingOn = deviceNotification('with forwardTo the destination', (device, target) => {
	const wanted = String(target.values.destination ?? '');
	const shown = typeof device.forwardTo === 'string' ? device.forwardTo : '';
	return shown !== '' && (shown === wanted || (digitsOf(shown) !== '' && digitsOf(shown) === digitsOf(wanted)));
});

/** ForwardCallsOff: forwardTo is gone. */
export const forwardingOff = deviceNotification(
	'without forwardTo',
	(device) => device.forwardTo === undefined || device.forwardTo === null || device.forwardTo === '',
);

/**
 * ListenIn / Coach / BargeIn: supervisorMonitoringState shows the mode, the target device (compared by its id: GWS
 * may print another host than the Base URL) and the scope and mode sent, when sent
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorListenIn).
 */
export function monitoringSet(state: 'ListenIn' | 'Coach' | 'BargeIn'): NotificationConfirmation {
	return deviceNotification(`with supervisorMonitoringState ${state} on the target`, (device, target) => {
		const monitoring = device.supervisorMonitoringState;
		if (!isObject(monitoring) || monitoring.state !== state) return false;
		if (deviceIdFromUri(monitoring.targetDeviceUri) !== deviceIdFromUri(target.values.targetDeviceUri)) return false;
		const { supervisorMonitoringScope: scope, supervisorMonitoringMode: mode } = target.values;
		return (scope === undefined || monitoring.scope === scope) && (mode === undefined || monitoring.mode === mode);
	});
}

/** CancelSupervisorMonitoring: the device has no supervisorMonitoringState any more (the SupervisorCancelMonitoring page). */
export const monitoringCancelled = deviceNotification(
	'without supervisorMonitoringState',
	(device) => device.supervisorMonitoringState === undefined || device.supervisorMonitoringState === null,
);
