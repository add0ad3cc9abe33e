/** The simulator's live feed (GET /simulator/events, console/feed.ts): hello, snapshot and log events onto the page. */
import { EVENTS_PATH } from '../contract';
import type { HelloEvent, LogEvent } from '../feed';
import type { ConsoleCall, ConsoleSnapshot } from '../snapshot';
import { renderAgents } from './agents';
import { el } from './dom';
import { addEntries } from './logEntries';
import { noteLog, prependEntries, renderLog } from './log';
import { state, type PageState } from './state';
import { renderAgentOptions, renderFaults, renderStats, setConn } from './topbar';

export function connect(): void {
	const source = new EventSource(EVENTS_PATH);
	source.addEventListener('hello', (ev) => {
		setConn('live', 'live');
		onHello(JSON.parse((ev as MessageEvent).data));
	});
	source.addEventListener('snapshot', (ev) => onSnapshot(JSON.parse((ev as MessageEvent).data)));
	source.addEventListener('log', (ev) => onLog(JSON.parse((ev as MessageEvent).data)));
	source.onerror = () => {
		setConn('reconnecting', 'reconnecting...');
		if (source.readyState === EventSource.CLOSED) window.setTimeout(connect, 2000);
	};
}

/** The whole picture: on connect, and after a reset or restart. */
function onHello(data: HelloEvent): void {
	Object.assign(state, { log: [], logKeys: {}, lastCall: {}, prevCalls: {}, ended: {}, agentSig: {}, missed: 0, snap: null });
	addEntries(state, data.notifications || [], data.requests || []);
	onSnapshot(data.snapshot);
	renderLog();
}

function onLog(data: LogEvent): void {
	const fresh = addEntries(state, data.notifications || [], data.requests || []);
	if (data.skipped) state.missed += data.skipped;
	if (!state.paused) prependEntries(fresh);
	noteLog();
}

function onSnapshot(snap: ConsoleSnapshot | null | undefined): void {
	if (!snap) return;
	const first = !state.snap;
	state.snap = snap;
	state.agentNames = {};
	for (const a of snap.agents || []) state.agentNames[a.phoneNumber] = a.username;
	trackEndedCalls(state, snap, first, Date.now());
	renderStats(snap);
	renderAgents(snap);
	renderAgentOptions(snap);
	renderFaults(snap);
	if (first) el('latency').value = String(snap.latencyMs || 0);
}

/**
 * "Recently ended" is the simulator's (snapshot.ended), so a reload shows the same; calls new since the last
 * snapshot flash (not on a fresh start).
 */
function trackEndedCalls(page: PageState, snap: ConsoleSnapshot, first: boolean, now: number): void {
	page.ended = {};
	for (const e of snap.ended || []) (page.ended[e.call.owner] ??= []).push({ call: e.call, at: e.endedAt });
	const byAgent: Record<string, Record<string, ConsoleCall>> = {};
	for (const c of snap.calls || []) (byAgent[c.owner] ??= {})[c.id] = c;
	for (const [user, calls] of Object.entries(byAgent)) {
		for (const id of Object.keys(calls)) {
			if (!first && !page.prevCalls[user]?.[id]) page.flashCalls[user + '|' + id] = now;
		}
	}
	page.prevCalls = byAgent;
}
