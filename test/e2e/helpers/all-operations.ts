/**
 * Workflows that use every operation of the Genesys GWS action node, started by a production webhook, with the
 * exact request bodies the simulator must receive, in order. Three chains:
 * - inbound: one ringing inbound call taken through answer, user data, DTMF, recording, hold, conferences, mute;
 *   plus a second call (delivered through a queue) that is rejected;
 * - outbound: dials, swap and merge of two calls, two-step and single-step transfer, agent state and devices;
 * - supervisor: the agent's DND and forwarding, the supervisor's monitoring settings, a monitored call switched,
 *   muted and hung up, its disposition after the hang-up, wrap-up time, and the agent's logout and login.
 * State-changing steps use "Wait for Confirmation" so each request goes out after GWS confirmed the previous one
 * (and the real n8n's CometD path is exercised by the action node too).
 */
import type { WorkflowJson } from '../../../scripts/lib/n8n-rest';
import { actionNode, chain, webhookNode, type WfNode } from './workflows';

export interface Step {
	name: string;
	operation: string;
	resource?: 'call' | 'agent' | 'supervisor';
	/** Run with the supervisor's credential (default: the agent's). */
	asSupervisor?: boolean;
	/** Expression for the call id; default: the webhook's first call. */
	callId?: string | null;
	params?: Record<string, unknown>;
	wait?: boolean;
	/** The body GWS must receive (undefined: a GET, no body). `$SIM`, `$CALL`, `$DEVICE` are replaced when checked. */
	body?: Record<string, unknown>;
}

const WEBHOOK_CALL = "={{ $('Webhook').item.json.body.callId }}";
const WEBHOOK_QUEUED = "={{ $('Webhook').item.json.body.queuedCallId }}";
const FROM_PREVIOUS = '={{ $json.call.id }}';
const node = (name: string) => `={{ $('${name}').item.json.call.id }}`;

export const INBOUND_STEPS: Step[] = [
	{ name: 'Answer', operation: 'answer', wait: true, body: { operationName: 'Answer' } },
	{ name: 'Attach', operation: 'attachUserData', params: { userData: '{"CaseNumber": "12345"}' }, wait: true, body: { operationName: 'AttachUserData', userData: { CaseNumber: '12345' } } },
	{ name: 'Update', operation: 'updateUserData', params: { userData: '={{ { "CaseNumber": "67890", "Priority": 2 } }}' }, wait: true, body: { operationName: 'UpdateUserData', userData: { CaseNumber: '67890', Priority: 2 } } },
	{ name: 'Delete pair', operation: 'deleteUserDataPair', params: { key: 'Priority' }, wait: true, body: { operationName: 'DeleteUserDataPair', key: 'Priority' } },
	{ name: 'Delete all', operation: 'deleteUserData', wait: true, body: { operationName: 'DeleteUserData' } },
	{ name: 'DTMF', operation: 'sendDtmf', params: { digits: '12#' }, body: { operationName: 'SendDtmf', digits: '12#' } },
	{ name: 'Record', operation: 'startCallRecording', wait: true, body: { operationName: 'StartCallRecording' } },
	{ name: 'Pause recording', operation: 'pauseCallRecording', wait: true, body: { operationName: 'PauseCallRecording' } },
	{ name: 'Resume recording', operation: 'resumeCallRecording', wait: true, body: { operationName: 'ResumeCallRecording' } },
	{ name: 'Stop recording', operation: 'stopCallRecording', wait: true, body: { operationName: 'StopCallRecording' } },
	{ name: 'Hold', operation: 'hold', wait: true, body: { operationName: 'Hold' } },
	{ name: 'Retrieve', operation: 'retrieve', wait: true, body: { operationName: 'Retrieve' } },
	{ name: 'Get', operation: 'get' },
	{ name: 'Get all', operation: 'getAll', callId: null },
	{ name: 'Conference 5550199', operation: 'singleStepConference', params: { destination: '5550199' }, wait: true, body: { operationName: 'SingleStepConference', destination: { phoneNumber: '5550199' } } },
	// GWS offers MuteCall on conferences (docs/FIDELITY.md): mute while 5550199 is conferenced in.
	{ name: 'Mute', operation: 'muteCall', wait: true, body: { operationName: 'MuteCall' } },
	{ name: 'Unmute', operation: 'unmuteCall', wait: true, body: { operationName: 'UnmuteCall' } },
	{ name: 'Remove 5550199', operation: 'removeParticipantFromConference', params: { participant: '5550199' }, wait: true, body: { operationName: 'RemoveParticipantFromConference', participant: '5550199' } },
	{ name: 'Consult 5550300', operation: 'initiateConference', params: { destination: '5550300' }, wait: true, body: { operationName: 'InitiateConference', destination: { phoneNumber: '5550300' } } },
	{ name: 'Complete conference', operation: 'completeConference', callId: FROM_PREVIOUS, wait: true, body: { operationName: 'CompleteConference' } },
	{ name: 'Clear call', operation: 'clearCall', wait: true, body: { operationName: 'ClearCall' } },
	{ name: 'Reject queued call', operation: 'reject', callId: WEBHOOK_QUEUED, wait: true, body: { operationName: 'Reject' } },
];

