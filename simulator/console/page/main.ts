/**
 * The console page's script (bundled by ../script.ts, served at /simulator/console/app.js): shows what the live feed
 * sends and acts only through the control API (simulator/control.ts). Everything shown is set as text, never parsed
 * as HTML: user data and numbers come from users. Devices and calls are shown field by field where the page knows a
 * field, and generically (name: value, the full JSON under "details") where it does not, so fields the simulator
 * adds later appear without a change here.
 */
import type { ConsoleCatalog } from '../contract';
import { act, api, say, toast } from './api';
import { renderAgents } from './agents';
import { FLASH_MS } from './calls';
import { fillForm, runDialog, showWire } from './dialog';
import { buttonOf, el } from './dom';
import { connect } from './liveFeed';
import { noteLog, renderLog, setCallFilter } from './log';
import { placeCall, presetUserData, setUserDataMode } from './placeCall';
import { state } from './state';

function injectFault(ev: Event): void {
	ev.preventDefault();
	const fault: Record<string, unknown> = { count: Number(el('faultCount').value), mode: el('faultMode').value };
	if (fault.mode === 'status') fault.status = Number(el('faultStatus').value);
	if (el('faultMethod').value) fault.method = el('faultMethod').value;
	if (el('faultPath').value.trim()) fault.pathPrefix = el('faultPath').value.trim();
	const body = el('faultBody').value.trim();
	if (body) {
		try {
			fault.body = JSON.parse(body);
		} catch {
			fault.body = body;
		}
	}
	const button = el('faultSubmit');
	button.disabled = true;
	api('POST', '/simulator/faults', fault)
		.then(
			() => say('faultMessage', 'Fault injected: the next ' + fault.count + ' matching GWS request(s) fail.', 'ok'),
			(error: Error) => say('faultMessage', error.message, 'bad'),
		)
		.then(() => (button.disabled = false));
}

/** A button that makes one control API request and says how it went. */
function onClick(key: Parameters<typeof el>[0], request: () => Promise<unknown> | undefined, okText: () => string): void {
	el(key).addEventListener('click', (ev) => {
		const sent = request();
		if (sent) void act(buttonOf(ev), sent, okText());
	});
}

function wire(): void {
	el('callForm').addEventListener('submit', (ev) => void placeCall(ev));
	for (const b of el('userDataMode').children) b.addEventListener('click', () => setUserDataMode(b.getAttribute('data-mode') === 'kv' ? 'kv' : 'json'));
	el('presetVip').addEventListener('click', () => presetUserData(true));
	el('presetNone').addEventListener('click', () => presetUserData(false));
	el('userDataJson').addEventListener('input', () => say('callMessage', ''));

	el('faultForm').addEventListener('submit', injectFault);
	el('faultMode').addEventListener('change', () => (el('faultStatus').disabled = el('faultMode').value !== 'status'));
	onClick('faultClear', () => api('DELETE', '/simulator/faults'), () => 'Faults cleared');
	onClick('pauseDelivery', () => api('POST', '/simulator/notifications/pause'), () => 'CometD delivery paused: notifications queue up');
	onClick('resumeDelivery', () => api('POST', '/simulator/notifications/resume', { deliver: true }), () => 'CometD delivery resumed');
	onClick('resumeDropQueued', () => api('POST', '/simulator/notifications/resume', { deliver: false }), () => 'Resumed; the queued notifications were dropped');
	const latency = () => Number(el('latency').value);
	onClick(
		'setLatency',
		() => {
			if (latency() >= 0) return api('POST', '/simulator/latency', { ms: latency() });
			toast('Latency must be a number of ms, 0 or more', 'bad');
			return undefined;
		},
		() => 'REST latency ' + latency() + ' ms',
	);

	onClick('dropSessions', () => api('POST', '/simulator/cometd/drop'), () => 'CometD sessions dropped: clients handshake again');
	const downMs = () => Number(el('restartDown').value);
	onClick('restart', () => api('POST', '/simulator/restart', { downMs: downMs() }), () => (downMs() ? 'Restarting after a ' + downMs() / 1000 + ' s outage' : 'Restarting'));
	onClick(
		'reset',
		() => {
			const sure = window.confirm('Reset the simulator? Every call ends (without notifications), faults and logs are cleared, agents go back to Not Ready.');
			return sure ? api('POST', '/simulator/reset') : undefined;
		},
		() => 'Simulator reset',
	);

	el('filterUser').addEventListener('change', () => {
		state.filter.user = el('filterUser').value;
		renderLog();
	});
	el('filterCall').addEventListener('input', () => {
		state.filter.call = el('filterCall').value.trim();
		renderLog();
	});
	el('filterCallClear').addEventListener('click', () => setCallFilter(''));
	el('filterCometd').addEventListener('change', () => {
		state.filter.cometd = el('filterCometd').checked;
		renderLog();
	});
	el('filterRest').addEventListener('change', () => {
		state.filter.rest = el('filterRest').checked;
		renderLog();
	});
	el('logPause').addEventListener('click', () => {
		state.paused = !state.paused;
		el('logPause').textContent = state.paused ? 'Resume' : 'Pause';
		el('logPause').classList.toggle('on', state.paused);
		if (!state.paused) renderLog();
		else noteLog();
	});
	el('logClear').addEventListener('click', () => {
		Object.assign(state, { log: [], logKeys: {}, missed: 0 });
		renderLog();
	});

	el('opForm').addEventListener('submit', (ev) => void runDialog(ev));
	el('opName').addEventListener('change', () => {
		fillForm();
		say('opMessage', '');
	});
	el('opParams').addEventListener('input', () => {
		showWire();
		say('opMessage', '');
	});
	el('opCancel').addEventListener('click', () => el('opDialog').close());

	// Cards re-render on every change; this only retires the "new call" highlight once it has played.
	window.setInterval(() => {
		const now = Date.now();
		const stale = Object.keys(state.flashCalls).filter((k) => now - state.flashCalls[k] > FLASH_MS);
		if (!stale.length || !state.snap) return;
		for (const k of stale) delete state.flashCalls[k];
		renderAgents(state.snap);
	}, 1000);
}

/** The catalog the markup carries (contract.ts ConsoleCatalog). */
function readCatalog(): ConsoleCatalog {
	return JSON.parse(el('catalog').textContent || '{}') as ConsoleCatalog;
}

state.catalog = readCatalog();
wire();
renderLog();
connect();
