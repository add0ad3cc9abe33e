/** The configured users with their device as GWS renders it (GET /simulator/agents, the console). */
import type { SimAgentSnapshot } from './api';
import { renderDevice } from './notifications';
import type { UserDirectory } from './users';

export function agentSnapshots(users: UserDirectory, baseUrl: string): SimAgentSnapshot[] {
	return users.all().map((user) => ({
		username: user.username,
		phoneNumber: user.dn,
		firstName: user.config.firstName,
		lastName: user.config.lastName,
		roles: [...(user.config.roles ?? ['agent'])],
		deviceId: user.deviceId,
		device: renderDevice(baseUrl, user),
		loggedIn: user.loggedIn,
		place: user.place,
		loginQueue: user.loginQueue,
		wrapUpTime: user.wrapUpTime,
		monitoring: user.monitoring && {
			target: user.monitoring.target,
			state: user.monitoring.state,
			mode: user.monitoring.mode,
			scope: user.monitoring.scope,
		},
	}));
}
