/**
 * The notifications a change of call or device state produces, and who gets them: StatusChange and friends on each
 * agent's /v2/me/calls, ParticipantsUpdated to those whose participant list changed, DeviceStateChangeMessage on
 * /v2/me/devices, and the ErrorMessage of an asynchronous failure (shapes in notifications.ts).
 */
import type { Notification } from '../notifications';
import { callStateChange, deviceStateChange, errorMessage, type ErrorContext } from '../notifications';
import type { SimUser, UserDirectory } from '../users';
import type { Call, Leg } from './model';
import { participantsFor } from './model';

/** Notifications of a supervisor's monitoring leg carry this `extensions` (the SupervisorSwitchToBargeIn sample). */
const MONITOR_EXTENSIONS = { WrapUpTime: 0, BusinessCall: 0 };

export interface CallNotifierOptions {
	users: Pick<UserDirectory, 'get'>;
	/** The simulator's current base URL (URIs in devices use it). */
	baseUrl: () => string;
	/** Delivers a notification to one user's CometD sessions. */
	publish: (username: string, notification: Notification) => void;
	/** The call resource as this leg's agent sees it (views.ts). */
	render: (call: Call, leg: Leg) => Record<string, unknown>;
	/** Runs `fn` after `ms` on the engine's timers (cleared by reset). */
	later: (ms: number, fn: () => void) => void;
}

/** Each leg's participant list (as a string), to find whose list a change altered (see notifyChangedParticipants). */
export type ParticipantLists = Map<string, string>;

export class CallNotifier {
	constructor(private readonly opts: CallNotifierOptions) {}

	notify(call: Call, username: string, notificationType: string, withExtensions = true): void {
		const leg = call.legs.get(username);
		if (!leg) return;
		const extensions = !withExtensions ? null : leg.monitor ? MONITOR_EXTENSIONS : { BusinessCall: 0 };
		this.opts.publish(username, callStateChange(notificationType, this.opts.users.get(username), this.opts.render(call, leg), extensions));
	}

	/** Tell every agent on the call (optionally but one). */
	notifyAll(call: Call, notificationType: string, except?: string): void {
		for (const username of [...call.legs.keys()]) if (username !== except) this.notify(call, username, notificationType);
	}

	participantLists(call: Call): ParticipantLists {
		const out: ParticipantLists = new Map();
		for (const username of call.legs.keys()) out.set(username, participantsFor(call, username).map((p) => p.dn).join(','));
		return out;
	}

	/** ParticipantsUpdated to every agent whose participant list differs from `before` (optionally but one). */
	notifyChangedParticipants(call: Call, before: ParticipantLists, except?: string): void {
		const after = this.participantLists(call);
		for (const [username, view] of after) {
			if (username !== except && before.has(username) && before.get(username) !== view) this.notify(call, username, 'ParticipantsUpdated');
		}
	}

	/** DeviceStateChangeMessage on the user's /v2/me/devices: sent whenever anything on the device changes. */
	deviceChanged(user: SimUser): void {
		this.opts.publish(user.username, deviceStateChange(this.opts.baseUrl(), user));
	}

	/** An asynchronous failure: ErrorMessage on the user's /v2/me/calls after the HTTP answer. */
	asyncError(username: string, errorCode: number, message: string, context: ErrorContext): void {
		this.opts.later(0, () => this.opts.publish(username, errorMessage(this.opts.users.get(username), errorCode, message, context)));
	}
}
