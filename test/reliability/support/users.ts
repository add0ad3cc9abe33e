/**
 * Simulator users with distinctive passwords, so a leaked secret is unmistakable when scanning errors, logs and
 * output items (a demo password like "agent1pass" could appear by chance in a username or a message).
 */
import type { SimUserConfig } from '../../../simulator/api';
import type { GwsTestCredential } from '../../helpers/n8n';

export const REL_USERS: SimUserConfig[] = [
	{ username: 'relagent', password: 'Qv7#relPW-agent!9931-zeta', phoneNumber: '15000', firstName: 'Rel', lastName: 'Agent' },
	{ username: 'relpeer', password: 'Kx2$relPW-peer!4417-omega', phoneNumber: '15001', firstName: 'Rel', lastName: 'Peer' },
	{
		username: 'relsuper',
		password: 'Lm5%relPW-super!8062-sigma',
		phoneNumber: '15002',
		firstName: 'Rel',
		lastName: 'Super',
		roles: ['agent', 'supervisor'],
	},
];

export function credentialOf(baseUrl: string, user: SimUserConfig = REL_USERS[0], extra: Partial<GwsTestCredential> = {}): GwsTestCredential {
	return { baseUrl, username: user.username, password: user.password, ...extra };
}
