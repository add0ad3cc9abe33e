/**
 * Capabilities per leg state, in the order the samples print them (docs/FIDELITY.md C4-C13). The master order merges
 * the lists of test/simulator/fixtures (an Established conference, a Held call, a Dialing consult call); a
 * supervisor's Established monitoring leg has its own list, exactly the SupervisorSwitchToBargeIn sample's (M7).
 * Released = [].
 *
 * An operation is accepted exactly when it is listed, except where a page shows a request the lists do not
 * (docs/FIDELITY.md C12): CompleteConference / CompleteTransfer posted on the parent call with consultCallUri;
 * MuteMonitoredUser / UnmuteMonitoredUser on a supervisor's monitoring leg (M11); SetCallDisposition (DS1, handled
 * in operations/disposition.ts).
 */
import type { Call, Leg } from './model';
import { isConference } from './model';

/** Optional GWS features (SimulatorOptions.features). */
export interface Features {
	/** GWS feature api-voice-recording: recordingState on every call, StartCallRecording offered. */
	callRecording: boolean;
	/** The switch can clear a conference (ClearCall offered on Established conferences). */
	clearCall: boolean;
	/** Answering a call holds the agent's Established one (docs/FIDELITY.md C14). */
	holdOnAnswer: boolean;
}

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
	'ClearCall',
	'CompleteTransfer',
	'CompleteConference',
	'MergeWithOtherCall',
	'StartCallRecording',
	'PauseCallRecording',
	'ResumeCallRecording',
	'StopCallRecording',
] as const;

/** The SupervisorSwitchToBargeIn sample's list (BargeIn); ListenIn and Coach offer SwitchToBargeIn in its place. */
const MONITOR_ORDER = [
	'AttachUserData',
	'InitiateConference',
	'UpdateUserData',
	'Hold',
	'SingleStepTransfer',
	'DeleteUserData',
	'SingleStepConference',
	'Hangup',
	'DeleteUserDataPair',
	'SendDtmf',
	'InitiateTransfer',
	'SwitchTo',
	'RemoveParticipantFromConference',
] as const;

const USER_DATA_OPS = ['UpdateUserData', 'AttachUserData', 'DeleteUserDataPair', 'DeleteUserData'];

export interface LegContext {
	call: Call;
	leg: Leg;
	/** The agent has another call on hold (SwapCalls / MergeWithOtherCall). */
	hasOtherHeldCall: boolean;
	/** This (parent) call has a live consult call of the same agent. */
	hasConsult: boolean;
	features: Features;
}

/**
 * The switch operations of each mode (docs/FIDELITY.md M10): BargeIn -> ListenIn ([TOBARGE] sample), ListenIn ->
 * BargeIn ([TOLISTEN] sample), Coach -> either (the SwitchToBargeIn and SwitchToListenin pages: "If the supervisor
 * switches from Coach to ..."); nothing returns to Coach. Coach listing both, in this order, is a choice.
 */
const SWITCHES: Record<string, string[]> = {
	BargeIn: ['SwitchToListenIn'],
	ListenIn: ['SwitchToBargeIn'],
	Coach: ['SwitchToListenIn', 'SwitchToBargeIn'],
};

function monitorList(leg: Leg): string[] {
	const switches = SWITCHES[leg.monitor?.mode ?? 'ListenIn'];
	return MONITOR_ORDER.flatMap((op) => (op === 'SwitchTo' ? switches : [op]));
}

function listed({ call, leg, hasOtherHeldCall, features }: LegContext): Set<string> {
	const ops = new Set<string>();
	const isConsultInitiator = leg.parentCallId !== undefined;
	const conference = isConference(call, leg.username);
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
			if (leg.monitor) {
				monitorList(leg).forEach((op) => ops.add(op));
				break;
			}
			USER_DATA_OPS.forEach((op) => ops.add(op));
			ops.add('SendDtmf').add('Hangup');
			if (hasOtherHeldCall) ops.add('SwapCalls');
			if (isConsultInitiator) {
				ops.add('CompleteTransfer').add('CompleteConference');
			} else {
				ops.add('InitiateConference').add('Hold').add('SingleStepTransfer').add('InitiateTransfer');
				ops.add('SingleStepConference');
				if (conference) ops.add('RemoveParticipantFromConference');
				if (conference && features.clearCall) ops.add('ClearCall');
				if (hasOtherHeldCall) ops.add('MergeWithOtherCall');
			}
			if (leg.mute === 'On') ops.add('UnmuteCall');
			else if (conference) ops.add('MuteCall');
			if (features.callRecording) {
				if (call.recordingState === 'Recording') ops.add('PauseCallRecording').add('StopCallRecording');
				else if (call.recordingState === 'Paused') ops.add('ResumeCallRecording').add('StopCallRecording');
				else ops.add('StartCallRecording');
			}
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
	if (ctx.leg.monitor && ctx.leg.state === 'Established') return monitorList(ctx.leg);
	return MASTER_ORDER.filter((op) => ops.has(op));
}

/** What the simulator accepts: the listed capabilities plus the exceptions described above (docs/FIDELITY.md C12). */
export function acceptedOperations(ctx: LegContext): Set<string> {
	const ops = listed(ctx);
	const { leg, hasConsult } = ctx;
	if (hasConsult && leg.parentCallId === undefined && (leg.state === 'Held' || leg.state === 'Established')) {
		ops.add('CompleteConference').add('CompleteTransfer');
	}
	if (leg.monitor && leg.state === 'Established' && leg.monitor.monitoredUser !== undefined) {
		ops.add(leg.monitor.monitoredUserMuted ? 'UnmuteMonitoredUser' : 'MuteMonitoredUser');
	}
	return ops;
}
