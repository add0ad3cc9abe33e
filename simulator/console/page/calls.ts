/** A call card on an agent's card: state, parties, user data, the agent's and the remote party's actions, details. */
import type { SimAgentSnapshot } from '../../api';
import type { CallOperationName } from '../../calls/operations';
import type { ConsoleCall } from '../snapshot';
import { act, api } from './api';
import { add, buttonOf, h } from './dom';
import { clock, isObject, json, short } from './format';
import { callOperation, openCallDialog } from './dialog';
import { setCallFilter } from './log';
import { state } from './state';

/** Operations offered as buttons on a call when its capabilities list them (the dialog offers every one). */
const QUICK_OPS: CallOperationName[] = ['Answer', 'Reject', 'Hold', 'Retrieve', 'CompleteConference', 'CompleteTransfer', 'Hangup'];
const OP_LABELS: Partial<Record<CallOperationName, string>> = { Hangup: 'Hang up', CompleteConference: 'Complete conference', CompleteTransfer: 'Complete transfer' };
/** Fields shown on their own (the others as name: value). */
const KNOWN_CALL_FIELDS = new Set<string>([
	'id', 'state', 'callType', 'owner', 'participants', 'userData', 'capabilities', 'alsoAccepted', 'dnis', 'mute', 'dtmf', 'recordingState', 'parentCallId',
] satisfies Array<keyof ConsoleCall>);
/** How long a new call flashes. */
export const FLASH_MS = 1500;

const numberName = (dn: string): string => (state.agentNames[dn] ? dn + ' (' + state.agentNames[dn] + ')' : dn);

/** `endedAt`: a recently ended call (no actions). `toggle` opens or closes a details section and renders again. */
export function callCard(agent: SimAgentSnapshot, call: ConsoleCall, endedAt: number | false, toggle: (key: string) => void): HTMLDivElement {
	const key = agent.username + '|' + call.id;
	const last = state.lastCall[key] || {};
	const flashAt = state.flashCalls[key];
	const flash = flashAt !== undefined && Date.now() - flashAt < FLASH_MS;
	if (flashAt !== undefined && !flash) delete state.flashCalls[key];
	const shownState = endedAt ? 'Released' : call.state;
	const remotes = (call.participants || []).filter((p) => !state.agentNames[p]);

	const head = h(
		'div',
		{ class: 'call-head' },
		h('span', { class: 'chip st-' + shownState, text: shownState }),
		h('span', { class: 'ctype', text: call.callType || '' }),
		last.ani ? h('span', { class: 'from' }, 'from ', h('b', { text: String(last.ani) })) : null,
		call.dnis ? h('span', { class: 'from' }, 'DNIS ', h('b', { text: call.dnis })) : null,
		endedAt ? h('span', { class: 'from', text: 'ended ' + clock(endedAt) }) : null,
		h('span', { class: 'spacer' }),
		h(
			'span',
			{ class: 'idgroup' },
			h('code', { class: 'callid', title: 'call.id: click to show only this call in the log', text: call.id, onclick: () => setCallFilter(call.id) }),
			h('button', { type: 'button', class: 'copy', text: 'Copy id', title: 'Copy the call id', onclick: (ev) => copy(buttonOf(ev), call.id) }),
		),
	);

	const body = h('div', { class: 'call-body' });
	const row = (label: string, value: Node) => add(body, [h('span', { class: 'k', text: label }), value]);
	row('Participants', h('span', { text: (call.participants || []).map(numberName).join(', ') || '-' }));
	row('User data', userDataTable(call.userData));
	if (call.recordingState) row('Recording', h('span', { text: call.recordingState }));
	if (call.mute && call.mute !== 'Off') row('Mute', h('span', { text: call.mute }));
	if (call.dtmf) row('DTMF sent', h('code', { text: call.dtmf }));
	if (call.parentCallId) {
		const parent = call.parentCallId;
		row('Consult of', h('code', { class: 'callid', text: parent, onclick: () => setCallFilter(parent) }));
	}
	for (const [k, v] of Object.entries(call)) {
		if (KNOWN_CALL_FIELDS.has(k) || v === undefined) continue;
		row(k, h('span', { class: 'mono', title: json(v), text: short(v) }));
	}

	const detailsKey = key + '|details';
	const actions = h('div', { class: 'call-actions' });
	if (!endedAt) {
		const caps = call.capabilities || [];
		add(actions, h('span', { class: 'who', text: 'As ' + agent.username + ':' }));
		for (const op of QUICK_OPS) {
			if (!caps.includes(op)) continue;
			add(
				actions,
				h('button', {
					type: 'button',
					class: 'op-' + op,
					text: OP_LABELS[op] || op,
					title: 'POST /api/v2/me/calls/' + call.id + ' {"operationName":"' + op + '"} as ' + agent.username,
					onclick: (ev) => void callOperation(buttonOf(ev), agent.username, call.id, { operationName: op }),
				}),
			);
		}
		add(actions, h('button', { type: 'button', text: 'Operation...', title: 'Any operation of this call, with parameters', onclick: () => openCallDialog(agent, call) }));
		// Every remote party has its own: in a consult conference the caller and the consulted number both can.
		for (const remote of remotes) add(actions, remoteActions(call, remote));
	}
	add(actions, h('span', { class: 'spacer' }));
	add(
		actions,
		h('button', {
			type: 'button',
			class: 'link',
			text: state.open[detailsKey] ? 'hide details' : 'details',
			title: 'Every field, and the call as the last notification to ' + agent.username + ' showed it',
			onclick: () => toggle(detailsKey),
		}),
	);

	return h(
		'div',
		{ class: 'call st-' + shownState + (endedAt ? ' ended' : '') + (flash ? ' flash' : ''), 'data-call': call.id, 'data-state': shownState },
		head,
		body,
		actions,
		state.open[detailsKey] ? h('pre', { class: 'json', text: json({ simulator: call, lastNotification: state.lastCall[key] || null }) }) : null,
	);
}

