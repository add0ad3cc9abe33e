/**
 * The call resource's operations on what a call carries (user data, recording, disposition), Clear Call, and the
 * reads, after the call-control ones of callOperations.ts in the table (operations.ts).
 */
import { callReleased, dispositionSet, recordingState, userDataChanged } from './confirmations';
import { callOperation, req, opt, type GwsOperation } from './operationBuilders';

export const CALL_DATA_OPERATIONS: GwsOperation[] = [
	callOperation({
		resource: 'call',
		value: 'attachUserData',
		name: 'Attach User Data',
		description: 'Attach key/value data to a call (GWS duplicates keys that exist; prefer Update User Data)',
		operationName: 'AttachUserData',
		capability: 'AttachUserData',
		params: [req('userData')],
		confirmation: userDataChanged,
	}),
	callOperation({
		resource: 'call',
		value: 'updateUserData',
		name: 'Update User Data',
		description: 'Add or replace key/value pairs of a call',
		operationName: 'UpdateUserData',
		capability: 'UpdateUserData',
		params: [req('userData')],
		confirmation: userDataChanged,
	}),
	callOperation({
		resource: 'call',
		value: 'deleteUserDataPair',
		name: 'Delete User Data Pair',
		description: 'Delete one key of the call data',
		operationName: 'DeleteUserDataPair',
		capability: 'DeleteUserDataPair',
		params: [req('key')],
		confirmation: userDataChanged,
	}),
	callOperation({
		resource: 'call',
		value: 'deleteUserData',
		name: 'Delete All User Data',
		description: 'Delete all key/value data of a call',
		operationName: 'DeleteUserData',
		capability: 'DeleteUserData',
		confirmation: userDataChanged,
	}),
	callOperation({
		resource: 'call',
		value: 'clearCall',
		name: 'Clear Call',
		description: 'End a conference call for all parties',
		operationName: 'ClearCall',
		// No GWS sample lists ClearCall among a call's capabilities (docs/FIDELITY.md C7, C8): refusing it for a
		// missing capability would refuse it on a real GWS.
		capability: null,
		confirmation: callReleased('call'),
	}),
	callOperation({
		resource: 'call',
		value: 'startCallRecording',
		name: 'Start Recording',
		description: 'Start recording a call',
		operationName: 'StartCallRecording',
		capability: 'StartCallRecording',
		confirmation: recordingState('Recording'),
	}),
	callOperation({
		resource: 'call',
		value: 'pauseCallRecording',
		name: 'Pause Recording',
		description: 'Pause the recording of a call',
		operationName: 'PauseCallRecording',
		capability: 'PauseCallRecording',
		confirmation: recordingState('Paused'),
	}),
	callOperation({
		resource: 'call',
		value: 'resumeCallRecording',
		name: 'Resume Recording',
		description: 'Resume a paused recording',
		operationName: 'ResumeCallRecording',
		capability: 'ResumeCallRecording',
		confirmation: recordingState('Recording'),
	}),
	callOperation({
		resource: 'call',
		value: 'stopCallRecording',
		name: 'Stop Recording',
		description: 'Stop recording a call',
		operationName: 'StopCallRecording',
		capability: 'StopCallRecording',
		confirmation: recordingState('Stopped'),
	}),
	callOperation({
		resource: 'call',
		value: 'setCallDisposition',
		name: 'Set Call Disposition',
		description: 'Record the outcome of a call, also after it was released (during after-call work)',
		operationName: 'SetCallDisposition',
		// No call lists SetCallDisposition among its capabilities (docs/FIDELITY.md C12), and it is meant for released
		// calls too. callUri and callUuid are filled from the call (callIdentity.ts).
		capability: null,
		params: [req('disposition'), opt('dispositionKey')],
		confirmation: dispositionSet,
		namesCallInBody: true,
	}),
	{
		value: 'get',
		resource: 'call',
		name: 'Get',
		action: 'Get a call',
		description: 'Read a call as it stands: state, participants, user data, capabilities',
		requestKind: 'getCall',
		params: [req('callId')],
	},
	{
		value: 'getAll',
		resource: 'call',
		name: 'Get Many',
		action: 'Get many calls',
		description: "Read all of the user's active calls (one item per call)",
		requestKind: 'getCalls',
		params: [],
	},
];
