/** The connection state, the figures in the top bar, the agent pickers and the pending faults. */
import type { ConsoleSnapshot } from '../snapshot';
import { add, clear, el, h } from './dom';

export type Connection = 'connecting' | 'live' | 'reconnecting';

export function setConn(kind: Connection, text: string): void {
	el('conn').setAttribute('data-state', kind);
	el('connText').textContent = text;
	const banner = el('banner');
	banner.hidden = kind === 'live';
	banner.className = 'banner';
	banner.textContent =
		kind === 'live' ? '' : 'No connection to the simulator (restarting, or stopped?). Reconnecting by itself; what you see is as of the last update.';
}

export function renderStats(snap: ConsoleSnapshot): void {
	const stats = el('stats');
	clear(stats);
	let sessions = 0;
	for (const count of Object.values(snap.cometdSessions || {})) sessions += count;
	const legs = snap.callsTotal !== undefined ? snap.callsTotal : (snap.calls || []).length;
	add(stats, h('span', { title: 'Calls as the agents see them: a call between two agents counts once per agent' }, h('b', { text: String(legs) }), legs === 1 ? ' call leg' : ' call legs'));
	add(stats, h('span', null, h('b', { text: String(sessions) }), sessions === 1 ? ' CometD session' : ' CometD sessions'));
	add(stats, h('span', null, h('b', { text: String(snap.notificationsPublished || 0) }), ' notifications sent'));
	if (snap.notificationsPaused) add(stats, h('span', { class: 'warn', text: 'CometD delivery paused' }));
	if (snap.faults && snap.faults.length) add(stats, h('span', { class: 'bad', text: snap.faults.length + ' fault(s) pending' }));
	if (snap.latencyMs) add(stats, h('span', { class: 'warn', text: 'latency ' + snap.latencyMs + ' ms' }));
	add(stats, h('span', { class: 'mono', text: snap.url || '' }));
}

/** The "To agent" and log "user" pickers, rebuilt only when the agents change (a choice made is kept). */
export function renderAgentOptions(snap: ConsoleSnapshot): void {
	const to = el('callTo');
	const filterUser = el('filterUser');
	const names = (snap.agents || []).map((a) => a.username + '|' + a.phoneNumber).join(',');
	if (to.getAttribute('data-names') === names) return;
	to.setAttribute('data-names', names);
	const keepTo = to.value;
	const keepUser = filterUser.value;
	clear(to);
	clear(filterUser);
	add(filterUser, h('option', { value: '', text: 'all users' }));
	for (const a of snap.agents || []) {
		add(to, h('option', { value: a.username, text: a.username + ' (' + a.phoneNumber + ')' }));
		add(filterUser, h('option', { value: a.username, text: a.username }));
	}
	if (keepTo) to.value = keepTo;
	if (keepUser) filterUser.value = keepUser;
	if (!to.value && to.options.length) to.selectedIndex = 0;
}

export function renderFaults(snap: ConsoleSnapshot): void {
	const faults = snap.faults || [];
	el('faultsCount').textContent = faults.length ? faults.length + ' pending' : '';
	const list = el('faultList');
	clear(list);
	for (const f of faults) {
		const outcome = f.mode === 'reset' ? 'connection reset' : f.mode === 'hang' ? 'no answer' : 'HTTP ' + f.status;
		add(list, h('li', { text: f.count + ' x ' + (f.method || 'any method') + ' ' + (f.pathPrefix || '/api/v2') + ' -> ' + outcome }));
	}
}