export const OUTBOUND_STEPS: Step[] = [
	{ name: 'Dial A', operation: 'dial', callId: null, params: { destination: '5550500' }, wait: true, body: { operationName: 'Dial', destination: { phoneNumber: '5550500' } } },
	{ name: 'Hold A', operation: 'hold', callId: node('Dial A'), wait: true, body: { operationName: 'Hold' } },
	{ name: 'Dial B', operation: 'dial', callId: null, params: { destination: '5550600', userData: '{"Leg": "B"}' }, wait: true, body: { operationName: 'Dial', destination: { phoneNumber: '5550600' }, userData: { Leg: 'B' } } },
	{ name: 'Swap', operation: 'swapCalls', callId: node('Dial B'), params: { otherCallUri: "={{ $('Dial A').item.json.call.id }}" }, wait: true, body: { operationName: 'SwapCalls', otherCallUri: '$SIM/api/v2/me/calls/$A' } },
	{ name: 'Merge', operation: 'mergeWithOtherCall', callId: node('Dial A'), params: { otherCallUri: "={{ $('Dial B').item.json.call.id }}" }, wait: true, body: { operationName: 'MergeWithOtherCall', otherCallUri: '$SIM/api/v2/me/calls/$B' } },
	{ name: 'Hang up A', operation: 'hangup', callId: node('Dial A'), wait: true, body: { operationName: 'Hangup' } },
	{ name: 'Dial C', operation: 'dial', callId: null, params: { destination: '5550700' }, wait: true, body: { operationName: 'Dial', destination: { phoneNumber: '5550700' } } },
	{ name: 'Transfer consult', operation: 'initiateTransfer', callId: node('Dial C'), params: { destination: '5550800' }, wait: true, body: { operationName: 'InitiateTransfer', destination: { phoneNumber: '5550800' } } },
	{ name: 'Complete transfer', operation: 'completeTransfer', callId: FROM_PREVIOUS, wait: true, body: { operationName: 'CompleteTransfer' } },
	{ name: 'Dial D', operation: 'dial', callId: null, params: { destination: '5550900' }, wait: true, body: { operationName: 'Dial', destination: { phoneNumber: '5550900' } } },
	{ name: 'Blind transfer D', operation: 'singleStepTransfer', callId: node('Dial D'), params: { destination: '5551000', location: 'SiteB' }, wait: true, body: { operationName: 'SingleStepTransfer', destination: { phoneNumber: '5551000' }, location: 'SiteB' } },
	{ name: 'Not ready', operation: 'setState', resource: 'agent', callId: null, params: { agentState: 'NotReady' }, body: { operationName: 'NotReady' } },
	{ name: 'After call work', operation: 'setState', resource: 'agent', callId: null, params: { agentState: 'AfterCallWork' }, body: { operationName: 'AfterCallWork' } },
	{ name: 'Ready', operation: 'setState', resource: 'agent', callId: null, params: { agentState: 'Ready' }, body: { operationName: 'Ready' } },
	{ name: 'Devices', operation: 'getDevices', resource: 'agent', callId: null },
];

const TO_AGENT = "={{ $('Webhook').item.json.body.agentDeviceUri }}";
const SUPERVISED = { resource: 'supervisor' as const, asSupervisor: true };
const MONITORED_CALL = { ...SUPERVISED, callId: WEBHOOK_CALL };

