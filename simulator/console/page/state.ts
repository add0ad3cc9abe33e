/** What the page holds between updates: the last snapshot, the log, what is open, the filter, the open dialog. */
import type { SimAgentSnapshot } from '../../api';
import type { ConsoleCatalog } from '../contract';
import type { ConsoleCall, ConsoleSnapshot } from '../snapshot';

/** A log row: a CometD notification or a REST request. */
export interface LogEntry {
	kind: 'cometd' | 'rest';
	/** 'n<seq>' or 'r<seq>': unique in the log. */
	key: string;
	time: number;
	user: string;
	/** The calls the entry is about (for the call filter). */
	ids: string[];
	title: string;
	/** A notification's call state. */
	st: string;
	detail: string;
	queued?: boolean;
	/** A request's HTTP status (-1 connection reset, -2 never answered). */
	status?: number;
	/** Shown in full when the row is opened. */
	data: unknown;
}

export interface LogFilter {
	user: string;
	call: string;
	cometd: boolean;
	rest: boolean;
}

/** The operation dialog: on a call, or on an agent's device. */
interface OperationDialog {
	kind: 'call' | 'device';
	agent: SimAgentSnapshot;
	call?: ConsoleCall;
	ops: string[];
	op: string;
	/** Each operation's starting parameters. */
	forms: Record<string, Record<string, unknown>>;
}

export interface PageState {
	catalog: ConsoleCatalog;
	snap: ConsoleSnapshot | null;
	/** DN -> username */
	agentNames: Record<string, string>;
	/** username -> what its card was last rendered from */
	agentSig: Record<string, string>;
	/** username -> { callId: call } */
	prevCalls: Record<string, Record<string, ConsoleCall>>;
	/** username -> recently ended calls, newest first (from the snapshot: the simulator keeps them) */
	ended: Record<string, Array<{ call: ConsoleCall; at: number }>>;
	/** 'username|callId' -> the call as the last notification showed it */
	lastCall: Record<string, Record<string, unknown>>;
	/** Keys of expanded details. */
	open: Record<string, true>;
	/** Newest last. */
	log: LogEntry[];
	logKeys: Record<string, true>;
	paused: boolean;
	missed: number;
	/** 'username|callId' -> when the call appeared (it flashes for a moment) */
	flashCalls: Record<string, number>;
	filter: LogFilter;
	userDataMode: 'json' | 'kv';
	dialog: OperationDialog | null;
}

export function newPageState(): PageState {
	return {
		catalog: { callOperations: {}, deviceOperations: {} },
		snap: null,
		agentNames: {},
		agentSig: {},
		prevCalls: {},
		ended: {},
		lastCall: {},
		open: {},
		log: [],
		logKeys: {},
		paused: false,
		missed: 0,
		flashCalls: {},
		filter: { user: '', call: '', cometd: true, rest: true },
		userDataMode: 'json',
		dialog: null,
	};
}

/** The page's one state. */
export const state: PageState = newPageState();

