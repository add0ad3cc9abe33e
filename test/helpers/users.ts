/**
 * The users the tests log in as, and the one way to make a credential for one of them:
 *
 *   credentialOf(sim.url, DEMO.agent1)                         // { baseUrl, username: 'agent1', password: 'agent1pass' }
 *   credentialOf(proxy.url, RELAGENT, { allowUnauthorizedCerts: true })
 *   agent1(sim)                                                // the same as credentialOf(sim.url, DEMO.agent1)
 *
 * DEMO are the simulator's default users (simulator/users.ts). REL_USERS have distinctive passwords, so a leaked
 * secret is unmistakable when the reliability suite scans errors, logs and output items (a demo password like
 * "agent1pass" could appear by chance in a username or a message).
 */
import type { SimUserConfig } from '../../simulator/api';
import type { GwsTestCredential } from './n8n';

export const DEMO = {
	agent1: { username: 'agent1', password: 'agent1pass', dn: '15000' },
	agent2: { username: 'agent2', password: 'agent2pass', dn: '15001' },
	supervisor1: { username: 'supervisor1', password: 'supervisor1pass', dn: '15002' },
} as const;

/** A reliability user: the same numbers as the demo users, a distinctive password. */
const relUser = (username: string, password: string, phoneNumber: string, lastName: string, roles?: string[]): SimUserConfig => ({
	username,
	password,
	phoneNumber,
	firstName: 'Rel',
	lastName,
	...(roles ? { roles } : {}),
});

export const REL_USERS: SimUserConfig[] = [
	relUser('relagent', 'Qv7#relPW-agent!9931-zeta', '15000', 'Agent'),
	relUser('relpeer', 'Kx2$relPW-peer!4417-omega', '15001', 'Peer'),
	relUser('relsuper', 'Lm5%relPW-super!8062-sigma', '15002', 'Super', ['agent', 'supervisor']),
];
/** The reliability suite's agent (the user its simulator's calls go to). */
export const RELAGENT = REL_USERS[0];

interface Login {
	username: string;
	password: string;
}

/** A Genesys GWS API credential for `user` on the GWS at `baseUrl`. */
export function credentialOf(baseUrl: string, user: Login, extra: Partial<GwsTestCredential> = {}): GwsTestCredential {
	return { baseUrl, username: user.username, password: user.password, ...extra };
}

/** The demo users' credentials on a running simulator. */
export const agent1 = (sim: { url: string }) => credentialOf(sim.url, DEMO.agent1);
export const agent2 = (sim: { url: string }) => credentialOf(sim.url, DEMO.agent2);
export const supervisor1 = (sim: { url: string }) => credentialOf(sim.url, DEMO.supervisor1);
