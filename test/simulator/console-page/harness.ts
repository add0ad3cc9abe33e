/**
 * The console page in jsdom: the real markup (html.ts, with the catalog from the simulator's declarations) and the
 * real bundle (script.ts, bundled from page/*.ts), with a scripted live feed (EventSource) and a recorded control
 * API (fetch). Test files using it run in jest's jsdom environment.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';
import type { SimAgentSnapshot } from '../../../simulator/api';
import { consoleCatalog } from '../../../simulator/console/catalog';
import type { HelloEvent, LogEvent } from '../../../simulator/console/feed';
import { consoleHtml } from '../../../simulator/console/html';
import { consoleBuildOptions } from '../../../simulator/console/script';
import type { ConsoleCall, ConsoleSnapshot } from '../../../simulator/console/snapshot';

/**
 * The bundle as script.ts builds it, from the sources. esbuild refuses to run inside jsdom's realm (its typed arrays
 * are not Node's), so a plain node process runs the same build options.
 */
const BUNDLE = execFileSync(
	process.execPath,
	['-e', 'process.stdout.write(require("esbuild").buildSync(JSON.parse(process.argv[1])).outputFiles[0].text)', JSON.stringify(consoleBuildOptions())],
	{ cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8' },
);

/** The page's EventSource: the test sends the feed's events. */
class ScriptedFeed {
	static readonly CLOSED = 2;
	static current?: ScriptedFeed;
	readyState = 1;
	onerror: (() => void) | null = null;
	private readonly listeners = new Map<string, Array<(ev: { data: string }) => void>>();
	constructor(readonly url: string) {
		ScriptedFeed.current = this;
	}
	addEventListener(type: string, listener: (ev: { data: string }) => void): void {
		this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
	}
	send(type: string, data: unknown): void {
		for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data) });
	}
}

interface ControlRequest {
	method: string;
	path: string;
	body?: unknown;
}

export interface LoadedPage {
	requests: ControlRequest[];
	/** What the control API answers next (default {ok: true}). */
	reply(status: number, body: unknown): void;
	hello(snapshot: ConsoleSnapshot, log?: Partial<LogEvent>): void;
	snapshot(snapshot: ConsoleSnapshot): void;
	log(log: Partial<LogEvent>): void;
	feedUrl(): string;
}

/** Loads the page into the test's document and runs its script. */
export function loadPage(): LoadedPage {
	const requests: ControlRequest[] = [];
	const replies: Array<{ status: number; body: unknown }> = [];
	const html = consoleHtml(consoleCatalog());
	document.documentElement.innerHTML = html.replace(/^<!doctype html>\s*<html[^>]*>/i, '').replace(/<\/html>\s*$/, '');
	Object.assign(window, {
		EventSource: ScriptedFeed,
		fetch: async (path: string, init: { method: string; body?: string }) => {
			requests.push({ method: init.method, path, body: init.body === undefined ? undefined : JSON.parse(init.body) });
			const next = replies.shift() ?? { status: 200, body: { ok: true } };
			return { ok: next.status < 400, status: next.status, text: async () => JSON.stringify(next.body) };
		},
	});
	// jsdom has neither CSS.escape nor a modal dialog.
	(window as any).CSS ??= { escape: (text: string) => text.replace(/["\\]/g, '\\$&') };
	HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
		this.open = true;
	};
	HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
		this.open = false;
	};
	window.eval(BUNDLE);
	const feed = () => ScriptedFeed.current!;
	return {
		requests,
		reply: (status, body) => replies.push({ status, body }),
		hello: (snapshot, log = {}) => feed().send('hello', { snapshot, notifications: [], requests: [], ...log } satisfies HelloEvent),
		snapshot: (snapshot) => feed().send('snapshot', snapshot),
		log: (log) => feed().send('log', { notifications: [], requests: [], skipped: 0, ...log } satisfies LogEvent),
		feedUrl: () => feed().url,
	};
}

/** Lets the page's pending promises (its control API requests, answered at once) run to their end. */
export const settle = () => new Promise((resolve) => window.setTimeout(resolve, 0));

export const URL = 'http://127.0.0.1:8090';

export function agent(username: string, phoneNumber: string, extra: Partial<SimAgentSnapshot> = {}): SimAgentSnapshot {
	const deviceId = `device-${username}`;
	return {
		username,
		phoneNumber,
		roles: ['agent'],
		deviceId,
		loggedIn: true,
		device: {
			id: deviceId,
			deviceState: 'Active',
			userState: { id: 'x', displayName: 'Not Ready', state: 'NotReady' },
			phoneNumber,
			doNotDisturb: 'Off',
			capabilities: ['DoNotDisturbOn', 'ForwardCallsOn'],
		},
		...extra,
	};
}

export function call(id: string, owner: string, extra: Partial<ConsoleCall> = {}): ConsoleCall {
	return { id, owner, state: 'Ringing', callType: 'Inbound', participants: ['5551234'], userData: {}, capabilities: ['Answer'], alsoAccepted: [], ...extra };
}

export function snapshot(agents: SimAgentSnapshot[], calls: ConsoleCall[], extra: Partial<ConsoleSnapshot> = {}): ConsoleSnapshot {
	return {
		url: URL,
		agents,
		calls,
		callsTotal: calls.length,
		ended: [],
		cometdSessions: Object.fromEntries(agents.map((a) => [a.username, 0])),
		notificationsPublished: 0,
		notificationsPaused: false,
		faults: [],
		latencyMs: 0,
		...extra,
	};
}
