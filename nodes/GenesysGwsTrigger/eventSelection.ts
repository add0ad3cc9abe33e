/** Which notifications start an execution: a selected event whose call (if any) passes the filters. */
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../shared/isObject';
import type { GwsNotification } from '../shared/notification';
import { callIdOf } from './callTracker';
import { eventOf, type TriggerEvent } from './events';
import type { CallFilter } from './filters';

export interface EventSelection {
	events: Set<string>;
	callFilter: CallFilter;
}

/** Whether a notification of `event` (events.ts eventOf) with this data starts an execution. */
export function isSelected(event: TriggerEvent, data: IDataObject, selection: EventSelection): boolean {
	const call = data.call;
	// The filter sees every call notification, before the event is checked: Monitored Calls remembers the legs it
	// recognised (a Released leg lists no capabilities), whichever events are selected.
	const passes = call === undefined || (isObject(call) && selection.callFilter(call));
	if (!selection.events.has(event.value)) return false;
	if (event.aspect && !callIdOf(call)) return false;
	return passes;
}

/** The event a notification starts an execution for, or undefined (not selected, filtered out, malformed). */
export function selectedEvent(n: GwsNotification, selection: EventSelection): TriggerEvent | undefined {
	if (!isObject(n.data)) return undefined;
	const event = eventOf(n.channel, n.data);
	return event && isSelected(event, n.data, selection) ? event : undefined;
}
