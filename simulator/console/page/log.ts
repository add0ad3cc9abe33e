/** The live log's rows, newest first: rendered whole on a filter change, new entries put in place as they come. */
import { add, clear, el, h } from './dom';
import { clock, json, shortId } from './format';
import { matches } from './logEntries';
import { state, type LogEntry } from './state';

/** The page shows at most this many rows. */
const LOG_SHOW = 400;

function statusText(status: number | undefined): { text: string; title: string } {
	if (status === -1) return { text: 'reset', title: 'connection reset (fault)' };
	if (status === -2) return { text: 'hang', title: 'never answered (fault)' };
	return { text: String(status), title: 'HTTP status' };
}

function entryRow(e: LogEntry, fresh: boolean): HTMLDivElement {
	const openKey = 'log|' + e.key;
	const open = !!state.open[openKey];
	let what: HTMLSpanElement;
	let end: HTMLElement;
	if (e.kind === 'rest') {
		what = h('span', { class: 'what' }, e.detail ? [h('b', { text: e.detail }), ' '] : null, h('span', { class: 'path', text: e.title }));
		const status = statusText(e.status);
		end = h('span', { class: 'status' + ((e.status ?? 0) >= 400 || (e.status ?? 0) < 0 ? ' bad' : ''), title: status.title, text: status.text });
	} else {
		what = h('span', { class: 'what' }, h('b', { text: e.title }));
		if (e.st) add(what, [' ', h('span', { class: 'st st-' + e.st, text: e.st })]);
		if (e.detail) add(what, ' ' + e.detail);
		if (e.queued) add(what, [' ', h('span', { class: 'queued', text: '(queued)' })]);
		const callId = e.ids[0];
		end = callId
			? h('button', {
					type: 'button',
					class: 'cid',
					title: callId + ': show only this call',
					text: shortId(callId),
					onclick: (ev) => {
						ev.stopPropagation();
						setCallFilter(callId);
					},
				})
			: h('span');
	}
	const line = h(
		'div',
		{ class: 'line', title: 'Click for the full ' + (e.kind === 'rest' ? 'request' : 'notification') },
		h('span', { class: 't', text: clock(e.time) }),
		h('span', { class: 'kind', text: e.kind === 'rest' ? 'REST' : 'CometD' }),
		h('span', { class: 'u', text: e.user || '-' }),
		what,
		end,
	);
	const row = h(
		'div',
		{ class: 'entry kind-' + e.kind + (open ? ' open' : '') + (fresh ? ' fresh' : ''), 'data-key': e.key, 'data-kind': e.kind, 'data-time': e.time, 'data-calls': e.ids.join(' ') },
		line,
	);
	if (open) add(row, h('pre', { class: 'json', text: json(e.data) }));
	line.addEventListener('click', () => {
		if (state.open[openKey]) {
			delete state.open[openKey];
			row.classList.remove('open');
			row.querySelector('pre')?.remove();
		} else {
			state.open[openKey] = true;
			row.classList.add('open');
			add(row, h('pre', { class: 'json', text: json(e.data) }));
		}
	});
	return row;
}

export function renderLog(): void {
	const root = el('log');
	clear(root);
	let shown = 0;
	for (let i = state.log.length - 1; i >= 0 && shown < LOG_SHOW; i--) {
		if (!matches(state.log[i], state.filter)) continue;
		root.appendChild(entryRow(state.log[i], false));
		shown++;
	}
	if (!shown) {
		add(root, h('p', { class: 'empty', text: state.log.length ? 'Nothing matches the filter.' : 'Nothing yet: place a call, or run a workflow against the simulator.' }));
	}
	noteLog();
}

/** New entries (oldest first) into the rows shown, newest first; a reader scrolled down keeps their place. */
export function prependEntries(entries: LogEntry[]): void {
	const root = el('log');
	const keep = root.scrollTop;
	const before = root.scrollHeight;
	let emptyNote = root.querySelector(':scope > .empty');
	let added = 0;
	for (const e of entries) {
		if (!matches(e, state.filter)) continue;
		if (emptyNote) {
			emptyNote.remove();
			emptyNote = null;
		}
		// Newest first: before the first row that is not newer than this entry.
		let next = root.firstElementChild;
		while (next && Number(next.getAttribute('data-time')) > e.time) next = next.nextElementSibling;
		root.insertBefore(entryRow(e, true), next);
		added++;
	}
	while (root.children.length > LOG_SHOW) root.lastElementChild?.remove();
	if (added && keep > 0) root.scrollTop = keep + (root.scrollHeight - before);
}

export function noteLog(): void {
	const note = el('logNote');
	const parts: string[] = [];
	if (state.paused) parts.push('Paused: new entries are collected and shown when you resume.');
	if (state.missed) {
		parts.push(`${state.missed} entries came too fast to be sent to the page and are left out (GET /simulator/notifications and /simulator/requests have every one).`);
	}
	note.hidden = !parts.length;
	note.textContent = parts.join(' ');
}

export function setCallFilter(id: string): void {
	el('filterCall').value = id;
	state.filter.call = id;
	renderLog();
}
