/**
 * What the console's markup (html.ts), its script (page/*.ts) and its routes (routes.ts) share: the paths, the
 * element ids and the catalog the page gets from the simulator's own declarations. Plain data: the page's bundle
 * includes this module.
 */

export const CONSOLE_PATH = '/simulator/console';
export const SCRIPT_PATH = `${CONSOLE_PATH}/app.js`;
export const STYLE_PATH = `${CONSOLE_PATH}/style.css`;
/** The live feed (feed.ts). */
export const EVENTS_PATH = '/simulator/events';

/** Every element the script finds by id; the markup writes each with `id="${ID.x}"`. */
export const ID = {
	conn: 'conn',
	connText: 'conn-text',
	stats: 'stats',
	dropSessions: 'btn-drop',
	restartDown: 'restart-down',
	restart: 'btn-restart',
	reset: 'btn-reset',
	banner: 'banner',
	agents: 'agents',
	placeCall: 'place-call',
	callForm: 'call-form',
	callTo: 'call-to',
	callFrom: 'call-from',
	callDnis: 'call-dnis',
	userDataMode: 'ud-mode',
	presetVip: 'preset-vip',
	presetNone: 'preset-none',
	callQueue: 'call-queue',
	userDataJson: 'ud-json',
	userDataRows: 'ud-kv',
	callSubmit: 'call-submit',
	callMessage: 'call-msg',
	faultsCard: 'faults-card',
	faultsCount: 'faults-count',
	faultForm: 'fault-form',
	faultCount: 'fault-count',
	faultMode: 'fault-mode',
	faultStatus: 'fault-status',
	faultMethod: 'fault-method',
	faultPath: 'fault-path',
	faultBody: 'fault-body',
	faultSubmit: 'fault-submit',
	faultClear: 'fault-clear',
	faultMessage: 'fault-msg',
	faultList: 'fault-list',
	pauseDelivery: 'btn-pause',
	resumeDelivery: 'btn-resume',
	resumeDropQueued: 'btn-resume-drop',
	latency: 'latency',
	setLatency: 'btn-latency',
	filterUser: 'f-user',
	filterCall: 'f-call',
	filterCallClear: 'f-call-clear',
	filterCometd: 'f-cometd',
	filterRest: 'f-rest',
	logPause: 'log-pause',
	logClear: 'log-clear',
	logNote: 'log-note',
	log: 'log',
	opDialog: 'op-dialog',
	opForm: 'op-form',
	opTitle: 'op-title',
	opSub: 'op-sub',
	opName: 'op-name',
	opParams: 'op-params',
	opWire: 'op-wire',
	opMessage: 'op-msg',
	opCancel: 'op-cancel',
	opRun: 'op-run',
	toasts: 'toasts',
	catalog: 'console-catalog',
} as const;

export type ElementKey = keyof typeof ID;

/**
 * What the page knows about operations, from the simulator's declarations (catalog.ts builds it; the markup carries
 * it as JSON in the element ID.catalog): the body fields each operation reads, as the operation dialog's form.
 */
export interface ConsoleCatalog {
	callOperations: Record<string, Record<string, unknown>>;
	deviceOperations: Record<string, Record<string, unknown>>;
}
