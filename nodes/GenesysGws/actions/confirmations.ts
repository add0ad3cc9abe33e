/**
 * What "confirmed" means for each operation. GWS answers 200 when it accepts an operation; the effect arrives later
 * on CometD (https://docs.genesys.com/Documentation/HTCC/latest/API/AsynchronousEvents). Two kinds:
 * - `notification`: the notification GWS's pages document for the operation, about which call, showing which field.
 *   Each carries its own matching rule and, where matching needs more than the request (the parent of a consult
 *   call), how to learn it.
 * - `readBack`: where the pages document no notification (MuteCall, UnmuteCall, SwapCalls, MergeWithOtherCall),
 *   the call is read back until it shows the effect, so no wait depends on a notification only our simulator sends.
 * docs/FIDELITY.md lists what GWS documents for each.
 */
import type { IDataObject } from 'n8n-workflow';

import { CALLS_CHANNEL, DEVICES_CHANNEL, type GwsChannel } from '../../shared/channels';
import { parentCallIdOf } from '../../shared/callReference';
import type { GwsNotification } from '../../shared/contracts';
import { partiesOf, showsDialledNumber } from '../../shared/participants';
import { AGENT_STATES } from './agentStates';
import type { CheckedParams } from './parameters/readParameters';

/** What a confirmation is matched against: the call it is about and the operation's checked values. */
export interface ConfirmationTarget {
	/** The call the operation was sent for, or the call the confirmation arrives on (see `prepare`). */
	callId?: string;
	values: CheckedParams['values'];
}

export interface NotificationConfirmation {
	by: 'notification';
	channel: GwsChannel;
	/** For the README and the timeout message: what is waited for. */
	summary: string;
	/** Before sending: learn what matching needs besides the request (reads the call when it must). */
	prepare?(target: ConfirmationTarget, readCall: (callId: string) => Promise<IDataObject>): Promise<ConfirmationTarget>;
	matches(notification: GwsNotification, target: ConfirmationTarget): boolean;
}

export interface ReadBackConfirmation {
	by: 'readBack';
	/** For the README and the timeout message: what the call must show. */
	summary: string;
	/** The call read back: the one the operation was sent for, or the Other Call. */
	reads: 'call' | 'otherCall';
	/** Whether the call as read shows the effect; `undefined` = GWS no longer has the call. */
	shows(call: IDataObject | undefined): boolean;
}

export type Confirmation = NotificationConfirmation | ReadBackConfirmation;

type CallTest = (call: IDataObject, target: ConfirmationTarget) => boolean;

/** A CallStateChangeMessage of `notificationType` whose call passes `test`. */
function callNotification(notificationType: string, summary: string, test: CallTest): NotificationConfirmation {
	return {
		by: 'notification',
		channel: CALLS_CHANNEL,
		summary,
		matches(n, target) {
			if (n.channel !== CALLS_CHANNEL || n.data?.notificationType !== notificationType) return false;
			return test((n.data.call ?? {}) as IDataObject, target);
		},
	};
}

const sameCall: CallTest = (call, target) => call.id === target.callId;

/** StatusChange of the same call to `state`. */
export function callState(state: string, summary = `StatusChange, ${state}`): NotificationConfirmation {
	return callNotification('StatusChange', summary, (call, t) => sameCall(call, t) && call.state === state);
}

/** StatusChange of the same call to Released; `what` names the call for the README ("original call"). */
export function callReleased(what: string): NotificationConfirmation {
	return callState('Released', `StatusChange, ${what} Released`);
}

const NO_NOTIFICATION = '(GWS documents no notification for it)';

/** Read back: the call shows `mute` ("On" / "Off"). */
export function callMute(mute: 'On' | 'Off'): ReadBackConfirmation {
	return {
		by: 'readBack',
		summary: `Read back: the call shows mute ${mute} ${NO_NOTIFICATION}`,
		reads: 'call',
		shows: (call) => call?.mute === mute,
	};
}

/** Read back: this call is Held (SwapCalls holds it and retrieves the other). */
export const callHeldBySwap: ReadBackConfirmation = {
	by: 'readBack',
	summary: `Read back: this call is Held ${NO_NOTIFICATION}`,
	reads: 'call',
	shows: (call) => call?.state === 'Held',
};

/** Read back: the Other Call is gone, its parties now on this call. */
export const otherCallMerged: ReadBackConfirmation = {
	by: 'readBack',
	summary: `Read back: the other call is gone, merged into this one ${NO_NOTIFICATION}`,
	reads: 'otherCall',
	shows: (call) => call === undefined || call.state === 'Released',
};

export function recordingState(state: string): NotificationConfirmation {
	return callNotification(
		'CallRecordingStateChange',
		`CallRecordingStateChange, recordingState ${state}`,
		(call, t) => sameCall(call, t) && call.recordingState === state,
	);
}

export const userDataChanged = callNotification('AttachedDataChanged', 'AttachedDataChanged', sameCall);

export const participantsUpdated = callNotification('ParticipantsUpdated', 'ParticipantsUpdated', sameCall);

/**
 * ParticipantsUpdated on the original call. Posted on a consult call (the
 * CompleteConference page, docs/FIDELITY.md), the consult call's
 * parent gets the update, so the parent is read before sending; posted on the original call, the call itself.
 */
export const participantsUpdatedOnOriginal: NotificationConfirmation = {
	...callNotification('ParticipantsUpdated', 'ParticipantsUpdated on the original call', sameCall),
	async prepare(target, readCall) {
		if (target.callId === undefined) return target;
		return { ...target, callId: parentCallIdOf(await readCall(target.callId)) ?? target.callId };
	},
};

/** The new Consult call whose parent is this call, Dialing (its id is what the Complete step needs). */
export const newConsultCallDialing = callNotification(
	'StatusChange',
	'StatusChange, new Consult call Dialing (its id is in the output)',
	(call, t) =>
		call.callType === 'Consult' &&
		t.callId !== undefined &&
		parentCallIdOf(call) === t.callId &&
		call.state === 'Dialing',
);

/**
 * Any new call of the user Dialing the dialled number (Dial: its id is not known before). A notification without
 * participants is accepted, since GWS may list them only once the destination answers.
 */
export const newCallDialing = callNotification('StatusChange', 'StatusChange, new call Dialing', (call, t) => {
	const dialled = typeof t.values.destination === 'string' ? t.values.destination : '';
	if (call.state !== 'Dialing') return false;
	return dialled === '' || partiesOf(call).length === 0 || showsDialledNumber(call, dialled);
});

/** A DeviceStateChangeMessage whose device shows the agent state that was set. */
export const agentStateSet: NotificationConfirmation = {
	by: 'notification',
	channel: DEVICES_CHANNEL,
	summary: 'DeviceStateChangeMessage with the new userState',
	matches(n, target) {
		if (n.channel !== DEVICES_CHANNEL) return false;
		const wanted = AGENT_STATES.find((s) => s.value === target.values.agentState);
		const devices = Array.isArray(n.data?.devices) ? (n.data.devices as IDataObject[]) : [];
		return devices.some((device) => {
			const userState = (device.userState ?? {}) as IDataObject;
			if (!wanted || userState.state !== wanted.state) return false;
			return wanted.workMode === undefined || userState.workMode === wanted.workMode;
		});
	},
};
