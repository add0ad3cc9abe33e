/**
 * Who hears whom on a call (the control API's `heardBy`, docs/FIDELITY.md M9): two parties hear each other while
 * both are connected (an agent's leg Established, a remote party answered), except that
 * - a monitoring supervisor is heard as their mode says: ListenIn by nobody, Coach by the monitored agent only,
 *   BargeIn by everybody;
 * - a party whose call is muted (MuteCall; a ListenIn supervisor's leg shows mute "On") is heard by nobody;
 * - an agent muted by MuteMonitoredUser is heard only by the call's monitoring supervisors (the supervisor takes
 *   the call over; the agent can still talk to the supervisor).
 */
import type { Call, Party } from './model';
import { monitorOf } from './model';

function connected(call: Call, party: Party): boolean {
	if (!party.username) return call.alertingRemote !== party.dn && call.waiting === undefined;
	return call.legs.get(party.username)?.state === 'Established';
}

function hears(call: Call, listener: Party, speaker: Party): boolean {
	if (listener.dn === speaker.dn || !connected(call, listener) || !connected(call, speaker)) return false;
	const monitor = monitorOf(call, speaker);
	if (monitor?.mode === 'ListenIn') return false;
	if (monitor?.mode === 'Coach' && listener.username !== monitor.monitoredUser) return false;
	if (speaker.username && call.legs.get(speaker.username)?.mute === 'On') return false;
	const mutedBySupervisor = [...call.legs.values()].some(
		(leg) => leg.monitor?.monitoredUserMuted && leg.monitor.monitoredUser !== undefined && leg.monitor.monitoredUser === speaker.username,
	);
	if (mutedBySupervisor) return monitorOf(call, listener) !== undefined;
	return true;
}

/** The numbers of the parties that hear this party now, in join order. */
export function heardBy(call: Call, party: Party): string[] {
	return call.parties.filter((listener) => hears(call, listener, party)).map((p) => p.dn);
}
