/**
 * The supervisor resource's operations: monitoring set on the supervisor's own device against an agent's device,
 * and the operations on a monitored call as the supervisor has it
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorListenIn and the pages docs/FIDELITY.md M1-M14
 * name). The user of the credential must have the supervisor role.
 */
import { monitoredUserMuted, switchedTo } from './confirmations';
import { monitoringCancelled, monitoringSet } from './deviceConfirmations';
import { callOp, deviceOp, opt, req, type GwsOperation } from './operationBuilders';

const monitoringParams = [
	req('targetDeviceUri'),
	opt('supervisorMonitoringScope'),
	opt('supervisorMonitoringMode'),
	opt('phoneNumber'),
];

export const SUPERVISOR_OPERATIONS: GwsOperation[] = [
	deviceOp(
		'supervisor',
		'listenIn',
		'ListenIn',
		'Listen In',
		"Monitor an agent's calls silently: nobody hears you",
		monitoringParams,
		monitoringSet('ListenIn'),
	),
	deviceOp(
		'supervisor',
		'coach',
		'Coach',
		'Coach',
		"Monitor an agent's calls as their coach: only the agent hears you",
		monitoringParams,
		monitoringSet('Coach'),
	),
	deviceOp(
		'supervisor',
		'bargeIn',
		'BargeIn',
		'Barge In',
		"Monitor an agent's calls by joining them: everybody hears you",
		monitoringParams,
		monitoringSet('BargeIn'),
	),
	deviceOp(
		'supervisor',
		'cancelMonitoring',
		'CancelSupervisorMonitoring',
		'Cancel Monitoring',
		'Stop monitoring (a call you are on goes on; later calls are no longer delivered)',
		[],
		monitoringCancelled,
	),
	callOp(
		'switchToListenIn',
		'SwitchToListenIn',
		'Switch to Listen In',
		'On a monitored call you barged in on: become silent again',
		[],
		switchedTo('ListenIn'),
		'supervisor',
	),
	callOp(
		'switchToBargeIn',
		'SwitchToBargeIn',
		'Switch to Barge In',
		'On a monitored call you listen in on or coach: let everybody hear you',
		[],
		switchedTo('BargeIn'),
		'supervisor',
	),
	// GWS accepts these on the supervisor's call although no call lists them (docs/FIDELITY.md C12, M11): no
	// capability pre-check.
	{
		...callOp(
			'muteMonitoredUser',
			'MuteMonitoredUser',
			'Mute Monitored User',
			'On a monitored call: mute the agent, to take the call over',
			[],
			monitoredUserMuted(true),
			'supervisor',
		),
		capability: undefined,
	},
	{
		...callOp(
			'unmuteMonitoredUser',
			'UnmuteMonitoredUser',
			'Unmute Monitored User',
			'On a monitored call: let the agent be heard again',
			[],
			monitoredUserMuted(false),
			'supervisor',
		),
		capability: undefined,
	},
];
