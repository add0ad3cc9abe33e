/**
 * Operations on a supervisor's monitoring leg: SwitchToBargeIn, SwitchToListenIn, MuteMonitoredUser,
 * UnmuteMonitoredUser (docs/FIDELITY.md M10, M11; rules in ../monitoring.ts).
 */
import { noParams, op, type Operation } from './types';

export const supervisorOperations = {
	/** Listed while ListenIn or Coach: the supervisor is heard by everybody, mute Off. */
	SwitchToBargeIn: op(noParams, ({ engine, call, leg }) => engine.monitoring.switchTo(call, leg, 'BargeIn')),
	/** Listed while BargeIn or Coach: silent, mute On (there is no way back to Coach). */
	SwitchToListenIn: op(noParams, ({ engine, call, leg }) => engine.monitoring.switchTo(call, leg, 'ListenIn')),
	MuteMonitoredUser: op(noParams, ({ engine, call, leg }) => engine.monitoring.setMonitoredUserMuted(call, leg, true)),
	UnmuteMonitoredUser: op(noParams, ({ engine, call, leg }) => engine.monitoring.setMonitoredUserMuted(call, leg, false)),
} satisfies Record<string, Operation>;
