/**
 * The one reading of the `genesysGwsApi` credential: its fields (credentialFields: the transport, the credential
 * test and the credential's own `authenticate` read them through it) and, per n8n context, the credential read
 * once (readGwsCredential).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, INode } from 'n8n-workflow';

import { credentialScrubber, type Scrub } from './errors';
import type { GwsContext } from './requestTypes';

export const GWS_CREDENTIAL_TYPE = 'genesysGwsApi';

/** The credential's fields as entered (Base URL not yet checked: checkBaseUrl). */
export interface GwsCredentialFields {
	baseUrl: unknown;
	username: string;
	password: string;
	allowUnauthorizedCerts: boolean;
}

export function credentialFields(data: ICredentialDataDecryptedObject | undefined): GwsCredentialFields {
	return {
		baseUrl: data?.baseUrl,
		username: typeof data?.username === 'string' ? data.username : '',
		password: typeof data?.password === 'string' ? data.password : '',
		allowUnauthorizedCerts: data?.allowUnauthorizedCerts === true,
	};
}

/** The parts of the credential the transport needs: not the password, which n8n applies (the credential's authenticate). */
export interface GwsServer {
	baseUrl: string;
	username: string;
	allowUnauthorizedCerts: boolean;
	/** Id of the n8n credential in use (part of the session cache key; see session.ts). */
	credentialId: string;
	/** Hides the password (and user:password in base64) in texts a reply echoes; holds them in a closure only. */
	scrub: Scrub;
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

/** The credential as read once: what the transport needs, and n8n's decrypted form for its auth helper. */
export interface GwsCredential {
	server: GwsServer;
	/** Handed back to n8n's httpRequestWithAuthentication, which then skips its own read and decrypt. */
	decrypted: ICredentialsDecrypted;
}

/**
 * Read once per context, not per request: n8n's getCredentials loads and decrypts the credential (and getNode
 * deep-copies the node) on every call, which a CPU profile of the real n8n put at ~3 ms per call of a flow
 * (README "Performance", reaction). An action node's run reads it once for all its items; a trigger once per
 * activation; both read it again after GWS refused the login (forgetGwsCredential), so a corrected password is
 * picked up. Weakly held: gone with the context.
 */
const credentialOf = new WeakMap<object, Promise<GwsCredential>>();

async function load(ctx: GwsContext): Promise<GwsCredential> {
	const data = await ctx.getCredentials(GWS_CREDENTIAL_TYPE);
	const node = ctx.getNode();
	const reference = node.credentials?.[GWS_CREDENTIAL_TYPE];
	const fields = credentialFields(data);
	const server: GwsServer = {
		baseUrl: normalizeBaseUrl(node, fields.baseUrl),
		username: fields.username,
		allowUnauthorizedCerts: fields.allowUnauthorizedCerts,
		credentialId: reference?.id ?? '',
		scrub: credentialScrubber(fields.username, fields.password),
	};
	return {
		server,
		decrypted: { id: reference?.id ?? '', name: reference?.name ?? '', type: GWS_CREDENTIAL_TYPE, data },
	};
}

export function readGwsCredential(ctx: GwsContext): Promise<GwsCredential> {
	let cached = credentialOf.get(ctx);
	if (!cached) {
		cached = load(ctx);
		credentialOf.set(ctx, cached);
		// A failed read is not kept: the next request tries again.
		cached.catch(() => {
			if (credentialOf.get(ctx) === cached) credentialOf.delete(ctx);
		});
	}
	return cached;
}

/** After GWS refused the login: the next request reads the credential again. */
export function forgetGwsCredential(ctx: GwsContext): void {
	credentialOf.delete(ctx);
}

export async function readGwsServer(ctx: GwsContext): Promise<GwsServer> {
	return (await readGwsCredential(ctx)).server;
}
