/**
 * The simulator's declarations agree with each other, so that a forgotten place fails here: every call operation
 * it runs (calls/operations) is offered or accepted in some leg state (calls/capabilities.ts), and everything a
 * state offers has a handler; every device operation (devices.ts DEVICE_OPERATION_FORMS) is listed by some device.
 */
import { acceptedOperations, type LegContext } from '../../simulator/calls/capabilities';
import { newLeg, type Call, type Leg, type LegState, type RecordingState } from '../../simulator/calls/model';
import { callOperationForms } from '../../simulator/calls/operations';
import { DEVICE_OPERATION_FORMS } from '../../simulator/devices';
import { deviceCapabilities } from '../../simulator/notifications';
import { UserDirectory } from '../../simulator/users';

/** Every combination of what decides what a leg offers, and the union of what it accepts. */
function everythingAccepted(): Set<string> {
	const out = new Set<string>();
	const states: LegState[] = ['Ringing', 'Dialing', 'Established', 'Held', 'Released'];
	const monitors: Array<Leg['monitor']> = [
		undefined,
		...(['ListenIn', 'Coach', 'BargeIn'] as const).flatMap((mode) => [true, false].map((muted) => ({ mode, scope: 'Call' as const, monitoredUser: 'b', monitoredUserMuted: muted }))),
	];
	for (const state of states)
		for (const monitor of monitors)
			for (const consult of [false, true])
				for (const conference of [false, true])
					for (const recordingState of ['Stopped', 'Recording', 'Paused'] as RecordingState[])
						for (const mute of ['On', 'Off'] as const)
							for (const flag of [false, true]) {
								const leg = newLeg('a', state, 'Inbound', '1', { monitor, mute, viaQueue: flag, parentCallId: consult ? 'PARENT' : undefined });
								const parties = [{ dn: '1', username: 'a' }, { dn: '2', username: 'b' }, ...(conference ? [{ dn: '3' }] : [])];
								const call: Call = { id: 'C', connId: 'X', parties, legs: new Map([['a', leg]]), userData: [], createdAt: 0, recordingState };
								const ctx: LegContext = { call, leg, hasOtherHeldCall: flag, hasConsult: flag, features: { callRecording: true, clearCall: true, holdOnAnswer: true } };
								for (const op of acceptedOperations(ctx)) out.add(op);
							}
	return out;
}

test('every call operation with a handler is offered in some state, and every operation offered has a handler', () => {
	const handled = Object.keys(callOperationForms()).sort();
	const accepted = [...everythingAccepted()].sort();
	// SetCallDisposition is in neither: accepted on any current or recently released call, outside the capabilities (DS1).
	expect(accepted).toEqual(handled);
});

test('every device operation is listed by some device, and devices list only those', () => {
	const users = new UserDirectory([
		{ username: 'agent', password: 'p', phoneNumber: '1' },
		{ username: 'sup', password: 'p', phoneNumber: '2', roles: ['agent', 'supervisor'] },
	]);
	const listed = new Set<string>();
	for (const user of users.all()) {
		for (const dnd of ['On', 'Off'] as const) {
			for (const forwardTo of [undefined, '5001']) {
				for (const monitoring of [undefined, { state: 'ListenIn' as const, mode: 'AllCalls' as const, scope: 'Call' as const, targetDeviceUri: 'u', target: 'agent' }]) {
					Object.assign(user, { doNotDisturb: dnd, forwardTo, monitoring });
					for (const op of deviceCapabilities(user)) listed.add(op);
				}
			}
		}
	}
	expect([...listed].sort()).toEqual(Object.keys(DEVICE_OPERATION_FORMS).sort());
});
