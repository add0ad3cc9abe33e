/** The live log's entries: made from notifications and requests, kept in time order and bounded, filtered. */
import type { LoggedNotification } from '../../api';
import type { ConsoleRequest } from '../feed';
import { isObject, lastSegment, shortId } from './format';
import type { LogEntry, LogFilter, PageState } from './state';

/** The page keeps this many entries. */
const LOG_KEEP = 3000;

/** A notification as a log row; remembers the call it shows (`lastCall`: the call cards' "details"). */
export function fromNotification(n: LoggedNotification, lastCall: PageState['lastCall']): LogEntry {
	const d = isObject(n.data) ? n.data : {};
	const call = isObject(d.call) ? d.call : null;
	const ids: string[] = [];
	if (call && call.id) ids.push(String(call.id));
	if (call && call.parentCallUri) ids.push(lastSegment(call.parentCallUri));
	if (d.callUri) ids.push(lastSegment(d.callUri));
	if (call && call.id) lastCall[`${n.username}|${String(call.id)}`] = call;
	let detail = '';
	let st = '';
	if (call) {
		st = String(call.state || '');
		detail = String(call.callType || '');
	} else if (Array.isArray(d.devices)) {
		detail = d.devices
			.map((dev: Record<string, any>) => (dev.userState?.displayName || '') + (dev.doNotDisturb === 'On' ? ', DND on' : '') + (dev.forwardTo ? ', forwarding to ' + dev.forwardTo : ''))
			.join('; ');
	} else if (d.errorMessage) detail = String(d.errorMessage);
	return {
		kind: 'cometd',
		key: 'n' + n.seq,
		time: n.time,
		user: n.username,
		ids,
		title: String(d.notificationType || d.messageType || 'notification'),
		st,
		detail,
		queued: !!n.queued,
		data: { channel: n.channel, data: d },
	};
}

export function fromRequest(r: ConsoleRequest): LogEntry {
	const ids: string[] = [];
	const onCall = /\/api\/v2\/me\/calls\/([^/?]+)/.exec(r.path || '');
	if (onCall) ids.push(onCall[1]);
	const body = isObject(r.body) ? r.body : {};
	for (const k of ['consultCallUri', 'otherCallUri']) if (body[k]) ids.push(lastSegment(body[k]));
	// The path without /api/v2 and with call ids shortened: the operation name is what a reader looks for.
	const shown = String(r.url || r.path || '')
		.replace(/^\/api\/v2/, '')
		.replace(/\/calls\/([^/?]+)/, (_all, id: string) => '/calls/' + shortId(id));
	return {
		kind: 'rest',
		key: 'r' + r.seq,
		time: r.time,
		user: r.username || '',
		ids,
		title: r.method + ' ' + shown,
		st: '',
		detail: body.operationName ? String(body.operationName) : '',
		status: r.status,
		data: r,
	};
}

const byTime = (a: LogEntry, b: LogEntry): number => a.time - b.time;

/** Adds the entries not in the log yet (in time order, at most LOG_KEEP kept); returns those, oldest first. */
export function addEntries(state: PageState, notifications: LoggedNotification[], requests: ConsoleRequest[]): LogEntry[] {
	const fresh: LogEntry[] = [];
	for (const n of notifications) {
		const e = fromNotification(n, state.lastCall);
		if (!state.logKeys[e.key]) fresh.push(e);
	}
	for (const r of requests) {
		const e = fromRequest(r);
		if (!state.logKeys[e.key]) fresh.push(e);
	}
	fresh.sort(byTime);
	const last = state.log.length ? state.log[state.log.length - 1].time : -Infinity;
	for (const e of fresh) {
		state.logKeys[e.key] = true;
		state.log.push(e);
	}
	// A request is logged when it is answered, with the time it arrived: it can be older than notifications already in.
	if (fresh.length && fresh[0].time < last) state.log.sort(byTime);
	if (state.log.length > LOG_KEEP) {
		for (const e of state.log.splice(0, state.log.length - LOG_KEEP)) delete state.logKeys[e.key];
	}
	return fresh;
}

export function matches(e: LogEntry, f: LogFilter): boolean {
	if (e.kind === 'cometd' && !f.cometd) return false;
	if (e.kind === 'rest' && !f.rest) return false;
	if (f.user && e.user !== f.user) return false;
	if (f.call) {
		const needle = f.call.toUpperCase();
		if (!e.ids.some((id) => id.toUpperCase().includes(needle))) return false;
	}
	return true;
}
