/** The agents pane: one card per agent (device, state buttons, device operations, calls, recently ended calls). */
import type { SimAgentSnapshot } from '../../api';
import type { ControlAgentState } from '../../agentControl';
import type { DeviceOperationName } from '../../devices';
import type { ConsoleCall, ConsoleSnapshot } from '../snapshot';
import { add, buttonOf, clear, el, h } from './dom';
import { isObject, json, lastSegment, short, shortId } from './format';
import { callCard } from './calls';
import { deviceOperation, setAgentState } from './dialog';
import { state } from './state';

/** Each state the agent-state route takes, as its button says it; the first four are buttons, the last two one toggle. */
const STATE_LABELS: Record<ControlAgentState, string> = {
	Ready: 'Ready',
	NotReady: 'Not ready',
	AfterCallWork: 'ACW',
	AuxWork: 'Aux',
	LoggedIn: 'Log in',
	LoggedOut: 'Log out',
};
const WORK_STATES = (Object.keys(STATE_LABELS) as ControlAgentState[]).filter((s) => s !== 'LoggedIn' && s !== 'LoggedOut');
const DEVICE_OP_LABELS: Record<DeviceOperationName, string> = {
	DoNotDisturbOn: 'DND on',
	DoNotDisturbOff: 'DND off',
	ForwardCallsOn: 'Forward...',
	ForwardCallsOff: 'Stop forwarding',
	ListenIn: 'Listen in...',
	Coach: 'Coach...',
	BargeIn: 'Barge in...',
	CancelSupervisorMonitoring: 'Stop monitoring',
};
/** Device fields shown on their own (the others as name: value pills). */
const KNOWN_DEVICE_FIELDS = new Set([
	'id', 'deviceState', 'userState', 'phoneNumber', 'e164Number', 'telephonyNetwork', 'doNotDisturb', 'voiceEnvironmentUri', 'capabilities', 'forwardTo', 'supervisorMonitoringState',
]);

type Device = Record<string, any>;

/** The agent's state as one of the route's states (LoggedOut when the device is not Active). */
function agentStateKey(userState: Device | undefined, device: Device | undefined): string {
	if (device && device.deviceState && device.deviceState !== 'Active') return 'LoggedOut';
	if (!userState) return 'LoggedOut';
	if (userState.workMode === 'AfterCallWork') return 'AfterCallWork';
	if (userState.workMode === 'AuxWork') return 'AuxWork';
	return userState.state || 'LoggedOut';
}

/** Re-renders only the cards whose content changed (an open details section or a fresh flash counts). */
export function renderAgents(snap: ConsoleSnapshot): void {
	const root = el('agents');
	if (!snap.agents || !snap.agents.length) {
		clear(root);
		add(root, h('p', { class: 'empty', text: 'No users configured.' }));
		return;
	}
	root.querySelector(':scope > .empty')?.remove();
	const calls = snap.calls || [];
	const seen = new Set<string>();
	snap.agents.forEach((agent, index) => {
		seen.add(agent.username);
		const mine = calls.filter((c) => c.owner === agent.username).reverse();
		const sig = json([agent, mine, (snap.cometdSessions || {})[agent.username], state.ended[agent.username], lastCallsOf(agent.username, mine), openKeysOf(agent.username), flashesOf(agent.username)]);
		const existing = root.querySelector(':scope > [data-user="' + CSS.escape(agent.username) + '"]');
		if (existing && state.agentSig[agent.username] === sig) return;
		state.agentSig[agent.username] = sig;
		const card = agentCard(agent, mine, snap);
		if (existing) root.replaceChild(card, existing);
		else root.insertBefore(card, root.children[index] || null);
	});
	for (const card of [...root.children]) if (!seen.has(card.getAttribute('data-user') ?? '')) card.remove();
}

const lastCallsOf = (user: string, calls: ConsoleCall[]) => calls.map((c) => state.lastCall[user + '|' + c.id] || null);
const openKeysOf = (user: string) => Object.keys(state.open).filter((k) => k.startsWith(user + '|') || k.startsWith('device|' + user));
const flashesOf = (user: string) => Object.keys(state.flashCalls).filter((k) => k.startsWith(user + '|'));

function toggle(key: string): void {
	if (state.open[key]) delete state.open[key];
	else state.open[key] = true;
	state.agentSig = {};
	if (state.snap) renderAgents(state.snap);
}

