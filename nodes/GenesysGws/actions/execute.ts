/**
 * One executor for every operation in the table: validate parameters, optional capability pre-check, send,
 * optional wait for the confirming CometD notification, and shape the output items of one input item.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';

import type { GwsNotification, GwsNotificationClient } from '../../shared/contracts';
import { createNotificationClient } from '../../shared/cometd';
import { gwsApiRequest, gwsPath, readGwsServer } from '../../shared/transport';
import { AGENT_STATES, CALLS_CHANNEL, DEVICES_CHANNEL } from './operations';
import type { Confirmation, GwsOperation } from './operations';
import { MAX_TIMEOUT_S, excerpt } from './limits';
import { checkParams } from './parameters';
import type { CheckedParams } from './parameters';
import { DEVICES_REQUEST, buildRequest, callRequest } from './request';
import type { GwsRequest } from './request';

export interface OperationOptions {
	waitForConfirmation?: boolean;
	confirmationTimeout?: number;
	capabilityPreCheck?: boolean;
	includeCall?: boolean;
	timeout?: number;
}

const DEFAULT_CONFIRMATION_TIMEOUT_S = 10;

interface RunContext {
	ctx: IExecuteFunctions;
	op: GwsOperation;
	itemIndex: number;
	timeoutMs: number;
}

function readOptions(ctx: IExecuteFunctions, itemIndex: number): OperationOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as OperationOptions;
	for (const name of ['confirmationTimeout', 'timeout'] as const) {
		const value = options[name];
		if (
			value !== undefined &&
			(typeof value !== 'number' || !(value > 0) || value > MAX_TIMEOUT_S)
		) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Option "${name}" must be a number of seconds above 0 and at most ${MAX_TIMEOUT_S}, but is "${excerpt(String(value))}"`,
				{
					itemIndex,
					description: `Enter for example 10. ${MAX_TIMEOUT_S} s (about 24 days) is the longest timer Node.js can run.`,
				},
			);
		}
	}
	return options;
}

async function send(run: RunContext, req: GwsRequest) {
	return await gwsApiRequest.call(run.ctx, {
		...req,
		timeoutMs: run.timeoutMs,
		itemIndex: run.itemIndex,
	});
}

/** GET one call; returns its resource ({statusCode, call} per the Return Values page). */
async function readCall(run: RunContext, callId: string): Promise<IDataObject> {
	const response = await send(run, callRequest(callId));
	return (response.call as IDataObject | undefined) ?? response;
}

