/**
 * THE table of operations. It generates the node's properties (versionDescription.ts), drives validation and
 * request building (execute.ts) and the README table (operationsMarkdown.ts). Wire names follow
 * CallControl.txt, the four conference pages and GWS-API.md §5-6.
 */

export type GwsResource = 'call' | 'agent';

/** Every user-facing parameter an operation may take (the node property names; a saved-workflow contract). */
export type ParamName =
	| 'callId'
	| 'deviceId'
	| 'destination'
	| 'location'
	| 'consultCallUri'
	| 'otherCallUri'
	| 'participant'
	| 'digits'
	| 'key'
	| 'userData'
	| 'agentState';

export interface ParamUse {
	name: ParamName;
	required: boolean;
}

/** How the request is built and sent; one generic executor per kind. */
export type OperationKind =
	| 'callOperation' // POST /api/v2/me/calls/{callId} {operationName, ...}
	| 'dial' // POST /api/v2/me/devices/{deviceId}/calls {operationName: "Dial", ...}
	| 'get' // GET /api/v2/me/calls/{callId}
	| 'getAll' // GET /api/v2/me/calls
	| 'agentState' // POST /api/v2/me/channels/voice {operationName: Ready | NotReady | AfterCallWork}
	| 'getDevices'; // GET /api/v2/me/devices

export const CALLS_CHANNEL = '/v2/me/calls';
export const DEVICES_CHANNEL = '/v2/me/devices';

/** The CometD notification that confirms an operation took effect (GWS answers 200 on acceptance only). */
export interface Confirmation {
	channel: typeof CALLS_CHANNEL | typeof DEVICES_CHANNEL;
	/** data.notificationType of a CallStateChangeMessage. */
	notificationType?:
		| 'StatusChange'
		| 'ParticipantsUpdated'
		| 'AttachedDataChanged'
		| 'CallRecordingStateChange';
	/**
	 * Which call the notification is about: `same` = the callId; `consult` = a new Consult call whose parent is
	 * the callId (InitiateConference/InitiateTransfer page: the user needs that call's id for the Complete step);
	 * `new` = any call of this user in `state` (Dial: the id is not known before); `parentOrSame` = the
	 * consult call's parent when the operation runs on a consult call (CompleteConference page: posted on the
	 * consult call, the parent gets ParticipantsUpdated), else the call itself.
	 */
	call?: 'same' | 'consult' | 'new' | 'parentOrSame';
	/** call.state to wait for. */
	state?: string;
	/** call.recordingState to wait for. */
	recordingState?: string;
	/** call.mute to wait for ("On" / "Off"). */
	mute?: string;
	/** For the README. */
	summary: string;
}

export interface GwsOperation {
	/** The `operation` parameter value (contract). */
	value: string;
	resource: GwsResource;
	/** Dropdown name. */
	name: string;
	/** Dropdown action text (n8n shows it in the nodes panel). */
	action: string;
	description: string;
	kind: OperationKind;
	/** GWS operationName (agent setState takes it from the agentState parameter). */
	operationName?: string;
	params: ParamUse[];
	confirmation?: Confirmation;
	/** GWS capability the call must list for this operation (capability pre-check). */
	capability?: string;
}

const req = (name: ParamName): ParamUse => ({ name, required: true });
const opt = (name: ParamName): ParamUse => ({ name, required: false });

const onCall = (
	notificationType: Confirmation['notificationType'],
	extra: Partial<Confirmation>,
	summary: string,
) =>
	({ channel: CALLS_CHANNEL, notificationType, call: 'same', summary, ...extra }) as Confirmation;

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

const released = (what: string) =>
	onCall('StatusChange', { state: 'Released' }, `StatusChange, ${what} Released`);
const recording = (state: string) =>
	onCall(
		'CallRecordingStateChange',
		{ recordingState: state },
		`CallRecordingStateChange, recordingState ${state}`,
	);
