import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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

	documentationUrl = 'https://docs.genesys.com/Documentation/HTCC/latest/API/Requests';

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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.username}}',
				password: '={{$credentials.password}}',
			},
		},
	};

	// The node's credentialTest (methods/credentialTest.ts) replaces this in the editor with a test that says
	// why a login failed; this declarative request is the fallback n8n requires on every credential.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v2/me',
			method: 'GET',
			skipSslCertificateValidation: '={{$credentials.allowUnauthorizedCerts}}',
		},
	};
}
