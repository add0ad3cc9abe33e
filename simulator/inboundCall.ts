/** placeInboundCall (POST /simulator/calls): the options checked, then a call from a remote number (engine.ts). */
import type { PlaceInboundCallOptions, PlacedCall } from './api';
import { tooDeepValue } from './bodyLimits';
import type { CallEngine } from './calls/engine';
import { newCallIds } from './calls/model';
import { DEFAULT_QUEUE } from './calls/queue';
import type { UserDirectory } from './users';

/**
 * A phone number as a caller ID or DNIS shows it: digits, optionally a leading + and the usual separators
 * (spaces, -, ., parentheses). `abc` would make a call no number filter can match and no flow can dial back.
 */
const PHONE_NUMBER = /^\+?[\d\s().-]*\d[\d\s().-]*$/;

function checkPhoneNumber(field: 'from' | 'dnis', value: string): void {
	if (!PHONE_NUMBER.test(value)) {
		throw new Error(
			`placeInboundCall: "${field}" must be a phone number (digits, optionally with a leading + and spaces, -, ., parentheses), got ${JSON.stringify(value)}; e.g. "5551234"`,
		);
	}
}

export function placeInboundCall(engine: CallEngine, users: UserDirectory, opts: PlaceInboundCallOptions): PlacedCall {
	if (!opts || typeof opts !== 'object') throw new Error('placeInboundCall: an options object {to?, from, dnis?, userData?, viaQueue?, queue?} is required');
	const viaQueue = opts.viaQueue === true || opts.queue !== undefined;
	if (opts.queue !== undefined && (typeof opts.queue !== 'string' || opts.queue === '')) throw new Error('placeInboundCall: "queue" must be a non-empty string (the queue\'s name)');
	if (opts.to === undefined && !viaQueue) throw new Error('placeInboundCall: "to" (username or DN of an agent) is required unless the call goes through a queue (viaQueue: true)');
	const agent = opts.to === undefined ? undefined : users.find(String(opts.to));
	if (opts.to !== undefined && !agent) throw new Error(`placeInboundCall: "to" ${JSON.stringify(opts.to)} is not a configured username or DN`);
	if (typeof opts.from !== 'string' || opts.from === '') throw new Error('placeInboundCall: "from" (the caller\'s number) is required');
	checkPhoneNumber('from', opts.from);
	if (opts.dnis !== undefined && (typeof opts.dnis !== 'string' || opts.dnis === '')) throw new Error('placeInboundCall: "dnis" must be a non-empty string');
	if (opts.dnis !== undefined) checkPhoneNumber('dnis', opts.dnis);
	if (opts.userData !== undefined && (typeof opts.userData !== 'object' || opts.userData === null || Array.isArray(opts.userData))) {
		throw new Error('placeInboundCall: "userData" must be an object');
	}
	const tooDeep = tooDeepValue('userData', opts.userData);
	if (tooDeep) throw new Error(`placeInboundCall: ${tooDeep}`);
	const queueName = viaQueue ? (opts.queue ?? DEFAULT_QUEUE) : undefined;
	const call = engine.placeInbound(agent, opts.from, opts.dnis, Object.entries(opts.userData ?? {}), queueName);
	engine.settle();
	if (!call) return { callId: newCallIds().id, forwardedTo: agent?.forwardTo };
	const offeredTo = [...call.legs.keys()][0];
	return offeredTo === undefined ? { callId: call.id } : { callId: call.id, offeredTo };
}
