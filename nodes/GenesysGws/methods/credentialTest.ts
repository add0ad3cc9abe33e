/**
 * The credential test: really logs in (GET /api/v2/me, as the transport does) and says why it failed, with the
 * transport's own wording for refused connections, DNS, TLS, timeouts, 401 and non-JSON replies.
 */
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
	JsonObject,
} from 'n8n-workflow';

import {
	checkBaseUrl,
	describeNetworkFailure,
	describeNonJson,
	describeResponseFailure,
} from '../../shared/transport';

const TEST_TIMEOUT_MS = 15_000;

export async function genesysGwsApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const checked = checkBaseUrl(data.baseUrl);
	if ('problem' in checked)
		return { status: 'Error', message: `${checked.problem}. ${checked.fix}.` };
	const username = typeof data.username === 'string' ? data.username : '';
	const context = {
		baseUrl: checked.baseUrl,
		username,
		method: 'GET',
		path: '/api/v2/me',
		timeoutMs: TEST_TIMEOUT_MS,
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
				pass: typeof data.password === 'string' ? data.password : '',
				sendImmediately: true,
			},
			headers: { Accept: 'application/json' },
			rejectUnauthorized: data.allowUnauthorizedCerts !== true,
			resolveWithFullResponse: true,
			simple: false,
			json: false,
			timeout: TEST_TIMEOUT_MS,
		});
	} catch (error) {
		const failure = describeNetworkFailure(context, error);
		return { status: 'Error', message: `${failure.message}. ${failure.description}` };
	}

	const text =
		typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		const contentType = response.headers?.['content-type'];
		const failure = describeNonJson(
			context,
			response.statusCode,
			typeof contentType === 'string' ? contentType : '',
			text,
		);
		return { status: 'Error', message: `${failure.message}. ${failure.description}` };
	}
	const json = body as JsonObject;
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	if (!ok || (json.statusCode !== undefined && json.statusCode !== 0)) {
		const failure = describeResponseFailure(context, response.statusCode, json, text);
		return { status: 'Error', message: `${failure.message}. ${failure.description}` };
	}
	return { status: 'OK', message: `Logged in to GWS at ${checked.baseUrl} as ${username}` };
}
