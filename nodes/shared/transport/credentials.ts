import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import type { GwsContext } from '../contracts';

export const GWS_CREDENTIAL_TYPE = 'genesysGwsApi';

/** The parts of the credential the transport needs. The password is never read here: n8n applies it. */
export interface GwsServer {
	baseUrl: string;
	username: string;
	allowUnauthorizedCerts: boolean;
	/** Id of the n8n credential in use (part of the session cache key; see session.ts). */
	credentialId: string;
}

const BASE_URL_FIX =
	'Set Base URL in the Genesys GWS credential to the server root, e.g. https://gws.example.com';

/**
 * Normalizes what users paste as Base URL: trims, drops trailing slashes and a trailing /api/v2 (a common
 * mistake, since every GWS page prints URLs with it), and insists on http(s). Returns the problem otherwise.
 */
export function checkBaseUrl(raw: unknown): { baseUrl: string } | { problem: string; fix: string } {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (value === '')
		return { problem: 'The Genesys GWS credential has no Base URL', fix: BASE_URL_FIX };
	const trimmed = value.replace(/\/+$/, '').replace(/\/api\/v2$/i, '');
	let parsed: URL;
	try {
		parsed = new URL(trimmed);
	} catch {
		return { problem: `Base URL "${withoutUserinfo(value)}" is not a valid URL`, fix: BASE_URL_FIX };
	}
	if (parsed.username !== '' || parsed.password !== '') {
		// Refused rather than stripped: the base URL appears in every error message, and a password pasted
		// here would otherwise be shown there (and sent to any proxy in the URL).
		return {
			problem: 'Base URL must not contain a username or password (user:password@host)',
			fix: 'Remove them from Base URL and use the Username and Password fields of the Genesys GWS credential',
		};
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return {
			problem: `Base URL "${withoutUserinfo(value)}" must start with http:// or https://`,
			fix: BASE_URL_FIX,
		};
	}
	return { baseUrl: trimmed };
}

/** For echoing an unusable Base URL: anything before an "@" may be a pasted password, so it is hidden. */
function withoutUserinfo(value: string): string {
	const at = value.lastIndexOf('@');
	if (at === -1) return value;
	const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? '';
	return `${scheme}***@${value.slice(at + 1)}`;
}

function normalizeBaseUrl(node: INode, raw: unknown): string {
	const checked = checkBaseUrl(raw);
	if ('problem' in checked)
		throw new NodeOperationError(node, checked.problem, { description: checked.fix });
	return checked.baseUrl;
}

/**
 * Per node run of the action node: its items all use the same credential (read without an item index), so it
 * is read once, not twice per item (n8n's getCredentials decrypts and getNode deep-copies the node each time).
 * Weakly held: gone with the execution context. Trigger contexts live as long as the workflow is active, so
 * they read the credential each time.
 */
const serverOfRun = new WeakMap<object, GwsServer>();

export async function readGwsServer(ctx: GwsContext): Promise<GwsServer> {
	const perRun = 'getInputData' in ctx;
	const cached = perRun ? serverOfRun.get(ctx) : undefined;
	if (cached) return cached;
	const credentials = await ctx.getCredentials(GWS_CREDENTIAL_TYPE);
	const node = ctx.getNode();
	const server: GwsServer = {
		baseUrl: normalizeBaseUrl(node, credentials.baseUrl),
		username: typeof credentials.username === 'string' ? credentials.username : '',
		allowUnauthorizedCerts: credentials.allowUnauthorizedCerts === true,
		credentialId: node.credentials?.[GWS_CREDENTIAL_TYPE]?.id ?? '',
	};
	if (perRun) serverOfRun.set(ctx, server);
	return server;
}
