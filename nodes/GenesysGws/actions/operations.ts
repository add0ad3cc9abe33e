/**
 * THE table of operations. It generates the node's properties (description.ts), drives validation, request
 * building and confirmation (executeOperation.ts) and the README table (scripts/lib/operationsMarkdown.ts).
 * Wire names follow GWS API v2's call control table and conference pages; docs/FIDELITY.md names the page
 * behind each behaviour.
 */
import {
	agentStateSet,
	callHeldBySwap,
	callMute,
	callReleased,
	callState,
	newCallDialing,
	newConsultCallDialing,
	otherCallMerged,
	participantsUpdated,
	participantsUpdatedOnOriginal,
	recordingState,
	userDataChanged,
	type Confirmation,
} from './confirmations';
import type { ParamName } from './parameters/catalog';
import type { ParamUse } from './parameters/readParameters';
import type { RequestKindName } from './requestKinds';

export type GwsResource = 'call' | 'agent';

export interface GwsOperation {
	/** The `operation` parameter value (contract). */
	value: string;
	resource: GwsResource;
	/** Dropdown name. */
	name: string;
	/** Dropdown action text (n8n shows it in the nodes panel). */
	action: string;
	description: string;
	/** How the request is made (requestKinds.ts). */
	kind: RequestKindName;
	/** GWS operationName (Set State takes it from the agentState parameter). */
	operationName?: string;
	params: ParamUse[];
	confirmation?: Confirmation;
	/** GWS capability the call must list for this operation (capability pre-check). */
	capability?: string;
}

const req = (name: ParamName): ParamUse => ({ name, required: true });
const opt = (name: ParamName): ParamUse => ({ name, required: false });

/** A POST /api/v2/me/calls/{id} operation whose capability name is its operationName. */
function callOp(
	value: string,
	operationName: string,
	name: string,
	description: string,
	params: ParamUse[],
	confirmation?: Confirmation,
): GwsOperation {
	return {
		value,
		resource: 'call',
		name,
		// Sentence case, as n8n shows actions in the nodes panel: "Single step conference".
		action: name.charAt(0) + name.slice(1).toLowerCase(),
		description,
		kind: 'callOperation',
		operationName,
		params: [req('callId'), ...params],
		confirmation,
		capability: operationName,
	};
}

const toNumber = [req('destination'), opt('location'), opt('userData')];

