/**
 * The call resource's call-control operations (the others: callDataOperations.ts; operations.ts has the whole
 * table). Wire names follow GWS API v2's call control
 * table and conference pages; docs/FIDELITY.md names the page behind each behaviour. `capability` is the name a
 * call lists in `capabilities` when GWS allows the operation now (Check Capabilities First looks for it there).
 */
import {
	callHeldBySwap,
	callMute,
	dtmfSent,
	callReleased,
	callState,
	newCallDialing,
	newConsultCallDialing,
	otherCallMerged,
	participantsUpdated,
	participantsUpdatedOnOriginal,
} from './confirmations';
import { callOperation, opt, req, type GwsOperation } from './operationBuilders';

const toNumber = [req('destination'), opt('location'), opt('userData')];

export const CALL_OPERATIONS: GwsOperation[] = [
	{
		value: 'dial',
		resource: 'call',
		name: 'Dial',
		action: 'Dial a number',
		description: 'Make a new call from one of your devices',
		toolDescription:
			'Make a new outbound call from your phone to a number. Needs destination (digits). Returns the GWS reply; the new call then appears in List my calls.',
		requestKind: 'dial',
		operationName: 'Dial',
		params: [opt('deviceId'), req('destination'), opt('location'), opt('userData')],
		confirmation: newCallDialing,
	},
	callOperation({
		resource: 'call',
		value: 'answer',
		name: 'Answer',
		description: 'Answer a ringing call',
		toolDescription:
			'Answer a call that is ringing on your phone (state Ringing). Needs callId. Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'Answer',
		capability: 'Answer',
		confirmation: callState('Established'),
	}),
	callOperation({
		resource: 'call',
		value: 'hangup',
		name: 'Hang Up',
		description: 'Release a call',
		toolDescription:
			'End (release) one of your calls; the other parties are disconnected from you. Needs callId. Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'Hangup',
		capability: 'Hangup',
		confirmation: callReleased('call'),
	}),
	callOperation({
		resource: 'call',
		value: 'reject',
		name: 'Reject',
		description: 'Reject a ringing call delivered through a queue (it goes back to the queue)',
		toolDescription:
			'Reject a ringing call that came through a queue, so the queue offers it to someone else. Needs callId. Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'Reject',
		capability: 'Reject',
		confirmation: callReleased('call'),
	}),
	callOperation({
		resource: 'call',
		value: 'hold',
		name: 'Hold',
		description: 'Place a call on hold',
		toolDescription:
			'Put one of your established calls on hold (the caller hears hold music). Needs callId. Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'Hold',
		capability: 'Hold',
		confirmation: callState('Held'),
	}),
	callOperation({
		resource: 'call',
		value: 'retrieve',
		name: 'Retrieve',
		description: 'Retrieve a call from hold',
		toolDescription:
			'Take one of your held calls off hold, back to talking. Needs callId. Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'Retrieve',
		capability: 'Retrieve',
		confirmation: callState('Established'),
	}),
	callOperation({
		resource: 'call',
		value: 'singleStepTransfer',
		name: 'Single Step Transfer',
		description: 'Transfer a call to a number in one step',
		toolDescription:
			'Transfer one of your calls to another number in one step: the call leaves you. Needs callId and destination (digits). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'SingleStepTransfer',
		capability: 'SingleStepTransfer',
		params: toNumber,
		confirmation: callReleased('original call'),
	}),
	callOperation({
		resource: 'call',
		value: 'singleStepConference',
		name: 'Single Step Conference',
		description: 'Add a party to a call in one step',
		toolDescription:
			'Add another number to one of your calls in one step, making it a conference; you stay on the call. Needs callId and destination (digits). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'SingleStepConference',
		capability: 'SingleStepConference',
		params: toNumber,
		confirmation: participantsUpdated,
	}),
	callOperation({
		resource: 'call',
		value: 'initiateConference',
		name: 'Initiate Conference',
		description: 'Hold the call and dial the party to conference in (finish with Complete Conference)',
		toolDescription:
			'Start a two-step conference: holds the call and dials the destination on a new consult call; finish with Complete Conference. Needs callId and destination. Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'InitiateConference',
		capability: 'InitiateConference',
		params: toNumber,
		confirmation: newConsultCallDialing,
	}),
	callOperation({
		resource: 'call',
		value: 'completeConference',
		name: 'Complete Conference',
		description:
			'Bring the consulted party into the original call (run on the consult call, or on the original call with Consult Call set)',
		toolDescription:
			'Finish a two-step conference: brings the consulted party into the original call. Needs callId (the consult call). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'CompleteConference',
		capability: 'CompleteConference',
		params: [opt('consultCallUri')],
		confirmation: participantsUpdatedOnOriginal,
	}),
	callOperation({
		resource: 'call',
		value: 'sendDtmf',
		name: 'Send DTMF',
		description: 'Send dial tones for digits',
		toolDescription:
			'Send dial tones (DTMF digits) on one of your calls, e.g. to an IVR. Needs callId and digits (0-9, * and #). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'SendDtmf',
		capability: 'SendDtmf',
		params: [req('digits')],
		confirmation: dtmfSent,
	}),
	callOperation({
		resource: 'call',
		value: 'removeParticipantFromConference',
		name: 'Remove Participant From Conference',
		description: 'Remove a party from a conference call',
		toolDescription:
			'Remove one party from a conference call. Needs callId and participant (their phone number). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'RemoveParticipantFromConference',
		capability: 'RemoveParticipantFromConference',
		params: [req('participant')],
		confirmation: participantsUpdated,
	}),
	callOperation({
		resource: 'call',
		value: 'muteCall',
		name: 'Mute',
		description: 'Mute a call',
		toolDescription:
			'Mute your microphone on one of your calls. Needs callId. Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'MuteCall',
		capability: 'MuteCall',
		confirmation: callMute('On'),
	}),
	callOperation({
		resource: 'call',
		value: 'unmuteCall',
		name: 'Unmute',
		description: 'Unmute a call',
		toolDescription:
			'Unmute your microphone on one of your calls. Needs callId. Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'UnmuteCall',
		capability: 'UnmuteCall',
		confirmation: callMute('Off'),
	}),
	callOperation({
		resource: 'call',
		value: 'swapCalls',
		name: 'Swap Calls',
		description: 'Hold this call and retrieve the other call',
		toolDescription:
			'Hold the current call and retrieve the other (held) call. Needs callId and otherCallUri (the other call id). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'SwapCalls',
		capability: 'SwapCalls',
		params: [req('otherCallUri')],
		confirmation: callHeldBySwap,
	}),
	callOperation({
		resource: 'call',
		value: 'mergeWithOtherCall',
		name: 'Merge With Other Call',
		description: 'Merge this call with the other call',
		toolDescription:
			'Merge two of your calls into one conference. Needs callId and otherCallUri (the other call id). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'MergeWithOtherCall',
		capability: 'MergeWithOtherCall',
		params: [req('otherCallUri')],
		confirmation: otherCallMerged,
	}),
	callOperation({
		resource: 'call',
		value: 'initiateTransfer',
		name: 'Initiate Transfer',
		description: 'Hold the call and dial the transfer target (finish with Complete Transfer)',
		toolDescription:
			'Start a two-step transfer: holds the call and dials the destination on a new consult call; finish with Complete Transfer. Needs callId and destination. Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'InitiateTransfer',
		capability: 'InitiateTransfer',
		params: toNumber,
		confirmation: newConsultCallDialing,
	}),
	callOperation({
		resource: 'call',
		value: 'completeTransfer',
		name: 'Complete Transfer',
		description:
			'Complete a two-step transfer (run on the consult call, or on the original call with Consult Call set)',
		toolDescription:
			'Finish a two-step transfer: connects the original caller with the consulted party and leaves you out. Needs callId (the consult call). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'CompleteTransfer',
		capability: 'CompleteTransfer',
		params: [opt('consultCallUri')],
		confirmation: callReleased('original call'),
	}),
];
