/**
 * The supervisor resource's operations: monitoring set on the supervisor's own device against an agent's device,
 * and the operations on a monitored call as the supervisor has it
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorListenIn and the pages docs/FIDELITY.md M1-M14
 * name). The user of the credential must have the supervisor role.
 */
import { monitoredUserMuted, switchedTo } from './confirmations';
import { monitoringCancelled, monitoringSet } from './deviceConfirmations';
import { callOperation, deviceOperation, opt, req, type GwsOperation } from './operationBuilders';

const monitoringParams = [
	req('targetDeviceUri'),
	opt('supervisorMonitoringScope'),
	opt('supervisorMonitoringMode'),
	opt('phoneNumber'),
];

export const SUPERVISOR_OPERATIONS: GwsOperation[] = [
	deviceOperation({
		resource: 'supervisor',
		value: 'listenIn',
		name: 'Listen In',
		description: "Monitor an agent's calls silently: nobody hears you",
		toolDescription:
			'Supervisor: listen in silently on an agent\'s calls (nobody hears you). Needs targetDeviceUri (the agent\'s device). Returns {"statusCode": 0} once GWS accepted it; the agent\'s calls then reach you muted.',
		operationName: 'ListenIn',
		capability: 'ListenIn',
		params: monitoringParams,
		confirmation: monitoringSet('ListenIn'),
	}),
	deviceOperation({
		resource: 'supervisor',
		value: 'coach',
		name: 'Coach',
		description: "Monitor an agent's calls as their coach: only the agent hears you",
		toolDescription:
			'Supervisor: coach an agent on their calls (only the agent hears you). Needs targetDeviceUri (the agent\'s device). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'Coach',
		capability: 'Coach',
		params: monitoringParams,
		confirmation: monitoringSet('Coach'),
	}),
	deviceOperation({
		resource: 'supervisor',
		value: 'bargeIn',
		name: 'Barge In',
		description: "Monitor an agent's calls by joining them: everybody hears you",
		toolDescription:
			'Supervisor: barge in on an agent\'s calls (everybody hears you). Needs targetDeviceUri (the agent\'s device). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'BargeIn',
		capability: 'BargeIn',
		params: monitoringParams,
		confirmation: monitoringSet('BargeIn'),
	}),
	deviceOperation({
		resource: 'supervisor',
		value: 'cancelMonitoring',
		name: 'Cancel Monitoring',
		description: 'Stop monitoring (a call you are on goes on; later calls are no longer delivered)',
		toolDescription:
			'Supervisor: stop monitoring the agent you listen in on, coach or barge in on. Needs nothing. Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'CancelSupervisorMonitoring',
		capability: 'CancelSupervisorMonitoring',
		confirmation: monitoringCancelled,
	}),
	callOperation({
		resource: 'supervisor',
		value: 'switchToListenIn',
		name: 'Switch to Listen In',
		description: 'On a monitored call you barged in on or coach: become silent (listen in)',
		toolDescription:
			'Supervisor: on a monitored call you barged in on or coach, become silent (listen in). Needs callId (the monitored call). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'SwitchToListenIn',
		capability: 'SwitchToListenIn',
		confirmation: switchedTo('ListenIn'),
	}),
	callOperation({
		resource: 'supervisor',
		value: 'switchToBargeIn',
		name: 'Switch to Barge In',
		description: 'On a monitored call you listen in on or coach: let everybody hear you',
		toolDescription:
			'Supervisor: on a monitored call you listen in on or coach, let everybody hear you. Needs callId (the monitored call). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'SwitchToBargeIn',
		capability: 'SwitchToBargeIn',
		confirmation: switchedTo('BargeIn'),
	}),
	callOperation({
		resource: 'supervisor',
		value: 'muteMonitoredUser',
		name: 'Mute Monitored User',
		description: 'On a monitored call: mute the agent, to take the call over',
		toolDescription:
			'Supervisor: on a monitored call, mute the agent to take the call over. Needs callId (the monitored call). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'MuteMonitoredUser',
		// GWS accepts it on the supervisor's call although no call lists it (docs/FIDELITY.md C12, M11).
		capability: null,
		confirmation: monitoredUserMuted(true),
	}),
	callOperation({
		resource: 'supervisor',
		value: 'unmuteMonitoredUser',
		name: 'Unmute Monitored User',
		description: 'On a monitored call: let the agent be heard again',
		toolDescription:
			'Supervisor: on a monitored call, let the agent be heard again. Needs callId (the monitored call). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'UnmuteMonitoredUser',
		// As Mute Monitored User: accepted although no call lists it (docs/FIDELITY.md C12, M11).
		capability: null,
		confirmation: monitoredUserMuted(false),
	}),
];
