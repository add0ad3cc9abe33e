/**
 * The request GWS's pages show for each operation of the node: method, path and example body, written as data
 * from the vendor pages (the `source` of each), so that tests compare what the node sends with the vendor's wire
 * form instead of restating the node's own rules (destination as {"phoneNumber": ...}, ids as call URIs, ...).
 *
 * Where a page's sample has a value the node takes from a parameter, the template says `<name>` (the parameter's
 * name, or `callUuid`, the call's own id the node copies); `<Base URL>` is the server root. A whole-string
 * `<name>` stands for the value as it is (an object for userData); inside a path or URI for the value URL-encoded,
 * as the pages print ids. A body field whose value is not given is left out (an optional parameter left empty).
 * Keyed by the node's operation value: a new operation needs the request its page shows, here.
 */
export interface VendorRequest {
	source: string;
	method: 'GET' | 'POST';
	/** With `<name>` for ids, e.g. `/api/v2/me/calls/<callId>`. */
	path: string;
	query?: string;
	body?: Record<string, unknown>;
}

const CALLS = 'https://docs.genesys.com/Documentation/HTCC/latest/API';
const CALL_PATH = '/api/v2/me/calls/<callId>';
const DEVICE_PATH = '/api/v2/me/devices/<deviceId>';
/** Call control (CallControl page: "/me/calls/{id}", the body's operationName and the attributes it lists). */
const onCall = (operationName: string, source: string, fields: Record<string, unknown> = {}): VendorRequest => ({
	source,
	method: 'POST',
	path: CALL_PATH,
	body: { operationName, ...fields },
});
const onDevice = (operationName: string, source: string, fields: Record<string, unknown> = {}): VendorRequest => ({
	source,
	method: 'POST',
	path: DEVICE_PATH,
	body: { operationName, ...fields },
});
const toNumber = { destination: { phoneNumber: '<destination>' }, location: '<location>', userData: '<userData>' };
/** docs/FIDELITY.md [CALLCTL]: the API reference's "Call Control" table (operationName, required attributes, URI). */
const CALL_CONTROL = 'Web Services API Reference, page "Call Control"';
/** The JSON samples of the four conference pages, as fixtures (their requests are compared below). */
const fixture = (page: string) => `${page} page: test/simulator/fixtures/${page}.json`;
const monitoring = {
	targetDeviceUri: '<Base URL>/api/v2/devices/<targetDeviceUri>',
	supervisorMonitoringScope: '<supervisorMonitoringScope>',
	supervisorMonitoringMode: '<supervisorMonitoringMode>',
	phoneNumber: '<phoneNumber>',
};

