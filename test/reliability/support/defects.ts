/**
 * The defects the reliability suite found, in one place: known-defects.test.ts tests the correct behaviour of
 * each (skipped while open, a regression test once fixed) and render-report.ts lists them in docs/RELIABILITY.md.
 */
export interface Defect {
	id: string;
	title: string;
	input: string;
	observed: string;
	expected: string;
	suspected: string;
	/** The commit that fixed it (its test in known-defects.test.ts then runs as a regression test). */
	fixedIn?: string;
}

export const DEFECTS: Defect[] = [
	{
		id: 'D1',
		title: 'Dot-segment ids change the request path (path traversal)',
		input: 'Call "..", "." (any call operation, Get); Device ID ".." (Dial); Other/Consult Call ".."',
		observed:
			'encodeURIComponent leaves "." and "..", and the URL parser removes dot segments: Hang Up with Call ".." POSTs {"operationName":"Hangup"} to /api/v2/me; Call "." goes to /api/v2/me/calls/; Dial with Device ID ".." POSTs {"operationName":"Dial",...} to /api/v2/me/calls; Other Call ".." is sent as <base>/api/v2/me/calls/..',
		expected: 'Refused before sending, naming the parameter (encoding is not enough: the URL parser also treats %2E%2E as "..")',
		suspected: 'nodes/shared/transport/index.ts gwsPath(); nodes/GenesysGws/actions/parameters.ts checkParams() / toCallUri()',
		fixedIn: '8ec12c1',
	},
	{
		id: 'D2',
		title: 'No length limit on ids and texts',
		input: 'Call ID of 5,000 characters (also 100,000-character user data values)',
		observed: 'Sent to GWS; the 404 error message then repeats all 5,000 characters',
		expected: 'Refused before sending with an error naming "Call" and a short excerpt of the value',
		suspected: 'nodes/GenesysGws/actions/parameters.ts asText(); nodes/shared/transport/errors.ts describeTarget() (no truncation)',
		fixedIn: '8ec12c1',
	},
	{
		id: 'D3',
		title: 'User Data depth is not bounded',
		input: 'User Data nested 60 levels deep ({"k":{"k":...}})',
		observed: 'Sent to GWS as is',
		expected: 'Refused naming "User Data" (GWS user data is key/value pairs with at most a few levels of KVList)',
		suspected: 'nodes/GenesysGws/actions/parameters.ts parseUserData()',
		fixedIn: '8ec12c1',
	},
	{
		id: 'D4',
		title: 'A reset half-way through the response body gives no fix',
		input: 'GWS (a proxy) sends the status line, headers and half the body, then resets the connection',
		observed: 'Error "The request to GWS at <url> failed (POST ...)" with description "stream has been aborted"',
		expected: '"GWS at <url> closed the connection during POST ..." with the retry advice, as for ECONNRESET before the reply',
		suspected: 'nodes/shared/transport/errors.ts describeNetworkFailure() (the axios "stream has been aborted" case falls to the generic branch)',
		fixedIn: '8ec12c1',
	},
	{
		id: 'D5',
		title: 'A channel-less Bayeux message stalls the trigger for good',
		input: 'A long-poll reply [{"data":{"a":1}}, <the /meta/connect reply>] (also {"channel":42,...})',
		observed: 'No later notification is delivered (waited 70 s), nothing is logged, no emitError: the workflow looks active but is deaf',
		expected: 'The bad message is skipped (and logged); the connect loop and the stream go on',
		suspected:
			'nodes/shared/cometd/long-polling.ts xhrSend: the reply goes to cometd.js (packet.onSuccess) unchecked; cometd.js apparently fails on the channel-less message and never schedules the next /meta/connect, and no onInternalError/status reaches the trigger. Likely fix: drop messages without a string channel (and log them) before onSuccess, plus a watchdog on the connect loop',
		fixedIn: 'ebfbf45',
	},
	{
		id: 'D6',
		title: 'The trigger\'s User Data Key filter matches inherited keys',
		input: 'Filter "User Data Key" = constructor (or toString, __proto__, hasOwnProperty), "User Data Value" empty',
		observed: 'Every call that has any user data starts an execution (the check is `key in userData`, true for Object.prototype members)',
		expected: 'Only calls whose user data has that key of its own (Object.prototype.hasOwnProperty.call)',
		suspected: 'nodes/GenesysGwsTrigger/filters.ts compileCallFilter(), the userDataKey check',
		fixedIn: 'ebfbf45',
	},
	{
		id: 'D7',
		title: 'A password inside Base URL reaches error messages',
		input: 'Base URL "http://relagent:<password>@127.0.0.1:9" (user:password@host, as some users paste it)',
		observed: 'Accepted; the error item reads "Could not connect to GWS at http://relagent:<URL-encoded password>@127.0.0.1:9: the connection was refused"',
		expected: 'Refused with "Base URL must not contain a username or password; use the Username and Password fields" (or userinfo stripped from every message)',
		suspected: 'nodes/shared/transport/credentials.ts checkBaseUrl() (no check of URL.username/password); errors.ts uses baseUrl verbatim',
		fixedIn: '8ec12c1',
	},
	{
		id: 'D8',
		title: 'A Timeout option above 24.8 days times out at once',
		input: 'Options > Timeout (Seconds) = 3000000',
		observed: 'Node prints TimeoutOverflowWarning ("Timeout duration was set to 1") and the item fails after ~30 ms with "did not answer GET /api/v2/me within 3000000 s"',
		expected: 'Refused naming "timeout" with its maximum (2147483 s), or clamped',
		suspected: 'nodes/GenesysGws/actions/execute.ts readOptions() (checks > 0 only); the value reaches the HTTP timeout (setTimeout limit 2^31-1 ms)',
		fixedIn: '8ec12c1',
	},
	{
		id: 'D9',
		title: 'Consult Call / Other Call given as a bare id escape the id length limit',
		input: 'Other Call (Swap Calls, Merge) or Consult Call (Complete Conference/Transfer) = a bare id of 257-2,000 characters',
		observed: 'Accepted and sent as <base>/api/v2/me/calls/<id>: only the expanded URI is held to MAX_URI_LENGTH (2,048), while Call and Device ID are refused above MAX_ID_LENGTH (256)',
		expected: 'A bare id refused above MAX_ID_LENGTH naming the parameter, like Call',
		suspected: 'nodes/GenesysGws/actions/parameters.ts, the consultCallUri/otherCallUri branch (toCallUri) checks the URI length only',
		fixedIn: 'f796074',
	},
	{
		id: 'D10',
		title: 'The trigger\'s Test Step Timeout is not checked',
		input: 'Trigger Options > Test Step Timeout (Seconds) = 3000000, 0 or -5 (by expression or API; the UI has minValue 1)',
		observed: '3000000: TimeoutOverflowWarning and the test step fails after ~70 ms saying "within 3000000000 ms"; 0 and -5: fails at once "within -5000 ms"',
		expected: 'Refused at activation naming "Test Step Timeout" with its range (1 to 2,147,483 s), like the action node\'s timeouts',
		suspected: 'nodes/GenesysGwsTrigger/trigger-session.ts startTrigger(): options.manualTimeout is used unchecked (MAX_TIMEOUT_S of nodes/GenesysGws/actions/limits.ts could be shared)',
		fixedIn: '8711189',
	},
	{
		id: 'D11',
		title: 'A notification in a long-poll reply cut by the network is lost for good',
		input: 'The trigger is active; the /meta/connect reply that carries a new call\'s StatusChange (Ringing) is cut half-way (connection reset)',
		observed: 'The client reconnects with the same clientId (logs "reconnecting ... closed the connection"), so no re-handshake and no resync: the Ringing call never starts an execution (waited 3 s; only later calls do). CometD servers count a written reply as delivered (no ack extension)',
		expected: 'After any failed /meta/connect (a reply that may have carried messages), the trigger resyncs once the connection is back, as after a re-handshake: the call is reported (flagged resync, reason "new")',
		suspected: 'nodes/shared/cometd/client.ts: onResubscribed fires only after a (re)handshake; the "recovered" path after a failed connect does not trigger the resync in nodes/GenesysGwsTrigger/trigger-session.ts',
		fixedIn: 'e6c18e7',
	},
];
