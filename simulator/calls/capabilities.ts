/**
 * Capabilities per leg state. Listed in the vendor pages' order; the master order below merges the three lists the
 * pages print (an Established conference, a Held call, a Dialing consult call). Released = [].
 *
 * Choices where the pages are silent (written down here, in one place):
 * - Ringing (an inbound call alerting the agent) offers Answer (+ Reject when delivered through a queue) and the
 *   user-data operations; the pages name the ringing state only in prose.
 * - MuteCall is listed only on conferences (the pages list it on a conference, not on a two-party call; T-Server's
 *   mute is a conference-member feature) but is accepted on any Established call; UnmuteCall replaces it when muted.
 * - StartCallRecording and ClearCall are accepted but not listed (the pages' Established lists do not show them);
 *   Pause/Resume/StopCallRecording are listed once recording is on (as the PauseCallRecording page shows).
 * - A consult call's initiating leg offers SwapCalls/CompleteTransfer (Dialing) and also CompleteConference once
 *   Established; its parent (Held) accepts CompleteConference/CompleteTransfer with consultCallUri, unlisted.
 * - SwapCalls / MergeWithOtherCall are offered on the active call when the agent has another call on hold.
 */
import type { Call, Leg } from './model';
import { isConference } from './model';

const MASTER_ORDER = [
	'Answer',
	'Reject',
	'UpdateUserData',
	'SendDtmf',
	'Retrieve',
	'SwapCalls',
	'InitiateConference',
	'Hold',
	'SingleStepTransfer',
	'InitiateTransfer',
	'RemoveParticipantFromConference',
	'AttachUserData',
	'DeleteUserDataPair',
	'SingleStepConference',
	'DeleteUserData',
	'MuteCall',
	'UnmuteCall',
	'Hangup',
	'CompleteTransfer',
	'CompleteConference',
	'MergeWithOtherCall',
	'PauseCallRecording',
	'ResumeCallRecording',
	'StopCallRecording',
] as const;

const USER_DATA_OPS = ['UpdateUserData', 'AttachUserData', 'DeleteUserDataPair', 'DeleteUserData'];

export interface LegContext {
	call: Call;
	leg: Leg;
	/** The agent has another call on hold (SwapCalls / MergeWithOtherCall). */
	hasOtherHeldCall: boolean;
	/** This (parent) call has a live consult call of the same agent. */
	hasConsult: boolean;
}

function listed({ call, leg, hasOtherHeldCall }: LegContext): Set<string> {
	const ops = new Set<string>();
	const isConsultInitiator = leg.parentCallId !== undefined;
	switch (leg.state) {
		case 'Ringing':
			ops.add('Answer');
			if (leg.viaQueue) ops.add('Reject');
			USER_DATA_OPS.forEach((op) => ops.add(op));
			break;
		case 'Dialing':
			USER_DATA_OPS.forEach((op) => ops.add(op));
			ops.add('SendDtmf').add('Hangup');
			if (hasOtherHeldCall) ops.add('SwapCalls');
			if (isConsultInitiator) ops.add('CompleteTransfer');
			break;
		case 'Established':
			USER_DATA_OPS.forEach((op) => ops.add(op));
			ops.add('SendDtmf').add('Hangup');
			if (hasOtherHeldCall) ops.add('SwapCalls');
			if (isConsultInitiator) {
				ops.add('CompleteTransfer').add('CompleteConference');
			} else {
				ops.add('InitiateConference').add('Hold').add('SingleStepTransfer').add('InitiateTransfer');
				ops.add('SingleStepConference');
				if (isConference(call)) ops.add('RemoveParticipantFromConference');
				if (hasOtherHeldCall) ops.add('MergeWithOtherCall');
			}
			if (leg.mute === 'On') ops.add('UnmuteCall');
			else if (isConference(call)) ops.add('MuteCall');
			if (call.recordingState === 'Recording') ops.add('PauseCallRecording').add('StopCallRecording');
			if (call.recordingState === 'Paused') ops.add('ResumeCallRecording').add('StopCallRecording');
			break;
		case 'Held':
			USER_DATA_OPS.forEach((op) => ops.add(op));
			ops.add('Retrieve').add('Hangup');
			if (!isConsultInitiator) {
				ops.add('InitiateConference').add('SingleStepTransfer').add('InitiateTransfer').add('SingleStepConference');
			}
			break;
		case 'Released':
			break;
	}
	return ops;
}

/** The capabilities array of a call as GWS shows it. */
export function capabilitiesOf(ctx: LegContext): string[] {
	const ops = listed(ctx);
	return MASTER_ORDER.filter((op) => ops.has(op));
}

/** What the simulator accepts: the listed capabilities plus the unlisted ones described above. */
export function acceptedOperations(ctx: LegContext): Set<string> {
	const ops = listed(ctx);
	const { call, leg, hasConsult } = ctx;
	if (leg.state === 'Established') {
		if (leg.mute === 'Off') ops.add('MuteCall');
		if (!call.recordingState || call.recordingState === 'Stopped') ops.add('StartCallRecording');
		ops.add('ClearCall');
	}
	if (leg.state === 'Held') ops.add('ClearCall');
	if (hasConsult && (leg.state === 'Held' || leg.state === 'Established')) {
		ops.add('CompleteConference').add('CompleteTransfer');
	}
	return ops;
}