/** What a remote party can do (the control API's /simulator/calls/{id}/answer, and /hangup naming the party). */
function remoteActions(call: ConsoleCall, remote: string): Node[] {
	const path = `/simulator/calls/${encodeURIComponent(call.id)}`;
	const answer = h('button', {
		type: 'button',
		class: 'op-Answer',
		text: 'Answer',
		title: `The remote party answers (POST /simulator/calls/${call.id}/answer)`,
		onclick: (ev) => void act(buttonOf(ev), api('POST', `${path}/answer`), 'The remote party answered'),
	});
	const hangup = h('button', {
		type: 'button',
		class: 'op-Hangup',
		text: 'Hang up',
		title: `${remote} hangs up (POST /simulator/calls/${call.id}/hangup {"number":"${remote}"})`,
		onclick: (ev) => void act(buttonOf(ev), api('POST', `${path}/hangup`, { number: remote }), `${remote} hung up`),
	});
	return [h('span', { class: 'sep' }), h('span', { class: 'who', text: 'Remote ' + remote + ':' }), ...(call.state === 'Dialing' ? [answer] : []), hangup];
}

function userDataTable(userData: unknown): HTMLElement {
	const entries = isObject(userData) ? Object.entries(userData) : [];
	if (!entries.length) return h('span', { class: 'ud-empty', text: 'none' });
	return h('table', { class: 'ud' }, h('tbody', null, entries.map(([k, v]) => h('tr', null, h('td', { text: k }), h('td', { text: typeof v === 'string' ? v : json(v) })))));
}

function copy(button: HTMLButtonElement, text: string): void {
	const done = () => {
		const label = button.textContent;
		button.textContent = 'Copied';
		window.setTimeout(() => (button.textContent = label), 1200);
	};
	if (navigator.clipboard && window.isSecureContext) {
		navigator.clipboard.writeText(text).then(done, () => {
			fallbackCopy(text);
			done();
		});
	} else {
		fallbackCopy(text);
		done();
	}
}

function fallbackCopy(text: string): void {
	const area = h('textarea', { readonly: true });
	area.style.position = 'fixed';
	area.style.left = '-9999px';
	area.value = text;
	document.body.appendChild(area);
	area.select();
	try {
		document.execCommand('copy');
	} catch {
		// nothing more to try
	}
	area.remove();
}
