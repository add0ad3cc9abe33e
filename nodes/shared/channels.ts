/** Where GWS publishes: the Bayeux endpoint and the two voice channels both nodes listen on. */

/** The CometD endpoint under the server root. */
export const NOTIFICATIONS_PATH = '/api/v2/notifications';
/** Call state, participants, user data, recording, monitoring, and ErrorMessage of call operations. */
export const CALLS_CHANNEL = '/v2/me/calls';
/** Device state: agent state, DND, forwarding, supervisor monitoring. */
export const DEVICES_CHANNEL = '/v2/me/devices';

export type GwsChannel = typeof CALLS_CHANNEL | typeof DEVICES_CHANNEL;
