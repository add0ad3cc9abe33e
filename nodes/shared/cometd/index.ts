/**
 * The CometD adapter: the only module that imports `cometd` / `cometd-nodejs-client`.
 * Used by the trigger (long-lived) and by the action node's "wait for confirmation" (short-lived), so a client
 * is cheap: no REST call besides the cached session lookup, one handshake, one subscribe batch.
 */
import { readGwsServer, scrubSecrets, type GwsContext, type Scrub } from '../transport';
import { GwsCometdClient, type NotificationClientOptions } from './client';
import { BayeuxCookieJar } from './cookieJar';
import { createGwsBayeuxSend, resolveBaseUrl } from './gwsBayeuxSend';

export {
	GwsCometdClient,
	NOTIFICATION_CLIENT_DEFAULTS,
	type NotificationClientOptions,
	type NotificationClientStatus,
} from './client';
export type { GwsNotification } from '../notification';

/** A notification client for the credential of `ctx`; call start() to connect and stop() to release everything. */
export function createNotificationClient(
	ctx: GwsContext,
	options?: NotificationClientOptions,
): GwsCometdClient {
	const jar = new BayeuxCookieJar();
	// The credential's scrubber, known once the base URL is (both come from the credential read once).
	let scrub: Scrub | undefined;
	const baseUrl = async () => {
		scrub = (await readGwsServer(ctx)).scrub;
		return await resolveBaseUrl(ctx);
	};
	return new GwsCometdClient(baseUrl, createGwsBayeuxSend(ctx, jar), jar, options, (text) => scrubSecrets(text, scrub));
}
