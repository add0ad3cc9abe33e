import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { credentialFields } from '../nodes/shared/transport/credentials';

/**
 * Genesys Web Services (GWS) API v2 login: HTTP Basic auth on every request. The session cookie and CSRF
 * token GWS hands out on the first GET are managed by nodes/shared/transport, not stored here.
 */
export class GenesysGwsApi implements ICredentialType {
	name = 'genesysGwsApi';

	displayName = 'Genesys GWS API';

	icon = {
		light: 'file:../nodes/GenesysGws/genesysGws.svg',
		dark: 'file:../nodes/GenesysGws/genesysGws.dark.svg',
	} as const;

	// A literal (n8n's lint rule reads it); test/package.test.ts checks it is a README section.
	documentationUrl = 'https://github.com/n8n-nodes-genesys-gws/n8n-nodes-genesys-gws#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://gws.example.com',
			description:
				'Root of the GWS server, without /api/v2 (for example https://gws.example.com or http://10.0.0.5:8090)',
			required: true,
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			description: 'The agent (or supervisor) login name',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		// A boolean switch, not a secret: the rule matches "auth" inside the contract name allowUnauthorizedCerts.
		// eslint-disable-next-line @n8n/community-nodes/credential-password-field
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the server certificate cannot be verified (self-signed or internal CA)',
		},
	];

	/**
	 * Basic auth set by a function, not the generic '={{$credentials.username}}' form: n8n 2.x evaluates
	 * expressions in an isolate it only holds while trigger() runs, so the trigger's later CometD requests
	 * failed with "No bridge acquired" (found by test/e2e in the real n8n). A function needs no expression.
	 *
	 * No declarative `test` request: when a credential has one, n8n's editor uses it and never the node's
	 * `testedBy` (methods/credentialTest.ts), whose messages say why a login failed (URL, refused, TLS, 401).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { username, password } = credentialFields(credentials);
		return { ...requestOptions, auth: { username, password } };
	}
}