/** Webhook body: callId (ringing at agent1), agentDeviceUri (agent1's device). */
export const SUPERVISOR_STEPS: Step[] = [
	{ name: 'DND on', operation: 'doNotDisturbOn', resource: 'agent', callId: null, wait: true, body: { operationName: 'DoNotDisturbOn' } },
	{ name: 'DND off', operation: 'doNotDisturbOff', resource: 'agent', callId: null, wait: true, body: { operationName: 'DoNotDisturbOff' } },
	{ name: 'Forward on', operation: 'forwardCallsOn', resource: 'agent', callId: null, params: { destination: '5559999' }, wait: true, body: { operationName: 'ForwardCallsOn', destination: '5559999' } },
	{ name: 'Forward off', operation: 'forwardCallsOff', resource: 'agent', callId: null, wait: true, body: { operationName: 'ForwardCallsOff' } },
	{ name: 'Coach', operation: 'coach', ...SUPERVISED, callId: null, params: { targetDeviceUri: TO_AGENT }, wait: true, body: { operationName: 'Coach', targetDeviceUri: '$DEVICE' } },
	{ name: 'Barge in setting', operation: 'bargeIn', ...SUPERVISED, callId: null, params: { targetDeviceUri: TO_AGENT, supervisorMonitoringScope: 'Agent' }, wait: true, body: { operationName: 'BargeIn', targetDeviceUri: '$DEVICE', supervisorMonitoringScope: 'Agent' } },
	{
		name: 'Listen in',
		operation: 'listenIn',
		...SUPERVISED,
		callId: null,
		params: { targetDeviceUri: TO_AGENT, supervisorMonitoringScope: 'Call', supervisorMonitoringMode: 'NextCall', phoneNumber: '15000' },
		wait: true,
		body: { operationName: 'ListenIn', targetDeviceUri: '$DEVICE', supervisorMonitoringScope: 'Call', supervisorMonitoringMode: 'NextCall', phoneNumber: '15000' },
	},
	{ name: 'Answer', operation: 'answer', wait: true, body: { operationName: 'Answer' } },
	{ name: 'Switch to barge in', operation: 'switchToBargeIn', ...MONITORED_CALL, wait: true, body: { operationName: 'SwitchToBargeIn' } },
	{ name: 'Switch to listen in', operation: 'switchToListenIn', ...MONITORED_CALL, wait: true, body: { operationName: 'SwitchToListenIn' } },
	{ name: 'Mute agent', operation: 'muteMonitoredUser', ...MONITORED_CALL, wait: true, body: { operationName: 'MuteMonitoredUser' } },
	{ name: 'Unmute agent', operation: 'unmuteMonitoredUser', ...MONITORED_CALL, wait: true, body: { operationName: 'UnmuteMonitoredUser' } },
	{ name: 'Cancel monitoring', operation: 'cancelMonitoring', ...SUPERVISED, callId: null, wait: true, body: { operationName: 'CancelSupervisorMonitoring' } },
	{ name: 'Hang up', operation: 'hangup', wait: true, body: { operationName: 'Hangup' } },
	// After the hang-up (GWS answers 404 for the call now): callUri and callUuid from the Released call in the item.
	{ name: 'Disposition', operation: 'setCallDisposition', callId: FROM_PREVIOUS, params: { disposition: 'Sale' }, body: { operationName: 'SetCallDisposition', callUri: '$SIM/api/v2/me/calls/$CALL', callUuid: '$CALL', disposition: 'Sale' } },
	{ name: 'Wrap-up', operation: 'setState', resource: 'agent', callId: null, params: { agentState: 'AfterCallWork', wrapUpTime: '30' }, wait: true, body: { operationName: 'AfterCallWork', wrapUpTime: '30' } },
	{ name: 'Log out', operation: 'endSession', resource: 'agent', callId: null, body: { operationName: 'EndContactCenterSession' } },
	{ name: 'Log in', operation: 'startSession', resource: 'agent', callId: null, params: { place: 'Place_15000' }, wait: true, body: { operationName: 'StartContactCenterSession', channels: ['voice'], place: 'Place_15000' } },
];

/** Every operation value the chains use, to compare with the node's own list. */
export function operationsUsed(): string[] {
	return [...new Set([...INBOUND_STEPS, ...OUTBOUND_STEPS, ...SUPERVISOR_STEPS].map((s) => s.operation))].sort();
}

type CredentialRef = { id: string; name: string };

export function stepsWorkflow(
	name: string,
	webhookPath: string,
	steps: Step[],
	credentials: { agent: CredentialRef; supervisor: CredentialRef },
): WorkflowJson {
	const nodes: WfNode[] = [webhookNode(webhookPath)];
	for (const step of steps) {
		const parameters: Record<string, unknown> = { resource: step.resource ?? 'call', operation: step.operation, ...step.params };
		if (step.callId !== null) parameters.callId = step.callId ?? WEBHOOK_CALL;
		if (step.wait) parameters.options = { waitForConfirmation: true };
		const credential = step.asSupervisor ? credentials.supervisor : credentials.agent;
		// executeOnce: reads that return several items (getAll) must not multiply the steps after them.
		nodes.push({ ...actionNode(step.name, credential, parameters), executeOnce: true });
	}
	return chain(name, nodes);
}
