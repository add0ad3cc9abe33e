/**
 * The resync bookkeeping and the filters, as pure functions (the integration suites drive them through real
 * CometD; these pin the edge cases: order, gone calls, duplicates, bounds, malformed input).
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { CallTracker } from '../../nodes/GenesysGwsTrigger/callTracker';
import { CALL_ASPECTS, TRIGGER_EVENTS, eventOf } from '../../nodes/GenesysGwsTrigger/events';
import { compileCallFilter } from '../../nodes/GenesysGwsTrigger/filters';
import { numbersOfCall } from '../../nodes/shared/participants';

const call = (id: string, extra: IDataObject = {}): IDataObject => ({
	id,
	state: 'Established',
	callType: 'Inbound',
	participants: [{ phoneNumber: '5551234', digits: '5551234', formattedPhoneNumber: '555-1234', e164Number: '' }],
	...extra,
});

describe('CallTracker', () => {
	it('reports nothing after a resync when nothing changed, and seeds without reporting', () => {
		const t = new CallTracker();
		t.beginResync();
		t.seed([call('A'), call('B', { state: 'Held' })]);
		t.beginResync();
		expect(t.resync([call('A'), call('B', { state: 'Held' })])).toEqual([]);
	});

	it('reports each changed aspect, new calls as state and vanished calls as Released', () => {
		const t = new CallTracker();
		t.observe(call('A', { state: 'Ringing' }), 'state');
		t.observe(call('B'), 'state');
		t.beginResync();
		const changes = t.resync([
			call('A', { userData: { k: 'v' } }), // state Ringing -> Established and userData added
			call('C', { state: 'Dialing' }),
		]);
		expect(changes.map((c) => [c.call.id, c.aspect, c.reason, c.call.state])).toEqual([
			['A', 'state', 'changed', 'Established'],
			['A', 'userData', 'changed', 'Established'],
			['C', 'state', 'new', 'Dialing'],
			['B', 'state', 'gone', 'Released'],
		]);
		expect(changes[3].call.capabilities).toEqual([]);
		// B is forgotten: a second resync without it reports nothing more.
		t.beginResync();
		expect(t.resync([call('A', { userData: { k: 'v' } }), call('C', { state: 'Dialing' })])).toEqual([]);
	});

	// Every call event's aspect, from the events declaration: an event added there is compared here too.
	it.each(TRIGGER_EVENTS.filter((e) => e.aspect).map((e) => [e.value, e.aspect!] as const))(
		'reports a change of only %s (call.%s) as that aspect, and accepts the event live',
		(value, aspect) => {
			expect(CALL_ASPECTS).toContain(aspect);
			const t = new CallTracker();
			t.observe(call('A', { [aspect]: 'before' }), aspect);
			t.beginResync();
			expect(t.resync([call('A', { [aspect]: 'after' })]).map((c) => [c.aspect, c.reason])).toEqual([[aspect, 'changed']]);
			const live = { messageType: 'CallStateChangeMessage', notificationType: value, call: call('A') };
			expect(eventOf('/v2/me/calls', live)?.value).toBe(value);
		},
	);

	it('compares userData regardless of key order', () => {
		const t = new CallTracker();
		t.observe(call('A', { userData: { a: 1, b: 2 } }), 'userData');
		t.beginResync();
		expect(t.resync([call('A', { userData: { b: 2, a: 1 } })])).toEqual([]);
	});

	it('flags a late live notification that repeats what the resync reported, once', () => {
		const t = new CallTracker();
		t.observe(call('A', { state: 'Ringing' }), 'state');
		t.beginResync();
		expect(t.resync([call('A')])).toHaveLength(1);
		expect(t.observe(call('A'), 'state')).toBe(true); // the queued StatusChange Established arrives late
		expect(t.observe(call('A'), 'state')).toBe(false); // a second one is a genuine notification
	});

	it('skips calls that changed live after the resync began (the live stream is newer)', () => {
		const t = new CallTracker();
		t.observe(call('A', { state: 'Ringing' }), 'state');
		t.beginResync();
		t.observe(call('A', { state: 'Held' }), 'state'); // arrives while GET /me/calls is in flight
		expect(t.resync([call('A')])).toEqual([]);
		// ...and a call created live during the GET is not reported gone
		const t2 = new CallTracker();
		t2.beginResync();
		t2.observe(call('N'), 'state');
		expect(t2.resync([])).toEqual([]);
	});

	it('forgets Released calls and stays bounded', () => {
		const t = new CallTracker(10);
		for (let i = 0; i < 50; i++) t.observe(call(`C${i}`), 'state');
		expect(t.size).toBe(10);
		t.observe(call('C49', { state: 'Released' }), 'state');
		expect(t.size).toBe(9);
	});

	it('ignores calls without an id', () => {
		const t = new CallTracker();
		expect(t.observe({ state: 'Ringing' }, 'state')).toBe(false);
		t.beginResync();
		expect(t.resync([{ state: 'Ringing' } as IDataObject, 'junk' as unknown as IDataObject])).toEqual([]);
	});
});

describe('eventOf', () => {
	it('maps notifications to events and rejects what we do not offer', () => {
		const calls = '/v2/me/calls';
		expect(eventOf(calls, { messageType: 'CallStateChangeMessage', notificationType: 'StatusChange' })?.value).toBe(
			'StatusChange',
		);
		expect(eventOf(calls, { notificationType: 'ParticipantsUpdated', call: {} })?.value).toBe('ParticipantsUpdated');
		expect(eventOf(calls, { messageType: 'ErrorMessage' })?.value).toBe('ErrorMessage');
		expect(eventOf('/v2/me/devices', { messageType: 'DeviceStateChangeMessage', devices: [] })?.value).toBe(
			'DeviceStateChangeMessage',
		);
		expect(eventOf(calls, { messageType: 'CallStateChangeMessage', notificationType: 'Bogus' })).toBeUndefined();
		expect(eventOf(calls, { messageType: 'CallStateChangeMessage', notificationType: 7 })).toBeUndefined();
		expect(eventOf(calls, { messageType: 'ChatMessage', notificationType: 'StatusChange' })).toBeUndefined();
		expect(eventOf('/v2/me/chats', { notificationType: 'StatusChange' })).toBeUndefined();
		// DeviceStateChangeMessage is an event of its own, never on the calls channel
		expect(eventOf(calls, { notificationType: 'DeviceStateChangeMessage' })).toBeUndefined();
	});
});

describe('filters', () => {
	const node = { name: 'Genesys GWS Trigger' } as INode;

	it('match call states, call types, numbers and user data (AND across, OR within)', () => {
		const f = compileCallFilter(node, {
			callStates: ['Established', 'Held'],
			callTypes: ['Inbound'],
			numbers: '+1 555 999, 555-1234',
			userDataKey: 'Segment',
			userDataValue: 'VIP',
		});
		const vip = call('A', { userData: { Segment: 'VIP' } });
		expect(f(vip)).toBe(true);
		expect(f({ ...vip, state: 'Ringing' })).toBe(false);
		expect(f({ ...vip, callType: 'Outbound' })).toBe(false);
		expect(f({ ...vip, participants: [{ phoneNumber: '15001' }] })).toBe(false);
		expect(f({ ...vip, participants: ['15001'], dnis: '5551234' })).toBe(true);
		expect(f({ ...vip, userData: { Segment: 'Gold' } })).toBe(false);
		expect(f({ ...vip, userData: { Segment: ['Gold', 'VIP'] } })).toBe(true);
		expect(f({ ...vip, userData: undefined })).toBe(false);
	});

	it('matches own user data keys only, never inherited ones (constructor, __proto__, toString)', () => {
		for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
			expect(compileCallFilter(node, { userDataKey: key })(call('A', { userData: { other: 1 } }))).toBe(false);
		}
		const own = JSON.parse('{"__proto__":"x","constructor":"y"}') as IDataObject;
		expect(compileCallFilter(node, { userDataKey: '__proto__', userDataValue: 'x' })(call('A', { userData: own }))).toBe(
			true,
		);
		expect(compileCallFilter(node, { userDataKey: 'constructor' })(call('A', { userData: own }))).toBe(true);
	});

	it('an empty user data value asks only for the key; no filter matches everything, even odd calls', () => {
		expect(compileCallFilter(node, { userDataKey: 'K' })(call('A', { userData: { K: '' } }))).toBe(true);
		expect(compileCallFilter(node, {})({})).toBe(true);
		expect(numbersOfCall({ participants: 'nonsense' as unknown as IDataObject[] })).toEqual([]);
	});

	it('Without User Data Key drops calls that have any of the keys (own keys only), and combines with the rest', () => {
		const f = compileCallFilter(node, { userDataKey: 'VIP', userDataValue: 'true', userDataKeyAbsent: ' SupervisorConferenced , Done' });
		expect(f(call('A', { userData: { VIP: 'true' } }))).toBe(true);
		expect(f(call('A', { userData: { VIP: 'true', SupervisorConferenced: 'true' } }))).toBe(false);
		expect(f(call('A', { userData: { VIP: 'true', Done: '' } }))).toBe(false);
		expect(f(call('A', { userData: { VIP: 'false' } }))).toBe(false);
		const alone = compileCallFilter(node, { userDataKeyAbsent: 'constructor' });
		expect(alone(call('A', { userData: { other: 1 } }))).toBe(true);
		expect(alone(call('A', {}))).toBe(true);
		expect(alone(call('A', { userData: JSON.parse('{"constructor":"y"}') as IDataObject }))).toBe(false);
		expect(compileCallFilter(node, { userDataKeyAbsent: ' , ' })(call('A', { userData: { x: 1 } }))).toBe(true);
	});

	it('refuses bad filter input with a message naming the parameter and value', () => {
		expect(() => compileCallFilter(node, { numbers: '5551234, abc' })).toThrow(
			'Filter "DNIS or Participant Number" has "abc", which contains no digit',
		);
		expect(() => compileCallFilter(node, { userDataValue: 'VIP' })).toThrow(
			'Filter "User Data Value" is "VIP" but "User Data Key" is empty',
		);
	});
});
