/** "Place an inbound call": the form, its user data as JSON or as key/value rows, and POST /simulator/calls. */
import { api, say } from './api';
import { clear, el, h } from './dom';
import { isObject, parseJson, short, type Parsed } from './format';
import { state, type PageState } from './state';

/** The user data the VIP example workflow looks for. */
const VIP = { VIP: 'true' };

export function setUserDataMode(mode: PageState['userDataMode']): void {
	if (mode === state.userDataMode) return;
	const current = readUserData();
	state.userDataMode = mode;
	for (const b of el('userDataMode').children) b.className = b.getAttribute('data-mode') === mode ? 'on' : '';
	el('userDataJson').hidden = mode !== 'json';
	el('userDataRows').hidden = mode !== 'kv';
	const data = current.ok && isObject(current.value) ? current.value : {};
	if (mode === 'json') el('userDataJson').value = Object.keys(data).length ? JSON.stringify(data) : '';
	else {
		clear(el('userDataRows'));
		for (const [k, v] of Object.entries(data)) addKvRow(k, typeof v === 'string' ? v : JSON.stringify(v));
		addKvRow('', '');
	}
	say('callMessage', '');
}

/** A key/value row; typing in the last row adds an empty one below it. */
function addKvRow(k: string, v: string): void {
	const rows = el('userDataRows');
	const row: HTMLDivElement = h(
		'div',
		{ class: 'kv-row' },
		h('input', { placeholder: 'key', 'aria-label': 'User data key', value: k }),
		h('input', { placeholder: 'value', 'aria-label': 'User data value', value: v }),
		h('button', {
			type: 'button',
			class: 'link',
			text: 'remove',
			onclick: () => {
				row.remove();
				if (!rows.children.length) addKvRow('', '');
			},
		}),
	);
	const [keyInput, valueInput] = row.querySelectorAll('input');
	for (const input of [keyInput, valueInput]) {
		input.addEventListener('input', () => {
			if (rows.lastElementChild === row && (keyInput.value || valueInput.value)) addKvRow('', '');
		});
	}
	rows.appendChild(row);
}

/** The user data as typed: undefined when there is none. */
function readUserData(): Parsed {
	if (state.userDataMode === 'json') {
		const text = el('userDataJson').value.trim();
		if (!text) return { ok: true, value: undefined };
		const parsed = parseJson(text, 'User data');
		if (!parsed.ok) return parsed;
		if (!isObject(parsed.value)) return { ok: false, error: 'User data must be a JSON object of key/value pairs, e.g. {"VIP": "true"}' };
		return parsed;
	}
	const out: Record<string, string> = {};
	let count = 0;
	let problem: string | null = null;
	for (const row of el('userDataRows').children) {
		const [keyInput, valueInput] = row.querySelectorAll('input');
		const k = keyInput.value.trim();
		const v = valueInput.value;
		if (!k && !v) continue;
		if (!k) {
			problem = 'A user data value has no key ("' + short(v) + '")';
			continue;
		}
		if (Object.prototype.hasOwnProperty.call(out, k)) {
			problem = 'The user data key "' + k + '" is there twice';
			continue;
		}
		out[k] = v;
		count++;
	}
	if (problem) return { ok: false, error: problem };
	return { ok: true, value: count ? out : undefined };
}

/** The VIP example's user data, or none. */
export function presetUserData(vip: boolean): void {
	if (state.userDataMode === 'json') el('userDataJson').value = vip ? JSON.stringify(VIP).replace(':', ': ') : '';
	else {
		clear(el('userDataRows'));
		if (vip) for (const [k, v] of Object.entries(VIP)) addKvRow(k, v);
		addKvRow('', '');
	}
	say('callMessage', '');
}

export async function placeCall(ev: Event): Promise<void> {
	ev.preventDefault();
	const to = el('callTo').value;
	const from = el('callFrom').value.trim();
	const dnis = el('callDnis').value.trim();
	if (!to) return say('callMessage', 'Pick the agent to call.', 'bad');
	if (!from) {
		say('callMessage', "Enter the caller's number (From), e.g. 5551234.", 'bad');
		el('callFrom').focus();
		return;
	}
	const userData = readUserData();
	if (!userData.ok) return say('callMessage', userData.error, 'bad');
	const body: Record<string, unknown> = { to, from };
	if (dnis) body.dnis = dnis;
	if (userData.value) body.userData = userData.value;
	if (el('callQueue').checked) body.viaQueue = true;
	const button = el('callSubmit');
	button.disabled = true;
	say('callMessage', 'Placing the call...');
	try {
		const reply = await api('POST', '/simulator/calls', body);
		say('callMessage', 'Call ' + String(reply.callId) + ' is ringing at ' + to + '.', 'ok');
	} catch (error) {
		say('callMessage', (error as Error).message, 'bad');
	}
	button.disabled = false;
}