function listOf(response: IDataObject, field: string): IDataObject[] {
	const value = response[field];
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

/** Refuses an operation the call's capabilities do not list, naming its state and what is allowed. */
async function checkCapability(run: RunContext, callId: string): Promise<void> {
	const capability = run.op.capability;
	if (!capability) return;
	const call = await readCall(run, callId);
	const capabilities = Array.isArray(call.capabilities) ? (call.capabilities as string[]) : [];
	if (!capabilities.includes(capability)) {
		throw new NodeOperationError(
			run.ctx.getNode(),
			`"${run.op.name}" is not allowed on call "${callId}" in state ${String(call.state ?? 'unknown')}`,
			{
				itemIndex: run.itemIndex,
				description: `GWS allows now: ${capabilities.length ? capabilities.join(', ') : 'no operations'}. ${capability} is not among them, so the request was not sent.`,
			},
		);
	}
}

/** The user's first device, for Dial without a Device ID. */
async function firstDeviceId(run: RunContext): Promise<string> {
	const devices = listOf(await send(run, DEVICES_REQUEST), 'devices');
	const id = devices.find((d) => typeof d.id === 'string' && d.id !== '')?.id;
	if (typeof id !== 'string') {
		throw new NodeOperationError(
			run.ctx.getNode(),
			'GWS lists no device for this user, so there is nothing to dial from',
			{
				itemIndex: run.itemIndex,
				description:
					'Check that the user has a place/device assigned in Genesys, or enter a Device ID.',
			},
		);
	}
	return id;
}

/** The parent call id of a consult call (parentCallPath "/calls/{id}" or parentCallUri), if any. */
function parentCallId(call: IDataObject): string | undefined {
	for (const field of ['parentCallPath', 'parentCallUri']) {
		const value = call[field];
		const match = typeof value === 'string' ? /\/calls\/([^/?#]+)\/?$/.exec(value) : null;
		if (match) return decodeURIComponent(match[1]);
	}
	return undefined;
}

function endsWithCall(uri: unknown, callId: string): boolean {
	return (
		typeof uri === 'string' &&
		(uri.endsWith(`/calls/${callId}`) || uri.endsWith(gwsPath`/calls/${callId}`))
	);
}

/**
 * Dial: the new call's participants should include the dialled number. Compared on digits and by suffix
 * (GWS may add an outside-line or country prefix); a notification without participants is accepted.
 */
function dialledParty(call: IDataObject, destination: string | undefined): boolean {
	const wanted = (destination ?? '').replace(/\D/g, '');
	const participants = Array.isArray(call.participants) ? call.participants : [];
	if (!wanted || participants.length === 0) return true;
	return participants.some((p) => {
		const raw =
			typeof p === 'string'
				? p
				: String((p as IDataObject)?.phoneNumber ?? (p as IDataObject)?.digits ?? '');
		const digits = raw.replace(/\D/g, '');
		return digits !== '' && (digits.endsWith(wanted) || wanted.endsWith(digits));
	});
}

/** Does this notification confirm the operation? */
function confirms(
	conf: Confirmation,
	n: GwsNotification,
	callId: string | undefined,
	agentState?: string,
	destination?: string,
): boolean {
	if (n.channel !== conf.channel) return false;
	const data = n.data ?? {};
	if (conf.channel === DEVICES_CHANNEL) {
		const target = AGENT_STATES.find((s) => s.value === agentState);
		const devices = Array.isArray(data.devices) ? (data.devices as IDataObject[]) : [];
		return devices.some((device) => {
			const userState = (device.userState ?? {}) as IDataObject;
			if (!target || userState.state !== target.state) return false;
			return target.workMode === undefined || userState.workMode === target.workMode;
		});
	}
	if (conf.notificationType && data.notificationType !== conf.notificationType) return false;
	const call = (data.call ?? {}) as IDataObject;
	if ((conf.call === 'same' || conf.call === 'parentOrSame') && call.id !== callId) return false;
	if (
		conf.call === 'consult' &&
		!(
			call.callType === 'Consult' &&
			callId !== undefined &&
			(endsWithCall(call.parentCallUri, callId) || endsWithCall(call.parentCallPath, callId))
		)
	) {
		return false;
	}
	if (conf.call === 'new' && !dialledParty(call, destination)) return false;
	if (conf.state && call.state !== conf.state) return false;
	if (conf.recordingState && call.recordingState !== conf.recordingState) return false;
	if (conf.mute && call.mute !== conf.mute) return false;
	return true;
}

/**
 * Runs `send` with a notification client started BEFORE it (so the notification cannot be missed) and waits
 * for the confirming notification. A fresh client per item: the contract's waitFor may also match
 * notifications buffered since start(), which must not be a previous item's.
 */
async function sendAndConfirm(
	run: RunContext,
	conf: Confirmation,
	timeoutS: number,
	sendRequest: () => Promise<IDataObject>,
	matches: (n: GwsNotification) => boolean,
): Promise<{ response: IDataObject; notification: GwsNotification }> {
	let client: GwsNotificationClient | undefined;
	try {
		client = createNotificationClient(run.ctx, { channels: [conf.channel] });
		try {
			await client.start();
		} catch (error) {
			// Transport errors (refused, 401, TLS ...) already say what to fix (both constructors hand back an
			// error of their own class unchanged); others get context here.
			if (error instanceof NodeOperationError)
				throw new NodeOperationError(run.ctx.getNode(), error);
			if (error instanceof NodeApiError) {
				throw new NodeApiError(run.ctx.getNode(), error as unknown as JsonObject);
			}
			throw new NodeOperationError(
				run.ctx.getNode(),
				`Could not subscribe to GWS notifications to wait for the confirmation of "${run.op.name}"`,
				{
					itemIndex: run.itemIndex,
					description: `${(error as Error).message}. The request was not sent. Turn off "Wait for Confirmation" if GWS notifications (CometD) are not reachable from n8n.`,
				},
			);
		}
		const response = await sendRequest();
		try {
			const notification = await client.waitFor(matches, timeoutS * 1000);
			return { response, notification };
		} catch (error) {
			throw new NodeOperationError(
				run.ctx.getNode(),
				`GWS accepted "${run.op.name}" but did not confirm it within ${timeoutS} s`,
				{
					itemIndex: run.itemIndex,
					description: `No ${conf.summary} notification arrived on ${conf.channel}. The operation may still complete; raise "Confirmation Timeout" or check the call's state with "Get". (${(error as Error).message})`,
				},
			);
		}
	} finally {
		await client?.stop();
	}
}

function notificationSummary(n: GwsNotification): IDataObject {
	const summary: IDataObject = { channel: n.channel };
	for (const field of ['messageType', 'notificationType'] as const) {
		if (n.data?.[field] !== undefined) summary[field] = n.data[field];
	}
	return summary;
}

/** Runs one operation for one input item; returns the output items' JSON. */
export async function executeOperation(
	this: IExecuteFunctions,
	op: GwsOperation,
	itemIndex: number,
): Promise<IDataObject[]> {
	const options = readOptions(this, itemIndex);
	const run: RunContext = { ctx: this, op, itemIndex, timeoutMs: (options.timeout ?? 30) * 1000 };
	const server = await readGwsServer(this);
	const params: CheckedParams = checkParams(this, op, itemIndex, server.baseUrl);
	const callId = params.callId;

	switch (op.kind) {
		case 'get':
			return [await readCall(run, callId as string)];
		case 'getAll':
			return listOf(await send(run, buildRequest(op, params)), 'calls');
		case 'getDevices':
			return listOf(await send(run, buildRequest(op, params)), 'devices');
		default:
			break;
	}

	if (options.capabilityPreCheck && callId !== undefined) await checkCapability(run, callId);

	if (op.kind === 'dial' && params.deviceId === undefined) params.deviceId = await firstDeviceId(run);
	const req = buildRequest(op, params);
	const sendOperation = async () => await send(run, req);

	const output: IDataObject = { operation: op.value, operationName: req.body?.operationName };
	if (callId !== undefined) output.callId = callId;

	if (options.waitForConfirmation && op.confirmation) {
		const conf = op.confirmation;
		let target = callId;
		if (conf.call === 'parentOrSame' && callId !== undefined) {
			// Run on a consult call, the confirmation comes on its parent: learn the parent before sending.
			const call = await readCall(run, callId);
			target = parentCallId(call) ?? callId;
		}
		const { response, notification } = await sendAndConfirm(
			run,
			conf,
			options.confirmationTimeout ?? DEFAULT_CONFIRMATION_TIMEOUT_S,
			sendOperation,
			(n) =>
				confirms(
					conf,
					n,
					target,
					params.agentState,
					(params.body.destination as IDataObject | undefined)?.phoneNumber as string,
				),
		);
		Object.assign(output, response, {
			confirmed: true,
			notification: notificationSummary(notification),
		});
		if (conf.channel === CALLS_CHANNEL) output.call = notification.data.call;
		else output.devices = notification.data.devices;
		return [output];
	}

	Object.assign(output, await sendOperation());
	if (options.includeCall && callId !== undefined) {
		// The call as it stands now; a call the operation ended may already be gone (then `call` is null).
		try {
			output.call = await readCall(run, callId);
		} catch {
			output.call = null;
		}
	}
	return [output];
}
