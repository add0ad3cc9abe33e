/**
 * What "confirmed" means for each operation. GWS answers 200 when it accepts an operation; the effect arrives later
 * on CometD (https://docs.genesys.com/Documentation/HTCC/latest/API/AsynchronousEvents). Two kinds:
 * - `notification`: the notification GWS's pages document for the operation, about which call, showing which field.
 *   Each carries its own matching rule and, where matching needs more than the request (the parent of a consult
 *   call), how to learn it.
 * - `readBack`: where the pages document no notification (SwapCalls, MergeWithOtherCall, StartContactCenterSession),
 *   the call (or the device) is read back until it shows the effect, so no wait depends on a notification only our
 *   simulator sends.
 * docs/FIDELITY.md lists what GWS documents for each. Confirmations on /v2/me/devices are in deviceConfirmations.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import { CALLS_CHANNEL, type GwsChannel } from '../../shared/channels';
import { parentCallIdOf } from '../../shared/callReference';
import type { GwsNotification } from '../../shared/notification';
import { partiesOf, showsDialledNumber } from '../../shared/participants';
import type { CheckedParams } from './parameters/placement';

/** What a confirmation is matched against: the call it is about and the operation's checked values. */
export interface ConfirmationTarget {
	/** The call the operation was sent for, or the call the confirmation arrives on (see `prepare`). */
	callId?: string;
	values: CheckedParams['values'];
	/**
	 * The call is known to be released: GWS no longer has it (statusCode 6 / HTTP 404), GWS shows it Released, or the
	 * input item's call shows Released.
	 */
	callReleased?: boolean;
}

export interface NotificationConfirmation {
	by: 'notification';
	channel: GwsChannel;
	/** For the README and the timeout message: what is waited for. */
	summary: string;
	/** Before sending: learn what matching needs besides the request (reads the call when it must). */
	prepare?(target: ConfirmationTarget, readCall: (callId: string) => Promise<IDataObject>): Promise<ConfirmationTarget>;
	matches(notification: GwsNotification, target: ConfirmationTarget): boolean;
	/**
	 * Why GWS sends no confirming notification for this request, when it sends none (a disposition on a released
	 * call): the node then sends the request and says so in the output instead of waiting.
	 */
	unavailable?(target: ConfirmationTarget): string | undefined;
}

export interface ReadBackConfirmation {
	by: 'readBack';
	/** For the README and the timeout message: what the call must show. */
	summary: string;
	/** What is read back: the call the operation was sent for, the Other Call, or the user's devices. */
	reads: 'call' | 'otherCall' | 'devices';
	/**
	 * Whether what was read shows the effect: the call (`undefined` = GWS no longer has it), or for `devices`
	 * `{devices: [...]}` as GET /api/v2/me/devices?fields=* lists them.
	 */
	shows(read: IDataObject | undefined): boolean;
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

/**
 * StatusChange of the same call showing `mute` On / Off: the CallsMuteCall and CallsUnmuteCall pages' notification
 * (test/simulator/fixtures).
 */
export function callMute(mute: 'On' | 'Off'): NotificationConfirmation {
	return callNotification('StatusChange', `StatusChange, mute ${mute}`, (call, t) => sameCall(call, t) && call.mute === mute);
}

/** DtmfSent about the same call: the CallsSendDTMF page's notification. */
export const dtmfSent = callNotification('DtmfSent', 'DtmfSent', sameCall);

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

/**
 * SwitchToBargeIn / SwitchToListenIn on the supervisor's call: the StatusChange the pages print afterwards
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorSwitchToBargeIn: mute Off, SwitchToListenIn
 * offered; .../SupervisorSwitchToListenin: mute On, SwitchToBargeIn offered). Coach also has mute Off, so the
 * capability tells barge-in apart.
 */
export function switchedTo(mode: 'BargeIn' | 'ListenIn'): NotificationConfirmation {
	const mute = mode === 'BargeIn' ? 'Off' : 'On';
	const offered = mode === 'BargeIn' ? 'SwitchToListenIn' : 'SwitchToBargeIn';
	return callNotification('StatusChange', `StatusChange, mute ${mute} and ${offered} offered`, (call, t) => {
		const capabilities = Array.isArray(call.capabilities) ? call.capabilities : [];
		return sameCall(call, t) && call.mute === mute && capabilities.includes(offered);
	});
}

/** MuteMonitoredUser / UnmuteMonitoredUser (https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorMuteMonitoredUser). */
export function monitoredUserMuted(muted: boolean): NotificationConfirmation {
	return callNotification(
		'MonitoredUserMutedStateChange',
		`MonitoredUserMutedStateChange, monitoredUserMuted ${muted}`,
		(call, t) => sameCall(call, t) && call.monitoredUserMuted === muted,
	);
}

/** Whether the user data shows the disposition: under its key, or (key left to GWS) under any key. */
function showsDisposition(userData: unknown, values: CheckedParams['values']): boolean {
	if (!userData || typeof userData !== 'object') return false;
	const matches = (value: unknown) => (Array.isArray(value) ? value : [value]).some((v) => String(v) === values.disposition);
	const key = values.dispositionKey;
	if (typeof key === 'string') return Object.prototype.hasOwnProperty.call(userData, key) && matches((userData as IDataObject)[key]);
	return Object.values(userData).some(matches);
}

/**
 * SetCallDisposition (https://docs.genesys.com/Documentation/HTCC/latest/API/CallsSetCallDisposition): on an active
 * call GWS puts the disposition into the user data and sends AttachedDataChanged; on a released call it only
 * reports it (EventUserEvent) and sends no notification, so there is nothing to wait for.
 */
export const dispositionSet: NotificationConfirmation = {
	...callNotification(
		'AttachedDataChanged',
		'AttachedDataChanged showing the disposition (active call; a released call gets no notification, see Set Call Disposition below)',
		(call, t) => sameCall(call, t) && showsDisposition(call.userData, t.values),
	),
	unavailable: (target) =>
		target.callReleased
			? 'The call is released: GWS records the disposition for reporting and sends no notification for it, so the accepted request (statusCode 0) is its only answer'
			: undefined,
};
