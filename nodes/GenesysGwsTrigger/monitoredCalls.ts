/**
 * The "Monitored Calls" filter: which calls count as monitored, decided from what GWS sends (docs/FIDELITY.md, part
 * 2, T1 and T2).
 *
 * A supervisor's monitoring leg (the agent's call delivered on the supervisor's /v2/me/calls): its `capabilities`
 * list `SwitchToBargeIn` or `SwitchToListenIn`. Every vendor sample of such a leg shows one of them
 * (SupervisorSwitchToBargeIn, SupervisorSwitchToListenin, SupervisorMuteMonitoredUser, SupervisorUnmuteMonitoredUser),
 * and they are operations only a monitoring leg offers; an ordinary call of the supervisor never lists them. Nothing
 * else tells the legs apart: the samples carry no `monitoring` field, show `supervisorListeningIn: false`, and an
 * ordinary call does not list the user's own number among its participants either (CallResource 8.5.2).
 * A leg recognised once stays recognised until it is Released: its Released notification has `capabilities: []`,
 * and a Held leg may not list the switch operations.
 *
 * The agent's side: the monitored agent's own call carries `supervisorListeningIn: true` while a supervisor listens in
 * (the CallResource 8.5.2 sample: the target device's call).
 */
import type { IDataObject } from 'n8n-workflow';

import { callIdOf } from './callTracker';

/** The filter's values, declared once: the node's options (description.ts) and the check (filters.ts) read them. */
export const MONITORED_CALLS = [
	{ name: 'Exclude', value: 'exclude', description: 'Drop the calls you monitor as a supervisor: only your own calls' },
	{ name: 'Include', value: 'include', description: 'Your own calls and the calls you monitor' },
	{ name: 'Only', value: 'only', description: 'Only the calls you monitor as a supervisor' },
	{
		name: 'Only My Calls a Supervisor Listens In On',
		value: 'listenedIn',
		description: 'Only your own calls (as an agent) while GWS shows a supervisor listening in (call.supervisorListeningIn)',
	},
] as const;

/** The operations GWS offers only on a supervisor's monitoring leg. */
const MONITORING_LEG_OPERATIONS = ['SwitchToBargeIn', 'SwitchToListenIn'];

const listsMonitoringOperation = (call: IDataObject) =>
	Array.isArray(call.capabilities) && call.capabilities.some((c) => MONITORING_LEG_OPERATIONS.includes(String(c)));

/** Whether the agent's own call shows a supervisor listening in. */
export const isListenedIn = (call: IDataObject) => call.supervisorListeningIn === true;

/**
 * Remembers the monitoring legs it has recognised, by call id, until they are Released (bounded: the oldest are
 * forgotten first). One per trigger activation; it must see every call notification, selected or not.
 */
export class MonitoringLegs {
	private readonly ids = new Set<string>();

	constructor(private readonly limit = 1000) {}

	isMonitoringLeg(call: IDataObject): boolean {
		const id = callIdOf(call);
		const known = id !== undefined && this.ids.has(id);
		const recognised = known || listsMonitoringOperation(call);
		if (id === undefined) return recognised;
		if (call.state === 'Released') this.ids.delete(id);
		else if (recognised && !known) {
			this.ids.add(id);
			if (this.ids.size > this.limit) this.ids.delete(this.ids.values().next().value as string);
		}
		return recognised;
	}
}
