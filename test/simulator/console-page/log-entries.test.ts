/** The console's live log entries (page/logEntries.ts): what a row says, which calls it is about, order, bounds, filters. */
import type { LoggedNotification } from '../../../simulator/api';
import type { ConsoleRequest } from '../../../simulator/console/feed';
import { addEntries, fromNotification, fromRequest, matches } from '../../../simulator/console/page/logEntries';
import { newPageState } from '../../../simulator/console/page/state';

const CALL = '01RCC3N118B1V0SL8O7GK2LAES000009';
const CONSULT = '01RCC3N118B1V0SL8O7GK2LAES000010';

function notification(seq: number, time: number, data: Record<string, unknown>, username = 'agent1'): LoggedNotification {
	return { seq, time, username, channel: '/v2/me/calls', data };
}

function request(seq: number, time: number, overrides: Partial<ConsoleRequest> = {}): ConsoleRequest {
	return { seq, time, method: 'POST', url: `/api/v2/me/calls/${CALL}`, path: `/api/v2/me/calls/${CALL}`, username: 'agent1', headers: {}, status: 200, body: { operationName: 'Answer' }, ...overrides };
}

describe('a notification as a log row', () => {
	test('a call notification: its type, state, call type, the calls it names, and the call remembered for the call card', () => {
		const lastCall = {};
		const call = { id: CONSULT, state: 'Dialing', callType: 'Consult', parentCallUri: `http://127.0.0.1:1/api/v2/me/calls/${CALL}` };
		const entry = fromNotification(notification(7, 1000, { notificationType: 'StatusChange', call, messageType: 'CallStateChangeMessage' }), lastCall);
		expect(entry).toMatchObject({ kind: 'cometd', key: 'n7', time: 1000, user: 'agent1', title: 'StatusChange', st: 'Dialing', detail: 'Consult', ids: [CONSULT, CALL], queued: false });
		expect(lastCall).toEqual({ [`agent1|${CONSULT}`]: call });
	});

	test('a device notification says the agent state, DND and forwarding; an ErrorMessage its message and call', () => {
		const device = fromNotification(
			notification(1, 1, { messageType: 'DeviceStateChangeMessage', devices: [{ userState: { displayName: 'Not Ready' }, doNotDisturb: 'On', forwardTo: '5001' }] }),
			{},
		);
		expect(device).toMatchObject({ title: 'DeviceStateChangeMessage', st: '', detail: 'Not Ready, DND on, forwarding to 5001', ids: [] });
		const error = fromNotification(notification(2, 2, { messageType: 'ErrorMessage', errorMessage: 'destination unreachable', callUri: `http://h/api/v2/me/calls/${CALL}` }), {});
		expect(error).toMatchObject({ title: 'ErrorMessage', detail: 'destination unreachable', ids: [CALL] });
	});
});

describe('a request as a log row', () => {
	test('the operation name, the path without /api/v2 with the call id shortened, the calls in path and body', () => {
		const entry = fromRequest(request(3, 5, { body: { operationName: 'CompleteConference', consultCallUri: `http://h/api/v2/me/calls/${CONSULT}` } }));
		expect(entry).toMatchObject({ kind: 'rest', key: 'r3', title: 'POST /me/calls/...LAES000009', detail: 'CompleteConference', status: 200, ids: [CALL, CONSULT] });
		expect(fromRequest(request(4, 6, { method: 'GET', url: '/api/v2/me/devices?fields=*', path: '/api/v2/me/devices', body: undefined }))).toMatchObject({ title: 'GET /me/devices?fields=*', detail: '', ids: [] });
	});
});

describe('the log', () => {
	test('keeps entries in time order (a request is logged when answered, with the time it arrived), once each', () => {
		const page = newPageState();
		expect(addEntries(page, [notification(1, 10, { notificationType: 'StatusChange' }), notification(2, 30, { notificationType: 'StatusChange' })], []).map((e) => e.key)).toEqual(['n1', 'n2']);
		const fresh = addEntries(page, [notification(2, 30, { notificationType: 'StatusChange' })], [request(1, 20)]);
		expect(fresh.map((e) => e.key)).toEqual(['r1']);
		expect(page.log.map((e) => e.key)).toEqual(['n1', 'r1', 'n2']);
	});

	test('holds at most 3000 entries, forgetting the oldest', () => {
		const page = newPageState();
		addEntries(page, Array.from({ length: 3005 }, (_, i) => notification(i + 1, i, { notificationType: 'StatusChange' })), []);
		expect(page.log).toHaveLength(3000);
		expect(page.log[0].key).toBe('n6');
		expect(page.logKeys.n5).toBeUndefined();
		// A forgotten entry that comes again is new again.
		expect(addEntries(page, [notification(5, 4, {})], [])).toHaveLength(1);
	});

	test('the filter: kind, user, and a part of a call id in any case', () => {
		const rest = fromRequest(request(1, 1));
		const cometd = fromNotification(notification(1, 1, { call: { id: CONSULT } }, 'agent2'), {});
		const all = { user: '', call: '', cometd: true, rest: true };
		expect([matches(rest, all), matches(cometd, all)]).toEqual([true, true]);
		expect([matches(rest, { ...all, rest: false }), matches(cometd, { ...all, cometd: false })]).toEqual([false, false]);
		expect([matches(rest, { ...all, user: 'agent2' }), matches(cometd, { ...all, user: 'agent2' })]).toEqual([false, true]);
		expect([matches(rest, { ...all, call: 'laes000009' }), matches(cometd, { ...all, call: 'laes000009' })]).toEqual([true, false]);
	});
});
