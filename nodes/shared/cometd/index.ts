/**
 * The CometD adapter: the only module that imports `cometd` / `cometd-nodejs-client`.
 * Used by the trigger (long-lived) and by the action node's "wait for confirmation" (short-lived), so a client
 * is cheap: no REST call besides the cached session lookup, one handshake, one subscribe batch.
 */
import type { GwsContext } from '../contracts';
import { GwsCometdClient, type NotificationClientOptions } from './client';
import { BayeuxCookieJar } from './cookieJar';
import { createGwsBayeuxSend, resolveBaseUrl, type WireDiagnostics } from './gwsHttp';

export { settledWithin } from './settledWithin';
export {
	GwsCometdClient,
	NOTIFICATION_CLIENT_DEFAULTS,
	type NotificationClientOptions,
	type NotificationClientStatus,
} from './client';

/** A notification client for the credential of `ctx`; call start() to connect and stop() to release everything. */
export function createNotificationClient(
	ctx: GwsContext,
	options?: NotificationClientOptions,
): GwsCometdClient {
	const jar = new BayeuxCookieJar();
	const diagnostics: WireDiagnostics = { authRefused: false };
	return new GwsCometdClient(
		() => resolveBaseUrl(ctx),
		createGwsBayeuxSend(ctx, jar, diagnostics),
		jar,
		diagnostics,
		options,
	);
}
