/**
 * Supervisor monitoring on calls (docs/FIDELITY.md M5-M14). A supervisor who set ListenIn, Coach
 * or BargeIn on their device against an agent's device gets each call of that agent that becomes Established
 * (the first time: not again on Retrieve; calls already Established when monitoring starts are not joined) on
 * their own /v2/me/calls: StatusChange Established, callType Internal, capabilities as the SupervisorSwitchToBargeIn
 * sample, `mute` On for ListenIn (Off otherwise), shaped field by field as the supervisor pages' samples (no
 * `monitoring`, no `recordingState`, `supervisorListeningIn` false: notifications.ts renderCall), extensions
 * {"WrapUpTime":0,"BusinessCall":0}. BargeIn also joins the call the agent is on when it is set (the SupervisorBargeIn
 * page). The mode decides who sees and hears the
 * supervisor (model.ts visibleTo, audio.ts): ListenIn nobody, Coach the agent, BargeIn everybody; those whose
 * participant list changes get ParticipantsUpdated.
 *
 * Rules (M10, M12, M13): NextCall monitors one call, then monitoring ends (when the supervisor's leg on
 * that call ends: the device loses supervisorMonitoringState); scope Agent releases the supervisor when the agent
 * leaves a call that goes on (transfer, or hanging up from a conference); scope Call follows the call (the session
 * then monitors the newest simulated agent on it); SwitchToBargeIn from ListenIn or Coach; SwitchToListenIn from
 * BargeIn or Coach; nothing returns to Coach.
 */
import type { MonitorMode, SimUser, UserDirectory } from '../users';
import type { Call, CallStore, Leg } from './model';
import { newLeg, realParties } from './model';
import type { CallNotifier } from './notifier';

/** What monitoring needs from the call engine: the users, the notifications, and releasing a leg. */
export interface MonitoringHost {
	readonly users: Pick<UserDirectory, 'all' | 'get'>;
	readonly store: Pick<CallStore, 'legsOf'>;
	readonly notifier: Pick<CallNotifier, 'notify' | 'participantLists' | 'notifyChangedParticipants' | 'deviceChanged'>;
	releaseLeg(call: Call, username: string): void;
}

export class SupervisorMonitoring {
	constructor(private readonly engine: MonitoringHost) {}

	/** A (non-monitoring) leg became Established for the first time: deliver the call to its supervisors. */
	onEstablished(call: Call, leg: Leg): void {
		if (leg.monitor) return;
		for (const supervisor of this.engine.users.all()) {
			const monitoring = supervisor.monitoring;
			if (!monitoring || monitoring.target !== leg.username || monitoring.usedBy !== undefined) continue;
			if (!supervisor.loggedIn || call.legs.has(supervisor.username)) continue;
			if (monitoring.mode === 'NextCall') monitoring.usedBy = call.id;
			this.join(call, supervisor, leg, monitoring.state, monitoring.scope);
		}
	}

	/**
	 * BargeIn set while the agent is on a call: the supervisor is added to that call at once ("If the agent is currently
	 * on a call ... the supervisor is immediately added to the call": the SupervisorBargeIn page; docs/FIDELITY.md M5).
	 * ListenIn and Coach wait for the agent's next call, as their pages say.
	 */
	joinCallInProgress(supervisor: SimUser): void {
		const monitoring = supervisor.monitoring;
		if (!monitoring || monitoring.state !== 'BargeIn' || monitoring.usedBy !== undefined) return;
		const current = this.engine.store
			.legsOf(monitoring.target)
			.find(({ call, leg }) => leg.state === 'Established' && !leg.monitor && !call.legs.has(supervisor.username));
		if (!current) return;
		if (monitoring.mode === 'NextCall') monitoring.usedBy = current.call.id;
		this.join(current.call, supervisor, current.leg, 'BargeIn', monitoring.scope);
	}

	private join(call: Call, supervisor: SimUser, agentLeg: Leg, mode: MonitorMode, scope: 'Agent' | 'Call'): void {
		const before = this.engine.notifier.participantLists(call);
		const agent = this.engine.users.get(agentLeg.username);
		call.parties.push({ dn: supervisor.dn, username: supervisor.username });
		const leg = newLeg(supervisor.username, 'Established', 'Internal', agent.dn, {
			mute: mode === 'ListenIn' ? 'On' : 'Off',
			wasEstablished: true,
			monitor: { mode, scope, monitoredUser: agent.username, monitoredUserMuted: false },
		});
		call.legs.set(supervisor.username, leg);
		this.engine.notifier.notify(call, supervisor.username, 'StatusChange');
		this.engine.notifier.notifyChangedParticipants(call, before, supervisor.username);
	}

	/** SwitchToBargeIn / SwitchToListenIn on the supervisor's leg: StatusChange to them, ParticipantsUpdated to others. */
	switchTo(call: Call, leg: Leg, mode: 'BargeIn' | 'ListenIn'): void {
		const monitor = leg.monitor!;
		const before = this.engine.notifier.participantLists(call);
		monitor.mode = mode;
		leg.mute = mode === 'ListenIn' ? 'On' : 'Off';
		this.engine.notifier.notify(call, leg.username, 'StatusChange');
		this.engine.notifier.notifyChangedParticipants(call, before, leg.username);
	}

	/** MuteMonitoredUser / UnmuteMonitoredUser: MonitoredUserMutedStateChange to the supervisor and the agent. */
	setMonitoredUserMuted(call: Call, leg: Leg, muted: boolean): void {
		const monitor = leg.monitor!;
		monitor.monitoredUserMuted = muted;
		this.engine.notifier.notify(call, leg.username, 'MonitoredUserMutedStateChange');
		if (monitor.monitoredUser && call.legs.has(monitor.monitoredUser)) {
			this.engine.notifier.notify(call, monitor.monitoredUser, 'MonitoredUserMutedStateChange');
		}
	}

	/**
	 * A monitored agent left a call that goes on: Agent scope releases the supervisor, Call scope follows the call.
	 * (Called while the agent's leave is under way: whoever removed the agent tells the others about the new lists.)
	 */
	onAgentLeft(call: Call, username: string): void {
		for (const leg of [...call.legs.values()]) {
			const monitor = leg.monitor;
			if (!monitor || monitor.monitoredUser !== username) continue;
			if (monitor.scope === 'Agent') {
				this.engine.releaseLeg(call, leg.username);
				continue;
			}
			const agents = realParties(call).filter((p) => p.username !== undefined);
			monitor.monitoredUser = agents[agents.length - 1]?.username;
			if (!monitor.monitoredUser) monitor.monitoredUserMuted = false;
		}
	}

	/** A supervisor's monitoring leg ended: a NextCall monitoring that this call used up ends with it. */
	onMonitorLegEnded(supervisor: SimUser, call: Call): void {
		if (supervisor.monitoring?.usedBy !== call.id) return;
		supervisor.monitoring = undefined;
		this.engine.notifier.deviceChanged(supervisor);
	}
}
