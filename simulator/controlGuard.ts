/**
 * Who may use /simulator/... (the control API, the console page and its event stream): programs on this machine,
 * not web pages. The loopback address check alone would not do: the console brings a browser, and any web page
 * that browser opens could send it requests to 127.0.0.1 (a form POST needs no permission) or rebind a DNS name
 * of its own to 127.0.0.1. So a request must also name a loopback host, and a browser request (it carries
 * `Origin`) must come from the simulator's own pages. curl and scripts send no `Origin` and are unaffected.
 */
import type { IncomingMessage } from 'http';

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostName(host: string): string {
	// "127.0.0.1:8090" -> "127.0.0.1", "[::1]:8090" -> "[::1]"
	return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
}

/** Why this request may not use the control API, or undefined when it may. */
export function controlRefusal(req: IncomingMessage): string | undefined {
	if (!LOOPBACK_ADDRESSES.has(req.socket.remoteAddress ?? '')) return 'The control API only answers loopback clients';
	const host = req.headers.host;
	if (host !== undefined && !LOOPBACK_NAMES.has(hostName(host).toLowerCase())) {
		return `The control API only answers requests to a loopback host (127.0.0.1, localhost, [::1]), not ${JSON.stringify(host.slice(0, 100))}`;
	}
	const origin = req.headers.origin;
	if (origin !== undefined) {
		let originHost: string | undefined;
		try {
			originHost = new URL(origin).host;
		} catch {
			originHost = undefined;
		}
		if (originHost === undefined || originHost !== host) {
			return `The control API refuses requests from web pages of other origins (Origin ${JSON.stringify(origin.slice(0, 100))}); open the console at /simulator/console`;
		}
	}
	return undefined;
}
