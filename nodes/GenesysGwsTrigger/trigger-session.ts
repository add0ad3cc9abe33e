/**
 * The running trigger: one CometD client for the credential, turning notifications into executions.
 * Kept out of the node file so the node file stays a description plus a call to startTrigger().
 *
 * Bad input: a notification whose `data` is not an object, a call notification without `call.id`, or a
 * notificationType/messageType we do not offer is logged (warn for malformed, debug for unknown types) and
 * skipped; it never throws into n8n. Fields we do not know are passed through untouched.
 */
import type { IDataObject, INode, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { GwsNotification } from '../shared/contracts';
import { CALLS_CHANNEL, createNotificationClient, DEVICES_CHANNEL } from '../shared/cometd';
import type { GwsCometdClient, NotificationClientStatus } from '../shared/cometd';
import { gwsApiRequest, readGwsServer } from '../shared/transport';
import { MAX_TIMEOUT_S, excerpt } from '../GenesysGws/actions/limits';
import { CallTracker, callIdOf, type CallChange } from './call-tracker';
import { DEFAULT_MANUAL_TIMEOUT_SECONDS } from './description';
import { DeviceTracker } from './device-tracker';
import { EVENT_BY_VALUE, channelsFor, eventOf, type TriggerEvent } from './events';
import { compileCallFilter, type CallFilter, type FilterParameters } from './filters';
import { buildItem } from './items';
import { saveTriggerState, takeTriggerState } from './saved-state';

const RESYNC_ATTEMPTS = 3;

interface TriggerOptions {
	resync?: boolean;
	manualTimeout?: number;
}

function isObject(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

function readEvents(ctx: ITriggerFunctions, node: INode): Set<string> {
	const events = ctx.getNodeParameter('events', []) as string[];
	if (!Array.isArray(events) || events.length === 0) {
		throw new NodeOperationError(node, 'Parameter "Events" is empty', {
			description: 'Choose at least one event, e.g. "Call State Changed"',
		});
	}
	const unknown = events.find((e) => !EVENT_BY_VALUE.has(e));
	if (unknown !== undefined) {
		throw new NodeOperationError(node, `Parameter "Events" has an unknown value "${unknown}"`, {
			description: `Use one of: ${[...EVENT_BY_VALUE.keys()].join(', ')}`,
		});
	}
	return new Set(events);
}

/**
 * "Test Step Timeout" in seconds, checked at activation (an expression or the API can bypass the UI's minValue):
 * 1 s up to MAX_TIMEOUT_S, the action node's limit (longer overflows Node's timer, which then fires at once).
 */
function readManualTimeout(options: TriggerOptions, node: INode): number {
	const value: unknown = options.manualTimeout ?? DEFAULT_MANUAL_TIMEOUT_SECONDS;
	if (typeof value !== 'number' || !(value >= 1) || value > MAX_TIMEOUT_S) {
		throw new NodeOperationError(
			node,
			`Option "Test Step Timeout" must be a number of seconds from 1 to ${MAX_TIMEOUT_S}, but is "${excerpt(String(value))}"`,
			{
				description: `Enter for example ${DEFAULT_MANUAL_TIMEOUT_SECONDS}. ${MAX_TIMEOUT_S} s (about 24 days) is the longest timer Node.js can run.`,
			},
		);
	}
	return value;
}

/** The event a notification starts an execution for, or undefined (not selected, filtered out, malformed). */
function selectedEvent(
	n: GwsNotification,
	selected: Set<string>,
	callFilter: CallFilter,
): TriggerEvent | undefined {
	if (!isObject(n.data)) return undefined;
	const event = eventOf(n.channel, n.data);
	if (!event || !selected.has(event.value)) return undefined;
	const call = n.data.call;
	if (event.aspect && !callIdOf(call)) return undefined;
	if (call !== undefined && (!isObject(call) || !callFilter(call))) return undefined;
	return event;
}

export async function startTrigger(ctx: ITriggerFunctions): Promise<ITriggerResponse> {
	const node = ctx.getNode();
	const selected = readEvents(ctx, node);
	const callFilter = compileCallFilter(node, ctx.getNodeParameter('filters', {}) as FilterParameters);
	const options = ctx.getNodeParameter('options', {}) as TriggerOptions;
	// Checked in every mode: an option that cannot work is refused where it is set, not when someone tests the step.
	const manualTimeoutSeconds = readManualTimeout(options, node);
	const channels = channelsFor([...selected]);
	const log = ctx.logger;
	let closed = false;
	/** Between a lasting-failure report and the next subscription. */
	let failing = false;

	const onStatus = (status: NotificationClientStatus) => {
		if (status.state === 'failed') failing = true;
		if (status.state === 'subscribed' || status.state === 'recovered') failing = false;
		if (status.state === 'failed') {
			log.error(`Genesys GWS Trigger: ${status.error.message}`);
			if (!closed) ctx.emitError(new NodeOperationError(node, status.error.message));
		} else if (status.state === 'reconnecting') {
			// A single re-handshake (e.g. 402 after a server-side session expiry) is routine; repeated ones are not.
			const message = `Genesys GWS Trigger: reconnecting to GWS notifications (attempt ${status.attempt}): ${status.cause}`;
			if (status.attempt === 1) log.info(message);
			else log.warn(message);
		} else if (status.state === 'recovered') {
			log.info(`Genesys GWS Trigger: GWS notifications are back after ${status.downForMs} ms`);
		}
	};

	if (ctx.getMode() === 'manual') {
		const client = createNotificationClient(ctx, { channels, onStatus, bufferSize: 100 });
		return {
			manualTriggerFunction: async () => {
				await startOrExplain(client, node);
				let notification: GwsNotification;
				try {
					notification = await client.waitFor(
						(n) => selectedEvent(n, selected, callFilter) !== undefined,
						manualTimeoutSeconds * 1000,
					);
				} catch (error) {
					throw new NodeOperationError(node, error as Error, {
						description: 'Make a call (or change the agent state) that matches the events and filters, or raise "Test Step Timeout"',
					});
				}
				const event = selectedEvent(notification, selected, callFilter)!;
				ctx.emit([
					[
						buildItem(notification.data, {
							event: event.value,
							channel: notification.channel,
							receivedAt: new Date().toISOString(),
						}),
					],
				]);
			},
			closeFunction: async () => {
				closed = true;
				await client.stop();
			},
		};
	}

	// Only what the selected events can report is read back after a reconnect (ErrorMessages cannot be).
	const resyncCalls = [...selected].some((e) => EVENT_BY_VALUE.get(e)?.aspect !== undefined);
	const resyncDevices = selected.has('DeviceStateChangeMessage');
	// After n8n closed this trigger because of our own lasting-failure error, continue from what we knew.
	// Keyed by credential user too: a credential edited in between must not inherit another user's calls.
	const server = await readGwsServer(ctx);
	const stateKey = [ctx.getWorkflow().id ?? '', node.id ?? node.name, server.baseUrl, server.username].join('\n');
	const saved = takeTriggerState(stateKey);
	const calls = saved?.calls ?? new CallTracker();
	const devices = saved?.devices ?? new DeviceTracker();
	let phoneNumber = saved?.phoneNumber;

	const emitItem = (data: IDataObject, event: TriggerEvent, channel: string, resync?: CallChange['reason']) => {
		if (closed) return;
		const meta = { event: event.value, channel, receivedAt: new Date().toISOString() };
		ctx.emit([[buildItem(data, resync ? { ...meta, resync: true, resyncReason: resync } : meta)]]);
	};

	const onNotification = (n: GwsNotification) => {
		const data = n.data;
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
			if (typeof data.phoneNumber === 'string') phoneNumber = data.phoneNumber;
			if (calls.observe(data.call, event.aspect)) {
				log.debug(`Genesys GWS Trigger: skipped ${event.value} for call ${String(data.call.id)}: a resync already reported it`);
				return;
			}
		} else if (event.value === 'DeviceStateChangeMessage') {
			devices.observe(data.devices);
		}
		if (selectedEvent(n, selected, callFilter)) emitItem(data, event, n.channel);
	};

	const readCollection = async (path: string, name: string): Promise<IDataObject[]> => {
		const response = await gwsApiRequest.call(ctx, { method: 'GET', path, qs: { fields: '*' } });
		const list = response[name];
		return Array.isArray(list) ? (list.filter(isObject) as IDataObject[]) : [];
	};

	/** Reads the current calls/devices and reports differences (or only records them, when `seedOnly`). */
	const resyncOnce = async (seedOnly: boolean, current: () => boolean) => {
		if (resyncCalls) {
			calls.beginResync();
			const snapshot = await readCollection('/api/v2/me/calls', 'calls');
			if (!current()) return;
			if (seedOnly) calls.seed(snapshot);
			else {
				for (const change of calls.resync(snapshot)) {
					const event = CALL_EVENT_BY_ASPECT.get(change.aspect)!;
					const data: IDataObject = {
						messageType: 'CallStateChangeMessage',
						notificationType: event.value,
						call: change.call,
						...(phoneNumber ? { phoneNumber } : {}),
					};
					const n = { channel: CALLS_CHANNEL, data };
					if (selectedEvent(n, selected, callFilter)) emitItem(data, event, CALLS_CHANNEL, change.reason);
				}
			}
		}
		if (resyncDevices) {
			const snapshot = await readCollection('/api/v2/me/devices', 'devices');
			if (!current()) return;
			const changed = devices.changed(snapshot);
			if (!seedOnly && changed.length > 0) {
				const data: IDataObject = { messageType: 'DeviceStateChangeMessage', devices: changed };
				emitItem(data, EVENT_BY_VALUE.get('DeviceStateChangeMessage')!, DEVICES_CHANNEL, 'changed');
			}
		}
	};

	// Resyncs run one after the other. A newer (re)subscription supersedes a resync still running or retrying:
	// its snapshot would be older than the new one's. A failed read is retried a few times, then logged (the next
	// reconnect resyncs again). Until a first snapshot has been read there is no baseline: the first successful
	// resync after that seeds silently only if it belongs to the first subscription; a later one reports every
	// call it finds (flagged resync, reason "new") rather than risk losing one.
	let resyncChain = Promise.resolve();
	let generation = 0;
	let baselineReady = saved !== undefined;
	const onResubscribed = ({ first }: { first: boolean }) => {
		if (options.resync === false) return resyncChain;
		const mine = ++generation;
		const current = () => !closed && mine === generation;
		resyncChain = resyncChain.then(async () => {
			for (let attempt = 1; attempt <= RESYNC_ATTEMPTS && current(); attempt++) {
				try {
					await resyncOnce(first && !baselineReady, current);
					baselineReady = true;
					return;
				} catch (error) {
					log.warn(
						`Genesys GWS Trigger: reading the current state after ${first ? 'connecting' : 'a reconnect'} failed (attempt ${attempt}): ${(error as Error).message}`,
					);
					if (attempt < RESYNC_ATTEMPTS) await sleep(500 * attempt);
				}
			}
		});
		return resyncChain;
	};

	const client = createNotificationClient(ctx, {
		channels,
		onStatus,
		onResubscribed,
		bufferSize: 0,
		// Malformed replies skipped by the adapter, or errors from the CometD library: worth a warning, not fatal.
		onInternalError: (e) => log.warn(`Genesys GWS Trigger: ${(e as Error)?.message ?? String(e)}`),
	});
	client.onNotification(onNotification);
	await startOrExplain(client, node);

	return {
		closeFunction: async () => {
			closed = true;
			await client.stop();
			await resyncChain;
			if (failing && baselineReady) saveTriggerState(stateKey, { calls, devices, phoneNumber });
		},
	};
}

/** Starts the client; a failure (stopping it) becomes an n8n error that says what to check. */
async function startOrExplain(client: GwsCometdClient, node: INode): Promise<void> {
	try {
		await client.start();
	} catch (error) {
		await client.stop();
		throw new NodeOperationError(node, error as Error, {
			description: 'The trigger could not subscribe to GWS notifications; check the credential and that GWS is reachable',
		});
	}
}

const CALL_EVENT_BY_ASPECT = new Map(
	[...EVENT_BY_VALUE.values()].filter((e) => e.aspect).map((e) => [e.aspect!, e] as const),
);
