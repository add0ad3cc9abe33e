/**
 * The credential test both nodes name (`testedBy: 'genesysGwsApiTest'`): really logs in (GET /api/v2/me, as the
 * transport does) and says why it failed, in the transport's own words for refused connections, DNS, TLS,
 * timeouts, 401 and replies that are not GWS JSON (one rule for a GWS reply: transport/reply.ts).
 */
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { GWS_PATHS } from './gwsResources';
import { checkBaseUrl, credentialFields, credentialScrubber, describeNetworkFailure, judgeGwsReply } from './transport';

const TEST_TIMEOUT_MS = 15_000;

async function genesysGwsApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const { baseUrl, username, password, allowUnauthorizedCerts } = credentialFields(credential.data);
	const checked = checkBaseUrl(baseUrl);
	if ('problem' in checked)
		return { status: 'Error', message: `${checked.problem}. ${checked.fix}.` };
	const context = {
		baseUrl: checked.baseUrl,
		username,
		method: 'GET',
		path: GWS_PATHS.me,
		timeoutMs: TEST_TIMEOUT_MS,
		scrub: credentialScrubber(username, password),
	};

	let response: { statusCode: number; body: unknown; headers?: Record<string, unknown> };
	try {
		// ICredentialTestFunctions offers only helpers.request (no httpRequestWithAuthentication): the test
		// passes the credential's Basic auth itself, exactly as the credential's `authenticate` does.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		response = await this.helpers.request({
			method: 'GET',
			uri: checked.baseUrl + context.path,
			auth: {
				user: username,
				pass: password,
				sendImmediately: true,
			},
			headers: { Accept: 'application/json' },
			rejectUnauthorized: !allowUnauthorizedCerts,
			resolveWithFullResponse: true,
			simple: false,
			json: false,
			timeout: TEST_TIMEOUT_MS,
		});
	} catch (error) {
		const failure = describeNetworkFailure(context, error);
		return { status: 'Error', message: `${failure.message}. ${failure.description}` };
	}

	const contentType = response.headers?.['content-type'];
	const verdict = judgeGwsReply(context, {
		httpStatus: response.statusCode,
		contentType: typeof contentType === 'string' ? contentType : '',
		body: typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? ''),
	});
	if (!verdict.ok) {
		return { status: 'Error', message: `${verdict.failure.message}. ${verdict.failure.description}` };
	}
	return { status: 'OK', message: `Logged in to GWS at ${checked.baseUrl} as ${username}` };
}

/** The `credentialTest` methods of both nodes. */
export const credentialTest = { genesysGwsApiTest };
