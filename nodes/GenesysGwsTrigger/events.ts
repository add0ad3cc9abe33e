/**
 * The trigger's events: one place that says which notification each event is, on which channel it arrives and
 * which part of a call it reports (the "aspect" the resync compares). The node's Events option, the matching, the
 * channels, the resync's comparison (callTracker.ts CALL_ASPECTS) and the README's events table are made from it.
 * Message types: https://docs.genesys.com/Documentation/HTCC/latest/API/CallsMessageType
 */
import type { IDataObject } from 'n8n-workflow';

import { CALLS_CHANNEL, DEVICES_CHANNEL, type GwsChannel } from '../shared/channels';

interface EventRecord {
	/** The `events` option value (the GWS notificationType / messageType itself). */
	value: string;
	name: string;
	description: string;
	channel: GwsChannel;
	/**
	 * Call events only: the field of the call resource the event reports (`call[aspect]`). The resync compares it
	 * between what it last saw and GWS's calls, and reports a difference as this event.
	 */
	aspect?: string;
	/**
	 * GWS sends no notification of this name: the trigger derives it from this other notification by comparing
	 * with what it last saw (monitoringChanges.ts).
	 */
	derivedFrom?: string;
}

const EVENTS = [
	{
		value: 'StatusChange',
		name: 'Call State Changed',
		description: 'StatusChange: a call was created or its state changed (Dialing, Ringing, Established, Held, Released…)',
		channel: CALLS_CHANNEL,
		aspect: 'state',
	},
	{
		value: 'ParticipantsUpdated',
		name: 'Call Participants Updated',
		description: 'ParticipantsUpdated: a party joined or left the call (conference, transfer)',
		channel: CALLS_CHANNEL,
		aspect: 'participants',
	},
	{
		value: 'AttachedDataChanged',
		name: 'Call User Data Changed',
		description: 'AttachedDataChanged: user data (attached data) was added, updated or deleted',
		channel: CALLS_CHANNEL,
		aspect: 'userData',
	},
	{
		value: 'CallRecordingStateChange',
		name: 'Call Recording State Changed',
		description: 'CallRecordingStateChange: recording started, paused, resumed or stopped',
		channel: CALLS_CHANNEL,
		aspect: 'recordingState',
	},
	{
		value: 'MonitoredUserMutedStateChange',
		name: 'Monitored Agent Muted or Unmuted',
		description: 'MonitoredUserMutedStateChange: a supervisor muted or unmuted the monitored agent',
		channel: CALLS_CHANNEL,
		aspect: 'monitoredUserMuted',
	},
	{
		// The CallsSendDTMF page's notification. No call field records the digits, so a resync cannot report one
		// missed while disconnected: no aspect.
		value: 'DtmfSent',
		name: 'DTMF Sent',
		description: 'DtmfSent: DTMF digits were sent on a call (the digits are not in the notification)',
		channel: CALLS_CHANNEL,
	},
	{
		value: 'DeviceStateChangeMessage',
		name: 'Agent or Device State Changed',
		description:
			'DeviceStateChangeMessage on /v2/me/devices: agent state (Ready, NotReady, AfterCallWork…), DND, forwarding, supervisor monitoring',
		channel: DEVICES_CHANNEL,
	},
	{
		value: 'SupervisorMonitoringChanged',
		name: 'Supervisor Monitoring Started, Changed or Stopped',
		description:
			"Your device started, changed or stopped monitoring an agent (its supervisorMonitoringState in DeviceStateChangeMessage); _gws.monitoring.change says which",
		channel: DEVICES_CHANNEL,
		derivedFrom: 'DeviceStateChangeMessage',
	},
	{
		value: 'ErrorMessage',
		name: 'Operation Failed',
		description: 'ErrorMessage on /v2/me/calls: GWS reports that an asynchronous call operation failed',
		channel: CALLS_CHANNEL,
	},
] as const satisfies readonly EventRecord[];

/** The part of a call an event reports (a call field): the aspects of the events above, and no other. */
export type CallAspect = Extract<(typeof EVENTS)[number], { aspect: string }>['aspect'];

export interface TriggerEvent extends Omit<EventRecord, 'aspect'> {
	aspect?: CallAspect;
}

export const TRIGGER_EVENTS: readonly TriggerEvent[] = EVENTS;

/** Every call aspect, in the events' order: what the resync compares. */
export const CALL_ASPECTS: readonly CallAspect[] = TRIGGER_EVENTS.flatMap((e) => (e.aspect ? [e.aspect] : []));

export const EVENT_BY_VALUE = new Map(TRIGGER_EVENTS.map((e) => [e.value, e]));

export const MONITORING_EVENT = EVENT_BY_VALUE.get('SupervisorMonitoringChanged')!;

/** The call event that reports each aspect (resync items are reported as it). */
export const CALL_EVENT_BY_ASPECT = new Map(
	TRIGGER_EVENTS.filter((e) => e.aspect).map((e) => [e.aspect!, e] as const),
);

/**
 * Which event a notification is (never a derived one), or undefined for notifications we do not offer (logged and
 * skipped).
 * Call notifications are `messageType: CallStateChangeMessage` keyed by `notificationType`; a notification
 * without messageType but with notificationType + call is accepted too (the ClearCall page prints one:
 * https://docs.genesys.com/Documentation/HTCC/latest/API/ClearCall).
 */
export function eventOf(channel: string, data: IDataObject): TriggerEvent | undefined {
	const messageType = data.messageType;
	if (channel === DEVICES_CHANNEL) {
		return messageType === 'DeviceStateChangeMessage' || Array.isArray(data.devices)
			? EVENT_BY_VALUE.get('DeviceStateChangeMessage')
			: undefined;
	}
	if (channel !== CALLS_CHANNEL) return undefined;
	if (messageType === 'ErrorMessage') return EVENT_BY_VALUE.get('ErrorMessage');
	if (messageType !== undefined && messageType !== 'CallStateChangeMessage') return undefined;
	const type = data.notificationType;
	if (typeof type !== 'string') return undefined;
	const event = EVENT_BY_VALUE.get(type);
	// A call notification's event: one on this channel other than ErrorMessage (with an aspect, or DtmfSent).
	return event && event.channel === CALLS_CHANNEL && event.value !== 'ErrorMessage' ? event : undefined;
}

export function channelsFor(events: string[]): string[] {
	return [...new Set(events.map((e) => EVENT_BY_VALUE.get(e)?.channel).filter((c): c is GwsChannel => !!c))];
}
