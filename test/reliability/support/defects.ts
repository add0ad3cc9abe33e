/**
 * The defects the reliability suite found, in one place: known-defects.test.ts tests the correct behaviour of
 * each (skipped until fixed) and render-report.ts lists them in docs/RELIABILITY.md.
 * Fixed and removed from this list (their tests in known-defects.test.ts now run): D1 dot-segment ids, D2 no
 * length limits, D3 unbounded user data depth, D4 mid-body reset wording, D7 password in Base URL, D8 timeout
 * overflow.
 */
export interface Defect {
	id: string;
	title: string;
	input: string;
	observed: string;
	expected: string;
	suspected: string;
}

export const DEFECTS: Defect[] = [
	{
		id: 'D5',
		title: 'A channel-less Bayeux message stalls the trigger for good',
		input: 'A long-poll reply [{"data":{"a":1}}, <the /meta/connect reply>] (also {"channel":42,...})',
		observed: 'No later notification is delivered (waited 70 s), nothing is logged, no emitError: the workflow looks active but is deaf',
		expected: 'The bad message is skipped (and logged); the connect loop and the stream go on',
		suspected:
			'nodes/shared/cometd/long-polling.ts xhrSend: the reply goes to cometd.js (packet.onSuccess) unchecked; cometd.js apparently fails on the channel-less message and never schedules the next /meta/connect, and no onInternalError/status reaches the trigger. Likely fix: drop messages without a string channel (and log them) before onSuccess, plus a watchdog on the connect loop',
	},
	{
		id: 'D6',
		title: 'The trigger\'s User Data Key filter matches inherited keys',
		input: 'Filter "User Data Key" = constructor (or toString, __proto__, hasOwnProperty), "User Data Value" empty',
		observed: 'Every call that has any user data starts an execution (the check is `key in userData`, true for Object.prototype members)',
		expected: 'Only calls whose user data has that key of its own (Object.prototype.hasOwnProperty.call)',
		suspected: 'nodes/GenesysGwsTrigger/filters.ts compileCallFilter(), the userDataKey check',
	},
];