export const VENDOR_REQUESTS: Record<string, VendorRequest> = {
	dial: {
		source: 'https://en.docs.genesys.com/index.php?diff=cur&oldid=329726&title=Documentation%3AHTCC%3AAPI%3ACallsDial%3A8.5.2',
		method: 'POST',
		path: '/api/v2/me/devices/<deviceId>/calls',
		body: { operationName: 'Dial', ...toNumber },
	},
	answer: onCall('Answer', `${CALLS}/CallsAnswer`),
	hangup: onCall('Hangup', `${CALLS}/CallsHangup`),
	reject: onCall('Reject', `${CALLS}/CallsReject`),
	hold: onCall('Hold', CALL_CONTROL),
	retrieve: onCall('Retrieve', CALL_CONTROL),
	singleStepTransfer: onCall('SingleStepTransfer', `${CALLS}/SingleStepTransfer`, toNumber),
	singleStepConference: onCall('SingleStepConference', fixture('SingleStepConference'), toNumber),
	initiateConference: onCall('InitiateConference', fixture('InitiateConference'), toNumber),
	completeConference: onCall('CompleteConference', fixture('CompleteConference'), {
		consultCallUri: '<Base URL>/api/v2/me/calls/<consultCallUri>',
	}),
	sendDtmf: onCall('SendDtmf', CALL_CONTROL, { digits: '<digits>' }),
	removeParticipantFromConference: onCall('RemoveParticipantFromConference', fixture('RemoveParticipantFromConference'), {
		participant: '<participant>',
	}),
	muteCall: onCall('MuteCall', CALL_CONTROL),
	unmuteCall: onCall('UnmuteCall', CALL_CONTROL),
	swapCalls: onCall('SwapCalls', `${CALLS}/SwapCalls`, { otherCallUri: '<Base URL>/api/v2/me/calls/<otherCallUri>' }),
	mergeWithOtherCall: onCall('MergeWithOtherCall', CALL_CONTROL, { otherCallUri: '<Base URL>/api/v2/me/calls/<otherCallUri>' }),
	initiateTransfer: onCall('InitiateTransfer', `${CALLS}/InitiateTransfer`, toNumber),
	completeTransfer: onCall('CompleteTransfer', 'https://docs.genesys.com/Documentation/HTCC/8.5.2/API/CompleteTransfer', {
		consultCallUri: '<Base URL>/api/v2/me/calls/<consultCallUri>',
	}),
	attachUserData: onCall('AttachUserData', `${CALLS}/AttachUserData`, { userData: '<userData>' }),
	updateUserData: onCall('UpdateUserData', 'https://enu.docs.genesys.com/Documentation/HTCC/latest/API/UpdateUserData', {
		userData: '<userData>',
	}),
	deleteUserDataPair: onCall('DeleteUserDataPair', `${CALLS}/DeleteUserDataPair`, { key: '<key>' }),
	deleteUserData: onCall('DeleteUserData', `${CALLS}/DeleteUserData`),
	clearCall: onCall('ClearCall', `${CALLS}/ClearCall`),
	startCallRecording: onCall('StartCallRecording', 'https://docs.genesys.com/Documentation/GWS/8.6.0/API/CallRecordingStartCallRecording'),
	pauseCallRecording: onCall('PauseCallRecording', 'https://docs.genesys.com/Documentation/GWS/8.6.0/API/CallRecordingPauseCallRecording'),
	resumeCallRecording: onCall('ResumeCallRecording', 'https://docs.genesys.com/Documentation/GWS/8.6.0/API/CallRecordingResumeCallRecording'),
	stopCallRecording: onCall('StopCallRecording', 'https://docs.genesys.com/Documentation/GWS/8.6.0/API/CallRecordingStopCallRecording'),
	setCallDisposition: onCall('SetCallDisposition', `${CALLS}/CallsSetCallDisposition`, {
		callUri: '<Base URL>/api/v2/me/calls/<callId>',
		callUuid: '<callUuid>',
		disposition: '<disposition>',
		dispositionKey: '<dispositionKey>',
	}),
	get: { source: 'https://docs.genesys.com/Documentation:HTCC:API:CallsAPI:8.5.0', method: 'GET', path: CALL_PATH },
	getAll: {
		source: 'https://docs.genesys.com/Documentation/GWS/8.6.0/API/RecoveringExistingState',
		method: 'GET',
		path: '/api/v2/me/calls',
		query: 'fields=*',
	},
	listenIn: onDevice('ListenIn', `${CALLS}/SupervisorListenIn`, monitoring),
	coach: onDevice('Coach', 'https://docs.genesys.com/Documentation/GWS/8.5.2/API/SupervisorCoach', monitoring),
	bargeIn: onDevice('BargeIn', `${CALLS}/SupervisorBargeIn`, monitoring),
	cancelMonitoring: onDevice('CancelSupervisorMonitoring', `${CALLS}/SupervisorCancelMonitoring`),
	switchToListenIn: onCall('SwitchToListenIn', `${CALLS}/SupervisorSwitchToListenin`),
	switchToBargeIn: onCall('SwitchToBargeIn', `${CALLS}/SupervisorSwitchToBargeIn`),
	muteMonitoredUser: onCall('MuteMonitoredUser', `${CALLS}/SupervisorMuteMonitoredUser`),
	unmuteMonitoredUser: onCall('UnmuteMonitoredUser', 'https://docs.genesys.com/Documentation:HTCC:API:SupervisorUnmuteMonitoredUser:8.5.2'),
	startSession: {
		source: `${CALLS}/StartContactCenterSession (place; loginCode and queue: https://docs.genesys.com/Documentation/HTCC/8.5.0/API/AsyncTelephonyOpsPresence)`,
		method: 'POST',
		path: '/api/v2/me',
		body: { operationName: 'StartContactCenterSession', channels: ['voice'], place: '<place>', loginCode: '<loginCode>', queue: '<queue>' },
	},
	endSession: {
		source: 'https://docs.genesys.com/Documentation/HTCC/8.5.2/API/EndContactCenterSession',
		method: 'POST',
		path: '/api/v2/me',
		body: { operationName: 'EndContactCenterSession' },
	},
	setState: {
		source: 'https://docs.genesys.com/Documentation/GWS/8.6.0/API/AgentStateReady and siblings (wrapUpTime: https://docs.genesys.com/Documentation/GWS/8.5.2/API/AgentStateAfterCallWork)',
		method: 'POST',
		path: '/api/v2/me/channels/voice',
		body: { operationName: '<agentState>', wrapUpTime: '<wrapUpTime>' },
	},
	doNotDisturbOn: onDevice('DoNotDisturbOn', `${CALLS}/AgentStateDoNotDisturbOn`),
	doNotDisturbOff: onDevice('DoNotDisturbOff', 'https://docs.genesys.com/Documentation/GWS/8.5.2/API/AgentStateDoNotDisturbOff'),
	// A plain string here, not {"phoneNumber": ...}: the ForwardCallsOn page's sample.
	forwardCallsOn: onDevice('ForwardCallsOn', 'https://docs.genesys.com/Documentation/GWS/latest/API/ForwardCallsOn', { destination: '<destination>' }),
	forwardCallsOff: onDevice('ForwardCallsOff', 'https://docs.genesys.com/Documentation/GWS/latest/API/ForwardCallsOn'),
	getDevices: {
		source: 'https://docs.genesys.com/Documentation/GWS/8.6.0/API/RecoveringExistingState',
		method: 'GET',
		path: '/api/v2/me/devices',
		query: 'fields=*',
	},
};

