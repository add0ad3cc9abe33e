/**
 * After every (re)subscription, read GWS's current calls and devices and report what changed while the trigger
 * could not hear notifications (the recovery GWS documents:
 * https://docs.genesys.com/Documentation/GWS/8.6.0/API/RecoveringExistingState).
 *
 * Resyncs run one after the other. A newer (re)subscription supersedes a resync still running or retrying: its
 * snapshot would be older than the new one's. A failed read is retried a few times, then logged (the next
 * reconnect resyncs again). Until a first snapshot has been read there is no baseline: the first successful resync
 * after that seeds silently only if it belongs to the first subscription; a later one reports every call it finds
 * (flagged resync, reason "new") rather than risk losing one.
 */
import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CALLS_CHANNEL, DEVICES_CHANNEL } from '../shared/channels';
import { CALLS_READ, DEVICES_READ, elementsOf, type CollectionRead } from '../shared/gwsResources';
import { gwsApiRequest } from '../shared/transport';
import type { CallChange } from './callTracker';
import { CALL_EVENT_BY_ASPECT, EVENT_BY_VALUE, MONITORING_EVENT, type TriggerEvent } from './events';
import type { MonitoringChange } from './monitoringChanges';
import { isSelected, type EventSelection } from './eventSelection';
import type { SavedTriggerState } from './savedState';

const RESYNC_ATTEMPTS = 3;
/**
 * GWS answers a read of the calls in milliseconds; a read that takes longer is retried. It also bounds how long an
 * activation waits for its first snapshot: 3 attempts, 1.5 s of pauses.
 */
const READ_TIMEOUT_MS = 10_000;

/** What an item adds under `_gws` besides event, channel and time (items.ts). */
interface ItemExtras {
	/** Made by a resync, and why. */
	resync?: CallChange['reason'];
	/** A SupervisorMonitoringChanged item's change. */
	monitoring?: MonitoringChange;
}

export type EmitItem = (data: IDataObject, event: TriggerEvent, channel: string, extras?: ItemExtras) => void;

export interface ResyncOptions {
	ctx: ITriggerFunctions;
	selection: EventSelection;
	/** What the trigger knows; each resync compares GWS's calls and devices with it and updates it. */
	state: SavedTriggerState;
	emit: EmitItem;
	isClosed: () => boolean;
	/** A saved state from before is a baseline already. */
	hasBaseline: boolean;
	/** After every successful resync: the state now holds GWS's current view. */
	onSynced: () => void;
}

export class Resync {
	private chain = Promise.resolve();
	private generation = 0;
	private baseline: boolean;
	private readonly calls: boolean;
	private readonly devices: boolean;
	private firstDone!: () => void;
	/** Settles when the first resync after activation finished (or gave up). */
	readonly firstSettled = new Promise<void>((resolve) => (this.firstDone = resolve));

	private readonly ctx: ITriggerFunctions;
	private readonly selection: EventSelection;
	private readonly state: SavedTriggerState;
	private readonly emit: EmitItem;
	private readonly isClosed: () => boolean;
	private readonly onSynced: () => void;

	constructor(options: ResyncOptions) {
		this.ctx = options.ctx;
		this.selection = options.selection;
		this.state = options.state;
		this.emit = options.emit;
		this.isClosed = options.isClosed;
		this.onSynced = options.onSynced;
		this.baseline = options.hasBaseline;
		// Only what the selected events can report is read back (ErrorMessages cannot be).
		const events = [...this.selection.events].map((e) => EVENT_BY_VALUE.get(e));
		this.calls = events.some((e) => e?.aspect !== undefined);
		this.devices = events.some((e) => e?.channel === DEVICES_CHANNEL);
	}

	/** Whether a snapshot has been read (so the state is worth saving for the next activation). */
	get baselineReady(): boolean {
		return this.baseline;
	}

	/** The notification client's onResubscribed hook. */
	readonly onResubscribed = ({ first }: { first: boolean }): Promise<void> => {
		const mine = ++this.generation;
		const current = () => !this.isClosed() && mine === this.generation;
		this.chain = this.chain.then(async () => {
			for (let attempt = 1; attempt <= RESYNC_ATTEMPTS && current(); attempt++) {
				try {
					await this.resyncOnce(first && !this.baseline, current);
					this.baseline = true;
					this.onSynced();
					return;
				} catch (error) {
					this.ctx.logger.warn(
						`Genesys GWS Trigger: reading the current state after ${first ? 'connecting' : 'a reconnect'} failed (attempt ${attempt}): ${(error as Error).message}`,
					);
					if (attempt < RESYNC_ATTEMPTS) await sleep(500 * attempt);
				}
			}
		});
		if (first) void this.chain.then(this.firstDone);
		return this.chain;
	};

	/** Resolves when no resync is running. */
	settled(): Promise<void> {
		return this.chain;
	}

	private async readCollection(read: CollectionRead): Promise<IDataObject[]> {
		const request = { method: 'GET' as const, path: read.path, qs: read.qs, timeoutMs: READ_TIMEOUT_MS };
		return elementsOf(await gwsApiRequest.call(this.ctx, request), read);
	}

	/** Reads the current calls/devices and reports differences (or only records them, when `seedOnly`). */
	private async resyncOnce(seedOnly: boolean, current: () => boolean): Promise<void> {
		const { calls, devices } = this.state;
		if (this.calls) {
			calls.beginResync();
			const snapshot = await this.readCollection(CALLS_READ);
			if (!current()) return;
			if (seedOnly) calls.seed(snapshot);
			else for (const change of calls.resync(snapshot)) this.reportCall(change);
		}
		if (this.devices) {
			devices.beginResync();
			const snapshot = await this.readCollection(DEVICES_READ);
			if (!current()) return;
			const changed = devices.observe(snapshot, 'snapshot');
			if (seedOnly) return;
			if (this.selection.events.has('DeviceStateChangeMessage') && changed.devices.length > 0) {
				const data: IDataObject = { messageType: 'DeviceStateChangeMessage', devices: changed.devices };
				this.emit(data, EVENT_BY_VALUE.get('DeviceStateChangeMessage')!, DEVICES_CHANNEL, { resync: 'changed' });
			}
			if (!this.selection.events.has(MONITORING_EVENT.value)) return;
			// One item per device whose monitoring changed, showing that device as GWS returned it.
			for (const { device, change } of changed.monitoring) {
				const data: IDataObject = { messageType: 'DeviceStateChangeMessage', devices: [device] };
				this.emit(data, MONITORING_EVENT, DEVICES_CHANNEL, { resync: 'changed', monitoring: change });
			}
		}
	}

	/** A call change as the notification GWS would have sent for it. */
	private reportCall(change: CallChange): void {
		const event = CALL_EVENT_BY_ASPECT.get(change.aspect)!;
		const phoneNumber = this.state.phoneNumber;
		const data: IDataObject = {
			messageType: 'CallStateChangeMessage',
			notificationType: event.value,
			call: change.call,
			...(phoneNumber ? { phoneNumber } : {}),
		};
		if (isSelected(event, data, this.selection)) {
			this.emit(data, event, CALLS_CHANNEL, { resync: change.reason });
		}
	}
}
