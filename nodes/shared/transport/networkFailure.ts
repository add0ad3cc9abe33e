/** Failures to get any reply from GWS (refused, DNS, TLS, timeout, reset), explained with the fix. */
import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { excerpt } from '../text';
import { scrubSecrets } from './errors';
import type { FailureText, GwsErrorContext } from './errors';

/** Collects error codes and messages down the cause chain (n8n wraps axios errors in NodeApiError). */
function causeChain(error: unknown): { codes: string[]; messages: string[] } {
	const codes: string[] = [];
	const messages: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const e = current as { code?: unknown; message?: unknown; cause?: unknown; reason?: unknown };
		if (typeof e.code === 'string') codes.push(e.code.toUpperCase());
		if (typeof e.message === 'string') messages.push(e.message);
		current = e.cause ?? e.reason;
	}
	return { codes, messages };
}

const TLS_CODES = [
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'UNABLE_TO_GET_ISSUER_CERT',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'CERT_UNTRUSTED',
	'CERT_SIGNATURE_FAILURE',
];

/** True when the error is the caller's own abort (abortSignal), not a failure of GWS. */
export function isAbortError(error: unknown): boolean {
	const { codes, messages } = causeChain(error);
	return (
		codes.includes('ERR_CANCELED') ||
		messages.some((m) => /^(canceled|aborted|this operation was aborted)$/i.test(m))
	);
}

/** Maps a failure to reach GWS (no HTTP reply) to a clear error naming the base URL and the fix. */
export function networkError(node: INode, ctx: GwsErrorContext, error: unknown) {
	const { message, description } = describeNetworkFailure(ctx, error);
	return new NodeOperationError(node, message, { description, itemIndex: ctx.itemIndex });
}

export function describeNetworkFailure(
	ctx: Pick<GwsErrorContext, 'baseUrl' | 'method' | 'path' | 'timeoutMs' | 'scrub'>,
	error: unknown,
): FailureText {
	const { codes, messages } = causeChain(error);
	const has = (...wanted: string[]) => wanted.some((c) => codes.includes(c));
	const text = messages.join(' | ');
	const server = ctx.baseUrl;
	let message: string;
	let description: string;
	if (has('ECONNREFUSED')) {
		message = `Could not connect to GWS at ${server}: the connection was refused`;
		description = `Check Base URL (host and port) in the Genesys GWS credential and that GWS is running and reachable from n8n (connection refused).`;
	} else if (has('ENOTFOUND', 'EAI_AGAIN')) {
		message = `Could not find the GWS host of ${server}`;
		description = `The host name did not resolve (DNS). Check Base URL in the Genesys GWS credential.`;
	} else if (has(...TLS_CODES) || /certificate/i.test(text)) {
		const code = codes.find((c) => TLS_CODES.includes(c)) ?? 'certificate error';
		message = `The TLS certificate of ${server} was not accepted`;
		description = `Node.js said: ${code}. If GWS uses a self-signed or internal certificate, turn on "Ignore SSL Issues (Insecure)" in the Genesys GWS credential, or make n8n trust your CA (NODE_EXTRA_CA_CERTS).`;
	} else if (
		has('EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER') ||
		/wrong version number|ssl/i.test(text)
	) {
		message = `The TLS handshake with ${server} failed`;
		description = `Check whether GWS expects http:// or https:// and use that in Base URL of the Genesys GWS credential.`;
	} else if (has('ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT') || /timeout/i.test(text)) {
		message = `GWS at ${server} did not answer ${ctx.method} ${excerpt(ctx.path, 200)} within ${formatSeconds(ctx.timeoutMs)}`;
		description = `Raise the timeout in the node's options, or check the load on GWS and the network between n8n and ${server}.`;
	} else if (
		has('ECONNRESET', 'EPIPE') ||
		// axios' wording when the connection drops after the headers, half-way through the body.
		/socket hang up|stream has been aborted/i.test(text)
	) {
		message = `GWS at ${server} closed the connection during ${ctx.method} ${excerpt(ctx.path, 200)}`;
		description =
			'The server or a proxy dropped the connection. Retry, or enable "Retry On Fail" in the node settings.';
	} else {
		message = `The request to GWS at ${server} failed (${ctx.method} ${excerpt(ctx.path, 200)})`;
		description = scrubSecrets(messages[messages.length - 1] ?? 'Unknown network error', ctx.scrub);
	}
	return { message, description };
}

function formatSeconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