/** The request a template stands for with these values: the path raw (ids encoded) and decoded, and the body. */
export interface ExpectedRequest {
	method: 'GET' | 'POST';
	/** As sent: ids URL-encoded, without the query. */
	rawPath: string;
	/** Decoded, as the simulator logs `path`. */
	path: string;
	query?: string;
	body?: Record<string, unknown>;
}

const PLACEHOLDER = /<([A-Za-z ]+)>/g;

function fill(text: string, values: Record<string, unknown>, baseUrl: string, encode: boolean): string | undefined {
	let missing = false;
	const filled = text.replace(PLACEHOLDER, (_all, name: string) => {
		if (name === 'Base URL') return baseUrl;
		const value = values[name];
		if (value === undefined || value === '') missing = true;
		return encode ? encodeURIComponent(String(value)) : String(value);
	});
	return missing ? undefined : filled;
}

function fillValue(template: unknown, values: Record<string, unknown>, baseUrl: string): unknown {
	if (typeof template === 'string') {
		const whole = /^<([A-Za-z]+)>$/.exec(template);
		if (whole) return values[whole[1]] === '' ? undefined : values[whole[1]];
		return fill(template, values, baseUrl, true);
	}
	if (Array.isArray(template)) return template.map((t) => fillValue(t, values, baseUrl));
	if (template && typeof template === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, t] of Object.entries(template)) {
			const v = fillValue(t, values, baseUrl);
			if (v !== undefined && !(typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => x === undefined))) {
				out[key] = v;
			}
		}
		return out;
	}
	return template;
}

/** The vendor's request for `operation` with these parameter values (and `callUuid`), on `baseUrl`. */
export function vendorRequest(operation: string, values: Record<string, unknown>, baseUrl: string): ExpectedRequest {
	const template = VENDOR_REQUESTS[operation];
	if (!template) throw new Error(`No vendor request for operation "${operation}": add the request its GWS page shows to test/conformance/vendorRequests.ts`);
	const rawPath = fill(template.path, values, baseUrl, true);
	const path = fill(template.path, values, baseUrl, false);
	if (rawPath === undefined || path === undefined) throw new Error(`The path of "${operation}" needs a value: ${template.path}`);
	const expected: ExpectedRequest = { method: template.method, rawPath, path };
	if (template.query) expected.query = template.query;
	if (template.body) expected.body = fillValue(template.body, values, baseUrl) as Record<string, unknown>;
	return expected;
}

/** The parameter names a template takes values for (`<name>` anywhere in its path or body). */
export function namesIn(operation: string): Set<string> {
	const text = JSON.stringify(VENDOR_REQUESTS[operation] ?? {});
	return new Set([...text.matchAll(/<([A-Za-z]+)>/g)].map((m) => m[1]));
}
