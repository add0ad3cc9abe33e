/** Configured users, their devices and agent state. One place for the demo users. */
import { randomUUID } from 'crypto';
import type { SimUserConfig } from './api';

/** The demo users: the vendor pages' flows are agent 15000 talking to 15001 and conferencing 15002. */
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

export interface UserState {
	id: string;
	displayName: string;
	state: string;
	workMode?: string;
}

/** Agent states as GWS-API.md §6 shows them (ids are stable per state so clients can compare them). */
export const AGENT_STATES: Record<string, UserState> = {
	Ready: { id: '9430250E-0A1B-4B1A-9B9B-2D5C1F0A0001', displayName: 'Ready', state: 'Ready' },
	NotReady: { id: '900D55CC-2BB8-4F45-8E9B-1E3B0F0A0002', displayName: 'Not Ready', state: 'NotReady' },
	AfterCallWork: {
		id: '900D55CC-2BB8-4F45-8E9B-1E3B0F0A0003',
		displayName: 'After Call Work',
		state: 'NotReady',
		workMode: 'AfterCallWork',
	},
	AuxWork: {
		id: '900D55CC-2BB8-4F45-8E9B-1E3B0F0A0004',
		displayName: 'Aux Work',
		state: 'NotReady',
		workMode: 'AuxWork',
	},
	LoggedOut: { id: '900D55CC-2BB8-4F45-8E9B-1E3B0F0A0005', displayName: 'Logged Out', state: 'LoggedOut' },
};

export interface SimUser {
	config: SimUserConfig;
	username: string;
	dn: string;
	userId: string;
	deviceId: string;
	userState: UserState;
	doNotDisturb: 'On' | 'Off';
}

export class UserDirectory {
	private readonly byName = new Map<string, SimUser>();
	private readonly byDn = new Map<string, SimUser>();

	constructor(configs: SimUserConfig[]) {
		for (const config of configs) {
			if (!config.username || !config.password || !config.phoneNumber) {
				throw new Error(`Simulator user ${JSON.stringify(config.username)} needs username, password and phoneNumber`);
			}
			if (this.byName.has(config.username) || this.byDn.has(config.phoneNumber)) {
				throw new Error(`Simulator user ${config.username} / DN ${config.phoneNumber} is configured twice`);
			}
			const user: SimUser = {
				config: { ...config, roles: config.roles ?? ['agent'] },
				username: config.username,
				dn: config.phoneNumber,
				userId: randomUUID().replace(/-/g, '').toUpperCase(),
				deviceId: randomUUID(),
				userState: AGENT_STATES.NotReady,
				doNotDisturb: 'Off',
			};
			this.byName.set(user.username, user);
			this.byDn.set(user.dn, user);
		}
	}

	all(): SimUser[] {
		return [...this.byName.values()];
	}
	byUsername(username: string): SimUser | undefined {
		return this.byName.get(username);
	}
	byPhoneNumber(dn: string): SimUser | undefined {
		return this.byDn.get(dn);
	}
	/** A username or a DN. */
	find(nameOrDn: string): SimUser | undefined {
		return this.byName.get(nameOrDn) ?? this.byDn.get(nameOrDn);
	}
	/** Back to the logged-in-but-not-ready state (reset()). */
	resetStates(): void {
		for (const user of this.byName.values()) {
			user.userState = AGENT_STATES.NotReady;
			user.doNotDisturb = 'Off';
		}
	}
}