export const OPERATIONS: GwsOperation[] = [
	{
		value: 'dial',
		resource: 'call',
		name: 'Dial',
		action: 'Dial a number',
		description: 'Make a new call from one of your devices',
		kind: 'dial',
		operationName: 'Dial',
		params: [opt('deviceId'), req('destination'), opt('location'), opt('userData')],
		confirmation: newCallDialing,
	},
	callOp('answer', 'Answer', 'Answer', 'Answer a ringing call', [], callState('Established')),
	callOp('hangup', 'Hangup', 'Hang Up', 'Release a call', [], callReleased('call')),
	callOp(
		'reject',
		'Reject',
		'Reject',
		'Reject a ringing call delivered through a queue (it goes back to the queue)',
		[],
		callReleased('call'),
	),
	callOp('hold', 'Hold', 'Hold', 'Place a call on hold', [], callState('Held')),
	callOp('retrieve', 'Retrieve', 'Retrieve', 'Retrieve a call from hold', [], callState('Established')),
	callOp(
		'singleStepTransfer',
		'SingleStepTransfer',
		'Single Step Transfer',
		'Transfer a call to a number in one step',
		toNumber,
		callReleased('original call'),
	),
	callOp(
		'singleStepConference',
		'SingleStepConference',
		'Single Step Conference',
		'Add a party to a call in one step',
		toNumber,
		participantsUpdated,
	),
	callOp(
		'initiateConference',
		'InitiateConference',
		'Initiate Conference',
		'Hold the call and dial the party to conference in (finish with Complete Conference)',
		toNumber,
		newConsultCallDialing,
	),
	callOp(
		'completeConference',
		'CompleteConference',
		'Complete Conference',
		'Bring the consulted party into the original call (run on the consult call, or on the original call with Consult Call set)',
		[opt('consultCallUri')],
		participantsUpdatedOnOriginal,
	),
	callOp('sendDtmf', 'SendDtmf', 'Send DTMF', 'Send dial tones for digits', [req('digits')]),
	callOp(
		'removeParticipantFromConference',
		'RemoveParticipantFromConference',
		'Remove Participant From Conference',
		'Remove a party from a conference call',
		[req('participant')],
		participantsUpdated,
	),
	callOp('muteCall', 'MuteCall', 'Mute', 'Mute a call', [], callMute('On')),
	callOp('unmuteCall', 'UnmuteCall', 'Unmute', 'Unmute a call', [], callMute('Off')),
	callOp(
		'swapCalls',
		'SwapCalls',
		'Swap Calls',
		'Hold this call and retrieve the other call',
		[req('otherCallUri')],
		callHeldBySwap,
	),
	callOp(
		'mergeWithOtherCall',
		'MergeWithOtherCall',
		'Merge With Other Call',
		'Merge this call with the other call',
		[req('otherCallUri')],
		otherCallMerged,
	),
	callOp(
		'initiateTransfer',
		'InitiateTransfer',
		'Initiate Transfer',
		'Hold the call and dial the transfer target (finish with Complete Transfer)',
		toNumber,
		newConsultCallDialing,
	),
	callOp(
		'completeTransfer',
		'CompleteTransfer',
		'Complete Transfer',
		'Complete a two-step transfer (run on the consult call, or on the original call with Consult Call set)',
		[opt('consultCallUri')],
		callReleased('original call'),
	),
	callOp(
		'attachUserData',
		'AttachUserData',
		'Attach User Data',
		'Attach key/value data to a call (GWS duplicates keys that exist; prefer Update User Data)',
		[req('userData')],
		userDataChanged,
	),
	callOp(
		'updateUserData',
		'UpdateUserData',
		'Update User Data',
		'Add or replace key/value pairs of a call',
		[req('userData')],
		userDataChanged,
	),
	callOp(
		'deleteUserDataPair',
		'DeleteUserDataPair',
		'Delete User Data Pair',
		'Delete one key of the call data',
		[req('key')],
		userDataChanged,
	),
	callOp(
		'deleteUserData',
		'DeleteUserData',
		'Delete All User Data',
		'Delete all key/value data of a call',
		[],
		userDataChanged,
	),
	// No GWS sample lists ClearCall among a call's capabilities (docs/FIDELITY.md C7, C8), so the capability
	// pre-check does not apply to it: refusing it for a missing capability would refuse it on a real GWS.
	{
		...callOp('clearCall', 'ClearCall', 'Clear Call', 'End a conference call for all parties', [], callReleased('call')),
		capability: undefined,
	},
	callOp(
		'startCallRecording',
		'StartCallRecording',
		'Start Recording',
		'Start recording a call',
		[],
		recordingState('Recording'),
	),
	callOp(
		'pauseCallRecording',
		'PauseCallRecording',
		'Pause Recording',
		'Pause the recording of a call',
		[],
		recordingState('Paused'),
	),
	callOp(
		'resumeCallRecording',
		'ResumeCallRecording',
		'Resume Recording',
		'Resume a paused recording',
		[],
		recordingState('Recording'),
	),
	callOp(
		'stopCallRecording',
		'StopCallRecording',
		'Stop Recording',
		'Stop recording a call',
		[],
		recordingState('Stopped'),
	),
	{
		value: 'get',
		resource: 'call',
		name: 'Get',
		action: 'Get a call',
		description: 'Read a call as it stands: state, participants, user data, capabilities',
		kind: 'getCall',
		params: [req('callId')],
	},
	{
		value: 'getAll',
		resource: 'call',
		name: 'Get Many',
		action: 'Get many calls',
		description: "Read all of the user's active calls (one item per call)",
		kind: 'getCalls',
		params: [],
	},
	{
		value: 'setState',
		resource: 'agent',
		name: 'Set State',
		action: "Set the agent's voice state",
		description: 'Set the agent to Ready, Not Ready or After Call Work on the voice channel',
		kind: 'agentState',
		params: [req('agentState')],
		confirmation: agentStateSet,
	},
	{
		value: 'getDevices',
		resource: 'agent',
		name: 'Get Devices',
		action: "Get the agent's devices",
		description: "Read the user's devices with their agent state (one item per device)",
		kind: 'getDevices',
		params: [],
	},
];

export function findOperation(resource: string, value: string): GwsOperation | undefined {
	return OPERATIONS.find((op) => op.resource === resource && op.value === value);
}
