/** Configured users, their devices, voice login, agent state and device features. One place for the demo users. */
import { randomUUID } from 'crypto';
import type { SimUserConfig } from './api';

/** The demo users: the conference samples (test/simulator/fixtures) are agent 15000 talking to 15001 and conferencing 15002. */
export const DEMO_USERS: SimUserConfig[] = [
	{ username: 'agent1', password: 'agent1pass', phoneNumber: '15000', firstName: 'Agent', lastName: 'One' },
	{ username: 'agent2', password: 'agent2pass', phoneNumber: '15001', firstName: 'Agent', lastName: 'Two' },
	{
		username: 'supervisor1',
		password: 'supervisor1pass',
		phoneNumber: '15002',
		firstName: 'Super',
		lastName: 'Visor',
		roles: ['agent', 'supervisor'],
	},
];

/** Names every JavaScript object has (Object.prototype's members): a username like that breaks plain-object lookups. */
const BUILT_IN_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Why `name` cannot be a username, or undefined when it can: it logs in with HTTP basic auth (no spaces, no ':'),
 * it is one segment of the control API's paths (/simulator/agents/{username}/...: no '/'), it is printed (no control
 * characters such as ANSI escapes) and it is a key in the console's lookups (not a built-in name like "constructor").
 */
export function usernameProblem(name: string): string | undefined {
	if (name === '') return 'is empty';
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'contains a control character (e.g. an ANSI escape), which would be printed raw';
	if (/\s/.test(name)) return 'contains a space (HTTP basic auth cannot carry it)';
	if (name.includes(':')) return "contains ':' (HTTP basic auth separates the username from the password with it)";
	if (name.includes('/')) return "contains '/' (the control API's paths /simulator/agents/{username}/... could not reach this user)";
	if (BUILT_IN_NAMES.has(name)) return `is a JavaScript built-in name (${[...BUILT_IN_NAMES].slice(0, 4).join(', ')}, ...) that lookups by name would confuse`;
	return undefined;
}

export interface UserState {
	id: string;
	displayName: string;
	state: string;
	workMode?: string;
}

/** Agent states (docs/FIDELITY.md L1); ids are stable per state so clients can compare them. */
export const AGENT_STATES: Record<string, UserState> = {
	Ready: { id: '9430250E-0A1B-4B1A-9B9B-2D5C1F0A0001', displayName: 'Ready', state: 'Ready' },
	NotReady: { id: '900D55CC-2BB8-4F45-8E9B-1E3B0F0A0002', displayName: 'Not Ready', state: 'NotReady' },
	AfterCallWork: {
		id: '900D55CC-2BB8-4F45-8E9B-1E3B0F0A0003',
		displayName: 'AfterCallWork',
		state: 'NotReady',
		workMode: 'AfterCallWork',
	},
	AuxWork: {
		id: '900D55CC-2BB8-4F45-8E9B-1E3B0F0A0004',
		displayName: 'AuxWork',
		state: 'NotReady',
		workMode: 'AuxWork',
	},
	LoggedOut: { id: '900D55CC-2BB8-4F45-8E9B-1E3B0F0A0005', displayName: 'Logged Out', state: 'LoggedOut' },
};

export type MonitorMode = 'ListenIn' | 'Coach' | 'BargeIn';
export type MonitorScope = 'Agent' | 'Call';
export type MonitorPlan = 'NextCall' | 'AllCalls';

/** A supervisor's monitoring set on their device (ListenIn / Coach / BargeIn), as supervisorMonitoringState shows it. */
interface DeviceMonitoring {
	state: MonitorMode;
	mode: MonitorPlan;
	scope: MonitorScope;
	targetDeviceUri: string;
	/** The monitored agent. */
	target: string;
	/** NextCall only: the call that used it up (monitoring ends when the supervisor's leg on it ends). */
	usedBy?: string;
}

export interface SimUser {
	config: SimUserConfig;
	username: string;
	dn: string;
	userId: string;
	deviceId: string;
	/** Logged in on the voice channel (StartContactCenterSession); false: LoggedOut. */
	loggedIn: boolean;
	userState: UserState;
	doNotDisturb: 'On' | 'Off';
	/** ForwardCallsOn destination. */
	forwardTo?: string;
	monitoring?: DeviceMonitoring;
	/** The last AfterCallWork's wrapUpTime (seconds, as sent). */
	wrapUpTime?: string;
	/** StartContactCenterSession's optional place and queue, as sent. */
	place?: string;
	loginQueue?: string;
}

export class UserDirectory {
	private readonly byName = new Map<string, SimUser>();
	private readonly byDn = new Map<string, SimUser>();
	private readonly byDevice = new Map<string, SimUser>();

	/** `loggedOut`: every user starts logged out of the voice channel (--agents-logged-out). */
	constructor(
		configs: SimUserConfig[],
		private readonly loggedOut = false,
	) {
		for (const config of configs) {
			if (!config.username || !config.password || !config.phoneNumber) {
				throw new Error(`Simulator user ${JSON.stringify(config.username)} needs username, password and phoneNumber`);
			}
			const problem = usernameProblem(config.username);
			if (problem) throw new Error(`Simulator username ${JSON.stringify(config.username)} ${problem}`);
			if (this.byName.has(config.username) || this.byDn.has(config.phoneNumber)) {
				throw new Error(`Simulator user ${config.username} / DN ${config.phoneNumber} is configured twice`);
			}
			const user: SimUser = {
				config: { ...config, roles: config.roles ?? ['agent'] },
				username: config.username,
				dn: config.phoneNumber,
				userId: randomUUID().replace(/-/g, '').toUpperCase(),
				deviceId: randomUUID(),
				loggedIn: true,
				userState: AGENT_STATES.NotReady,
				doNotDisturb: 'Off',
			};
			this.initialState(user);
			this.byName.set(user.username, user);
			this.byDn.set(user.dn, user);
			this.byDevice.set(user.deviceId, user);
		}
	}

	all(): SimUser[] {
		return [...this.byName.values()];
	}
	byUsername(username: string): SimUser | undefined {
		return this.byName.get(username);
	}
	/** A user the simulator already knows is configured (an unknown name here is a simulator bug). */
	get(username: string): SimUser {
		const user = this.byName.get(username);
		if (!user) throw new Error(`unknown user ${username}`);
		return user;
	}
	byPhoneNumber(dn: string): SimUser | undefined {
		return this.byDn.get(dn);
	}
	byDeviceId(id: string): SimUser | undefined {
		return this.byDevice.get(id);
	}
	/** A username or a DN. */
	find(nameOrDn: string): SimUser | undefined {
		return this.byName.get(nameOrDn) ?? this.byDn.get(nameOrDn);
	}
	/** Back to the start state (reset()): logged in and NotReady (or logged out), no DND, forwarding or monitoring. */
	resetStates(): void {
		for (const user of this.byName.values()) this.initialState(user);
	}

	private initialState(user: SimUser): void {
		user.loggedIn = !this.loggedOut;
		user.userState = this.loggedOut ? AGENT_STATES.LoggedOut : AGENT_STATES.NotReady;
		user.doNotDisturb = 'Off';
		user.forwardTo = undefined;
		user.monitoring = undefined;
		user.wrapUpTime = undefined;
		user.place = undefined;
		user.loginQueue = undefined;
	}
}

export const isSupervisor = (user: SimUser): boolean => (user.config.roles ?? []).includes('supervisor');