const attachedData = onCall('AttachedDataChanged', {}, 'AttachedDataChanged');
const participantsUpdated = onCall('ParticipantsUpdated', {}, 'ParticipantsUpdated');
const consultDialing: Confirmation = {
	channel: CALLS_CHANNEL,
	notificationType: 'StatusChange',
	call: 'consult',
	state: 'Dialing',
	summary: 'StatusChange, new Consult call Dialing (its id is in the output)',
};

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
		confirmation: {
			channel: CALLS_CHANNEL,
			notificationType: 'StatusChange',
			call: 'new',
			state: 'Dialing',
			summary: 'StatusChange, new call Dialing',
		},
	},
	callOp(
		'answer',
		'Answer',
		'Answer',
		'Answer a ringing call',
		[],
		onCall('StatusChange', { state: 'Established' }, 'StatusChange, Established'),
	),
	callOp('hangup', 'Hangup', 'Hang Up', 'Release a call', [], released('call')),
	callOp(
		'reject',
		'Reject',
		'Reject',
		'Reject a ringing call delivered through a queue (it goes back to the queue)',
		[],
		released('call'),
	),
	callOp(
		'hold',
		'Hold',
		'Hold',
		'Place a call on hold',
		[],
		onCall('StatusChange', { state: 'Held' }, 'StatusChange, Held'),
	),
	callOp(
		'retrieve',
		'Retrieve',
		'Retrieve',
		'Retrieve a call from hold',
		[],
		onCall('StatusChange', { state: 'Established' }, 'StatusChange, Established'),
	),
	callOp(
		'singleStepTransfer',
		'SingleStepTransfer',
		'Single Step Transfer',
		'Transfer a call to a number in one step',
		[req('destination'), opt('location'), opt('userData')],
		released('original call'),
	),
	callOp(
		'singleStepConference',
		'SingleStepConference',
		'Single Step Conference',
		'Add a party to a call in one step',
		[req('destination'), opt('location'), opt('userData')],
		participantsUpdated,
	),
	callOp(
		'initiateConference',
		'InitiateConference',
		'Initiate Conference',
		'Hold the call and dial the party to conference in (finish with Complete Conference)',
		[req('destination'), opt('location'), opt('userData')],
		consultDialing,
	),
	callOp(
		'completeConference',
		'CompleteConference',
		'Complete Conference',
		'Bring the consulted party into the original call (run on the consult call, or on the original call with Consult Call set)',
		[opt('consultCallUri')],
		{
			...participantsUpdated,
			call: 'parentOrSame',
			summary: 'ParticipantsUpdated on the original call',
		},
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
	callOp(
		'muteCall',
		'MuteCall',
		'Mute',
		'Mute a call',
		[],
		onCall('StatusChange', { mute: 'On' }, 'StatusChange, mute On'),
	),
	callOp(
		'unmuteCall',
		'UnmuteCall',
		'Unmute',
		'Unmute a call',
		[],
		onCall('StatusChange', { mute: 'Off' }, 'StatusChange, mute Off'),
	),
	callOp(
		'swapCalls',
		'SwapCalls',
		'Swap Calls',
		'Hold this call and retrieve the other call',
		[req('otherCallUri')],
		onCall('StatusChange', { state: 'Held' }, 'StatusChange, this call Held'),
	),
	callOp(
		'mergeWithOtherCall',
		'MergeWithOtherCall',
		'Merge With Other Call',
		'Merge this call with the other call',
		[req('otherCallUri')],
		participantsUpdated,
	),
	callOp(
		'initiateTransfer',
		'InitiateTransfer',
		'Initiate Transfer',
		'Hold the call and dial the transfer target (finish with Complete Transfer)',
		[req('destination'), opt('location'), opt('userData')],
		consultDialing,
	),
	callOp(
		'completeTransfer',
		'CompleteTransfer',
		'Complete Transfer',
		'Complete a two-step transfer (run on the consult call, or on the original call with Consult Call set)',
		[opt('consultCallUri')],
		released('original call'),
	),
	callOp(
		'attachUserData',
		'AttachUserData',
		'Attach User Data',
		'Attach key/value data to a call (GWS duplicates keys that exist; prefer Update User Data)',
		[req('userData')],
		attachedData,
	),
	callOp(
		'updateUserData',
		'UpdateUserData',
		'Update User Data',
		'Add or replace key/value pairs of a call',
		[req('userData')],
		attachedData,
	),
	callOp(
		'deleteUserDataPair',
		'DeleteUserDataPair',
		'Delete User Data Pair',
		'Delete one key of the call data',
		[req('key')],
		attachedData,
	),
	callOp(
		'deleteUserData',
		'DeleteUserData',
		'Delete All User Data',
		'Delete all key/value data of a call',
		[],
		attachedData,
	),
	// ClearCall and StartCallRecording are accepted by GWS but the vendor pages' capability lists never show
	// them, so the capability pre-check does not apply to them.
	{
		...callOp(
			'clearCall',
			'ClearCall',
			'Clear Call',
			'End a conference call for all parties',
			[],
			released('call'),
		),
		capability: undefined,
	},
	{
		...callOp(
			'startCallRecording',
			'StartCallRecording',
			'Start Recording',
			'Start recording a call',
			[],
			recording('Recording'),
		),
		capability: undefined,
	},
	callOp(
		'pauseCallRecording',
		'PauseCallRecording',
		'Pause Recording',
		'Pause the recording of a call',
		[],
		recording('Paused'),
	),
	callOp(
		'resumeCallRecording',
		'ResumeCallRecording',
		'Resume Recording',
		'Resume a paused recording',
		[],
		recording('Recording'),
	),
	callOp(
		'stopCallRecording',
		'StopCallRecording',
		'Stop Recording',
		'Stop recording a call',
		[],
		recording('Stopped'),
	),
	{
		value: 'get',
		resource: 'call',
		name: 'Get',
		action: 'Get a call',
		description: 'Read a call as it stands: state, participants, user data, capabilities',
		kind: 'get',
		params: [req('callId')],
	},
	{
		value: 'getAll',
		resource: 'call',
		name: 'Get Many',
		action: 'Get many calls',
		description: "Read all of the user's active calls (one item per call)",
		kind: 'getAll',
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
		confirmation: {
			channel: DEVICES_CHANNEL,
			summary: 'DeviceStateChangeMessage with the new userState',
		},
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

/** Agent states of the setState operation: the GWS operationName and the userState it leads to. */
export const AGENT_STATES: Array<{
	value: string;
	name: string;
	state: string;
	workMode?: string;
}> = [
	{ value: 'Ready', name: 'Ready', state: 'Ready' },
	{ value: 'NotReady', name: 'Not Ready', state: 'NotReady' },
	{ value: 'AfterCallWork', name: 'After Call Work', state: 'NotReady', workMode: 'AfterCallWork' },
];

export function findOperation(resource: string, value: string): GwsOperation | undefined {
	return OPERATIONS.find((op) => op.resource === resource && op.value === value);
}
