/**
 * The trigger of an active workflow: one CometD client for the credential, turning notifications into executions,
 * with a resync after every (re)subscription (resync.ts) against what the trigger last knew, kept in memory across
 * reconnects and lasting failures (savedState.ts) and in the workflow's static data across n8n restarts
 * (durableState.ts). The editor's test step is manualTrigger.ts.
 *
 * Bad input: a notification whose `data` is not an object, a call notification without `call.id`, or a
 * notificationType/messageType we do not offer is logged (warn for malformed, debug for unknown types) and
 * skipped; it never throws into n8n. Fields we do not know are passed through untouched.
 */
import type { IDataObject, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';

import { createNotificationClient } from '../shared/cometd';
import { isObject } from '../shared/isObject';
import type { GwsNotification } from '../shared/notification';
import { trace } from '../shared/trace';
import { readGwsServer } from '../shared/transport';
import { CallTracker, callIdOf } from './callTracker';
import { connectionOwner, startOrExplain, watchConnection } from './connectionStatus';
import { DeviceTracker } from './deviceTracker';
import { DurableState } from './durableState';
import { MONITORING_EVENT, eventOf } from './events';
import { isSelected } from './eventSelection';
import { buildItem, type GwsMeta } from './items';
import { Resync, type EmitItem } from './resync';
import { saveTriggerState, takeTriggerState, type SavedTriggerState } from './savedState';
import type { TriggerOptions, TriggerSetup } from './triggerOptions';

/**
 * What an earlier activation of this node knew, when its changes since must be reported: after n8n itself was
 * down (activation 'init'), the workflow was saved while active ('update') or another main took over
 * ('leadershipChange'); after the user deactivated and activated it ('activate'), only if they chose to.
 */
function keptAcrossRestart(
	ctx: ITriggerFunctions,
	durable: DurableState | undefined,
	options: TriggerOptions,
): SavedTriggerState | undefined {
	const kept = durable?.read();
	if (!kept) return undefined;
	const deliberate = ['activate', 'create', 'manual'].includes(ctx.getActivationMode());
	if (deliberate && options.resyncAfterDeactivation !== true) {
		durable?.clear();
		return undefined;
	}
	return kept;
}

export async function activeTrigger(ctx: ITriggerFunctions, setup: TriggerSetup): Promise<ITriggerResponse> {
	const node = ctx.getNode();
	const { selection, options, channels } = setup;
	const log = ctx.logger;
	let closed = false;
	// After n8n closed this trigger because of our own lasting-failure error, continue from what we knew.
	// Keyed by credential user too: a credential edited in between must not inherit another user's calls.
	const server = await readGwsServer(ctx);
	const who = connectionOwner(ctx, server.username);
	const connection = watchConnection(ctx, node, () => who, () => closed);
	const owner = `${server.baseUrl}\n${server.username}`;
	const stateKey = `${ctx.getWorkflow().id ?? ''}\n${node.id ?? node.name}\n${owner}`;
	const durable = options.resync === false ? undefined : new DurableState(ctx, owner);
	const saved = takeTriggerState(stateKey) ?? keptAcrossRestart(ctx, durable, options);
	const state: SavedTriggerState = saved ?? { calls: new CallTracker(), devices: new DeviceTracker() };

	const emitItem: EmitItem = (data, event, channel, extras = {}) => {
		if (closed) return;
		const meta: GwsMeta = { event: event.value, channel, receivedAt: new Date().toISOString() };
		if (extras.resync) Object.assign(meta, { resync: true, resyncReason: extras.resync });
		if (extras.monitoring) meta.monitoring = extras.monitoring;
		// n8n saves the static data with this emit: what was just reported is never reported again.
		durable?.write(state);
		// Calls the kept view's limits left out (when written or read) are reported once, on this item.
		const loss = durable?.takeLoss();
		if (loss) meta.stateDropped = loss;
		trace(log, 'emitted', (data.call as IDataObject | undefined)?.id);
		ctx.emit([[buildItem(data, meta)]]);
	};

	const onNotification = (n: GwsNotification) => {
		const data = n.data;
		trace(log, 'received', (data?.call as IDataObject | undefined)?.id);
		if (!isObject(data)) {
			log.warn(`Genesys GWS Trigger: skipped a notification on ${n.channel} whose data is not an object`);
			return;
		}
		const event = eventOf(n.channel, data);
		if (!event) {
			log.debug(
				`Genesys GWS Trigger: skipped a notification it does not offer (channel ${n.channel}, messageType ${String(
					data.messageType,
				)}, notificationType ${String(data.notificationType)})`,
			);
			return;
		}
		if (event.aspect) {
			if (!isObject(data.call) || !callIdOf(data.call)) {
				log.warn(`Genesys GWS Trigger: skipped a ${event.value} notification without call.id`);
				return;
			}
			if (typeof data.phoneNumber === 'string') state.phoneNumber = data.phoneNumber;
			if (state.calls.observe(data.call as IDataObject, event.aspect)) {
				log.debug(`Genesys GWS Trigger: skipped ${event.value} for call ${String(data.call.id)}: a resync already reported it`);
				return;
			}
		}
		const monitoring = event.value === 'DeviceStateChangeMessage' ? state.devices.observe(data.devices).monitoring : [];
		if (isSelected(event, data, selection)) emitItem(data, event, n.channel);
		if (!selection.events.has(MONITORING_EVENT.value)) return;
		// One execution per device whose monitoring changed (a user has one device as a rule).
		for (const { change } of monitoring) emitItem(data, MONITORING_EVENT, n.channel, { monitoring: change });
	};

	const resync = new Resync({
		ctx,
		selection,
		state,
		emit: emitItem,
		isClosed: () => closed,
		hasBaseline: saved !== undefined,
		onSynced: () => durable?.write(state),
	});
	const client = createNotificationClient(ctx, {
		channels,
		onStatus: connection.onStatus,
		onResubscribed: options.resync === false ? undefined : resync.onResubscribed,
		bufferSize: 0,
		// Malformed replies skipped by the adapter, or errors from the CometD library: worth a warning, not fatal.
		onInternalError: (e) => log.warn(`Genesys GWS Trigger: ${(e as Error)?.message ?? String(e)}`),
	});
	client.onNotification(onNotification);
	await startOrExplain(client, node);
	// n8n saves the static data once activation returns: wait for the first snapshot to be in it (bounded by the
	// resync's own attempts and read timeout).
	if (durable) await resync.firstSettled;

	return {
		closeFunction: async () => {
			closed = true;
			await client.stop();
			await resync.settled();
			if (connection.failing && resync.baselineReady) saveTriggerState(stateKey, state);
		},
	};
}
