/** Which notifications start an execution: a selected event whose call (if any) passes the filters. */
import type { GwsNotification } from '../shared/notification';
import { isObject } from '../shared/isObject';
import { callIdOf } from './callTracker';
import { eventOf, type TriggerEvent } from './events';
import type { CallFilter } from './filters';

export interface EventSelection {
	events: Set<string>;
	callFilter: CallFilter;
}

/** The event a notification starts an execution for, or undefined (not selected, filtered out, malformed). */
export function selectedEvent(n: GwsNotification, selection: EventSelection): TriggerEvent | undefined {
	if (!isObject(n.data)) return undefined;
	const event = eventOf(n.channel, n.data);
	if (!event || !selection.events.has(event.value)) return undefined;
	const call = n.data.call;
	if (event.aspect && !callIdOf(call)) return undefined;
	if (call !== undefined && (!isObject(call) || !selection.callFilter(call))) return undefined;
	return event;
}