function agentCard(agent: SimAgentSnapshot, calls: ConsoleCall[], snap: ConsoleSnapshot): HTMLElement {
	const device: Device = agent.device || {};
	const userState: Device = device.userState || {};
	const stateKey = agentStateKey(userState, device);
	const name = [agent.firstName, agent.lastName].filter(Boolean).join(' ') || agent.username;
	const roles = (agent.roles || []).filter((r) => r !== 'agent');
	const deviceKey = 'device|' + agent.username;

	const head = h(
		'div',
		{ class: 'agent-head' },
		h('span', { class: 'name', text: name }),
		h('span', { class: 'uname', text: agent.username }),
		h('span', { class: 'dn', title: 'DN (device phoneNumber)', text: 'DN ' + agent.phoneNumber }),
		roles.map((r) => h('span', { class: 'role', text: r })),
		h('span', { class: 'astate as-' + stateKey, title: json(userState), text: userState.displayName || stateKey }),
	);

	const actions = h('div', { class: 'agent-actions' }, stateButtons(agent, stateKey));
	for (const op of (device.capabilities || []) as string[]) {
		add(
			actions,
			h('button', {
				type: 'button',
				text: DEVICE_OP_LABELS[op as DeviceOperationName] || op,
				title: 'POST /api/v2/me/devices/{id} {"operationName":"' + op + '"} as ' + agent.username,
				onclick: (ev) => deviceOperation(buttonOf(ev), agent, op),
			}),
		);
	}
	add(
		actions,
		h('button', {
			type: 'button',
			class: 'link',
			text: state.open[deviceKey] ? 'hide device' : 'device',
			title: 'The device as GWS renders it (GET /api/v2/me/devices?fields=*)',
			onclick: () => toggle(deviceKey),
		}),
	);

	const callList = h('div', { class: 'calls' });
	if (!calls.length) add(callList, h('p', { class: 'empty', text: 'No calls.' }));
	for (const c of calls) add(callList, callCard(agent, c, false, toggle));
	const ended = state.ended[agent.username] || [];
	if (ended.length) {
		const endedKey = 'ended|' + agent.username;
		const details = h('details', { class: 'ended-list', open: !!state.open[endedKey] }, h('summary', { text: 'Recently ended (' + ended.length + ')' }));
		details.addEventListener('toggle', () => {
			if (details.open) state.open[endedKey] = true;
			else delete state.open[endedKey];
		});
		for (const e of ended) add(details, callCard(agent, e.call, e.at, toggle));
		add(callList, details);
	}

	return h(
		'article',
		{ class: 'agent as-' + stateKey, 'data-user': agent.username },
		head,
		deviceMeta(agent, device, (snap.cometdSessions || {})[agent.username] || 0, calls),
		actions,
		state.open[deviceKey] ? h('pre', { class: 'json', text: json(device) }) : null,
		callList,
	);
}

/** Sessions, DND, forwarding, monitoring, a device that is not Active, and any other device field. */
function deviceMeta(agent: SimAgentSnapshot, device: Device, sessions: number, calls: ConsoleCall[]): HTMLElement {
	const meta = h('div', { class: 'agent-meta' });
	add(
		meta,
		h('span', {
			class: 'pill sess' + (sessions ? ' live' : ''),
			title: 'CometD sessions of this user: each active n8n trigger with their credential holds one',
			text: sessions ? sessions + ' CometD session' + (sessions > 1 ? 's' : '') : 'no CometD session',
		}),
	);
	if (device.doNotDisturb !== undefined) add(meta, h('span', { class: 'pill' + (device.doNotDisturb === 'On' ? ' on' : ''), text: 'DND ' + device.doNotDisturb }));
	if (device.forwardTo !== undefined) add(meta, h('span', { class: 'pill info', text: 'Forwarding to ' + short(device.forwardTo) }));
	if (device.supervisorMonitoringState !== undefined) {
		const m = device.supervisorMonitoringState;
		const target = isObject(m) && m.targetDeviceUri ? deviceOwner(m.targetDeviceUri) : '';
		// A switch on the monitored call (SwitchToBargeIn / SwitchToListenIn) changes the call's mode, not the
		// device's: the badge says what the supervisor does now, and what the device was set to when they differ.
		const now = calls.find((c) => c.monitoring)?.monitoring?.mode;
		const set = isObject(m) ? m.state : undefined;
		const mode = now ?? set;
		const what = isObject(m) ? [mode, m.mode, m.scope].filter(Boolean).join(' / ') : short(m);
		const since = now !== undefined && set !== undefined && now !== set ? ' (switched on the call; the device says ' + String(set) + ')' : '';
		add(meta, h('span', { class: 'pill info', title: json(m), text: 'Monitoring: ' + what + (target ? ' of ' + target : '') + since }));
	}
	if (device.deviceState !== undefined && device.deviceState !== 'Active') add(meta, h('span', { class: 'pill on', text: 'device ' + device.deviceState }));
	for (const [k, v] of Object.entries(device)) {
		if (KNOWN_DEVICE_FIELDS.has(k)) continue;
		add(meta, h('span', { class: 'pill', title: json(v) }, h('span', { class: 'k', text: k + ': ' }), short(v)));
	}
	return meta;
}

function stateButtons(agent: SimAgentSnapshot, stateKey: string): HTMLElement {
	const states = h('span', { class: 'seg states', role: 'group', 'aria-label': 'Agent state of ' + agent.username });
	for (const s of WORK_STATES) {
		const current = stateKey === s;
		add(
			states,
			h('button', {
				type: 'button',
				class: current ? 'cur as-' + s : '',
				'aria-pressed': current ? 'true' : 'false',
				title: 'Set ' + agent.username + ' to ' + s + ' (POST /simulator/agents/' + agent.username + '/state)',
				text: STATE_LABELS[s],
				onclick: (ev) => void setAgentState(buttonOf(ev), agent.username, s),
			}),
		);
	}
	const loggedOut = stateKey === 'LoggedOut';
	const toggleTo: ControlAgentState = loggedOut ? 'LoggedIn' : 'LoggedOut';
	add(
		states,
		h('button', {
			type: 'button',
			class: loggedOut ? 'cur as-LoggedOut' : '',
			text: STATE_LABELS[toggleTo],
			title: loggedOut ? 'StartContactCenterSession' : 'EndContactCenterSession',
			onclick: (ev) => void setAgentState(buttonOf(ev), agent.username, toggleTo),
		}),
	);
	return states;
}

function deviceOwner(uri: unknown): string {
	const id = lastSegment(uri);
	const found = (state.snap?.agents || []).find((a) => a.deviceId === id);
	return found ? found.username + ' (' + found.phoneNumber + ')' : shortId(id);
}
