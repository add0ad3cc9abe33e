/**
 * Activates the Genesys GWS Trigger inside REAL n8n-core: a `Workflow` holding the node, and n8n-core's own
 * `TriggerContext` (the object n8n's ActiveWorkflows gives a trigger), so `getNodeParameter`, `getCredentials`,
 * `helpers.httpRequestWithAuthentication` (with the credential's generic basic auth applied), `emit` and
 * `emitError` are n8n's. Only the credential store is ours (test/helpers/n8n.ts TestCredentialsHelper: hands out
 * the given credential data and applies the credential type's generic authenticate as n8n does).
 *
 *   const run = await activateTrigger({ credential: agent1(sim), parameters: { events: ['StatusChange'] } });
 *   await run.waitForItems(1);  run.items[0]  ...
 *   await run.quiet(sim);       // every notification published so far has reached it, no read is running
 *   expect(run.items).toHaveLength(1);  await run.close();
 *
 * The trigger's HTTP goes through n8n's httpRequestWithAuthentication (REST and the CometD long polls alike); the
 * harness watches it there, so a test can wait for what the trigger has received and for its reads to finish
 * instead of sleeping.
 */
import '../helpers/quiet-n8n'; // before n8n-core: its logger stays quiet unless N8N_LOG_LEVEL says otherwise
import { ExecutionLifecycleHooks, TriggerContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type ITriggerResponse,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
} from 'n8n-workflow';

import { GenesysGwsTrigger } from '../../nodes/GenesysGwsTrigger/GenesysGwsTrigger.node';
import { gwsApiRequest } from '../../nodes/shared/transport';
import { TestCredentialsHelper, type GwsTestCredential } from '../helpers/n8n';
import { isMarker, markerBurst, type RunningSimulator } from '../helpers/simulator';
import { nextTurn, until } from '../helpers/wait';

export type TriggerCredential = GwsTestCredential;

/** A message a long poll of the trigger brought (not a /meta reply). */
interface DeliveredMessage {
	channel: string;
	data: unknown;
}

/** What the harness sees of the trigger's HTTP (test/helpers: watchHttp). */
interface HttpWatch {
	readonly delivered: DeliveredMessage[];
	/** REST requests (everything but the notification endpoint) sent and not answered yet. */
	restInFlight: number;
	/** Successful /meta/subscribe replies. */
	subscribes: number;
	/** Requests to the notification endpoint that got no reply (refused, reset, aborted). */
	failedPolls: number;
}

const nodeTypes: INodeTypes = {
	getByName: (type: string) => nodeTypeFor(type),
	getByNameAndVersion: (type: string, version?: number) =>
		NodeHelpers.getVersionedNodeType(nodeTypeFor(type), version) as INodeType,
	getKnownTypes: () => ({}),
};

function nodeTypeFor(type: string): INodeType {
	if (type === 'n8n-nodes-genesys-gws.genesysGwsTrigger') return new GenesysGwsTrigger();
	throw new Error(`Unknown node type ${type}`);
}

export interface ActiveTrigger {
	/** Every emitted item, in order (one per execution: the trigger emits [[item]]). */
	readonly items: IDataObject[];
	/** How many emit() calls (executions) there were, and how many items any single emit had at most. */
	readonly executions: number;
	readonly maxItemsPerExecution: number;
	readonly errors: Error[];
	readonly response: ITriggerResponse;
	/** n8n-core's context the trigger runs in (e.g. to spy on its logger). */
	readonly ctx: TriggerContext;
	/** The credential store n8n-core reads the credential from (counts reads; can change the credential). */
	readonly credentials: TestCredentialsHelper;
	/** Every message the trigger's long polls brought, in arrival order (what it was sent, matching or not). */
	readonly delivered: DeliveredMessage[];
	/** Successful /meta/subscribe replies so far (one per channel and (re)subscription). */
	readonly subscribes: number;
	/** Long polls and handshakes that got no reply (e.g. refused while GWS is down). */
	readonly failedPolls: number;
	waitForItems(count: number, timeoutMs?: number): Promise<IDataObject[]>;
	waitForError(timeoutMs?: number): Promise<Error>;
	/** Resolves once none of the trigger's REST requests (its resync reads, a login) is in flight, and what their replies started has run. */
	restSettled(timeoutMs?: number): Promise<void>;
	/**
	 * Resolves once the trigger has handled everything the simulator published to its user so far and no read of
	 * its resync is running: what `items` holds then is all there is. It waits for the reads, publishes a marker
	 * (a /v2/me/calls notification the trigger skips: it offers no such notificationType) and waits until the
	 * trigger has handled it. Needs a trigger on /v2/me/calls; a device-only trigger shows it with a later
	 * notification of its own.
	 */
	quiet(sim: Pick<RunningSimulator, 'burst'>, timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}

export interface ActivateOptions {
	credential: TriggerCredential;
	parameters: INodeParameters;
	mode?: 'trigger' | 'manual';
	/** The workflow's id; default a new one per activation (n8n keys per-workflow state by it). */
	workflowId?: string;
	/** The workflow's name (default 'trigger test'): what the trigger's log lines name. */
	workflowName?: string;
	/**
	 * The workflow's static data as n8n loads it from its database (default empty). The trigger's writes land in
	 * this object; pass a JSON copy of it to a later activation to play an n8n restart.
	 */
	staticData?: IDataObject;
	/** Why n8n activates the trigger: 'init' = n8n started, 'activate' = the user activated it (default). */
	activation?: WorkflowActivateMode;
}

let workflowCounter = 0;

/** Builds the workflow and the TriggerContext; returns the context without calling trigger(). */
export function createTriggerContext(
	opts: ActivateOptions,
	onEmit: (data: INodeExecutionData[][]) => void,
	onError: (error: Error) => void,
): { ctx: TriggerContext; node: INode; credentials: TestCredentialsHelper; http: HttpWatch } {
	const node: INode = {
		id: 'trigger-1',
		name: 'Genesys GWS Trigger',
		type: 'n8n-nodes-genesys-gws.genesysGwsTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: opts.parameters,
		credentials: { genesysGwsApi: { id: 'cred-1', name: 'GWS' } },
	};
	const workflowId = opts.workflowId ?? `wf-trigger-${++workflowCounter}`;
	const workflowName = opts.workflowName ?? 'trigger test';
	const workflow = new Workflow({
		id: workflowId,
		name: workflowName,
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: opts.staticData ?? {},
	});
	const mode = opts.mode ?? 'trigger';
	const credentials = new TestCredentialsHelper({ 'cred-1': { ...opts.credential } });
	const additionalData = {
		credentialsHelper: credentials,
		hooks: new ExecutionLifecycleHooks(mode, 'exec-1', {
			id: workflowId,
			name: workflowName,
			nodes: [node],
			connections: {},
			active: true,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
		} as never),
		executionId: 'exec-1',
		variables: {},
		restApiUrl: '',
		instanceBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		formWaitingBaseUrl: '',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'user-1',
	} as unknown as IWorkflowExecuteAdditionalData;
	const ctx = new TriggerContext(
		workflow,
		node,
		additionalData,
		mode,
		opts.activation ?? 'activate',
		(data) => onEmit(data),
		(error) => onError(error),
	);
	return { ctx, node, credentials, http: watchHttp(ctx) };
}

/**
 * Counts the context's REST requests in flight and records the messages of every long-poll reply, by wrapping
 * n8n's httpRequestWithAuthentication (the one door the shared transport uses). cometd.js handles a reply in the
 * continuation of that request, so once a reply is recorded here and the event loop has turned, the trigger has
 * handled its messages.
 */
function watchHttp(ctx: TriggerContext): HttpWatch {
	const watch: HttpWatch = { delivered: [], restInFlight: 0, subscribes: 0, failedPolls: 0 };
	const helpers = ctx.helpers as { httpRequestWithAuthentication: (...args: unknown[]) => Promise<unknown> };
	const send = helpers.httpRequestWithAuthentication;
	helpers.httpRequestWithAuthentication = async function (this: unknown, ...args: unknown[]) {
		const url = String((args[1] as { url?: unknown } | undefined)?.url ?? '');
		if (!url.includes('/api/v2/notifications')) {
			watch.restInFlight++;
			try {
				return await send.apply(this, args);
			} finally {
				watch.restInFlight--;
			}
		}
		const reply = send.apply(this, args) as Promise<{ body?: unknown } | undefined>;
		reply.catch(() => watch.failedPolls++);
		const response = await reply;
		try {
			const messages = JSON.parse(String(response?.body ?? '')) as unknown;
			for (const m of Array.isArray(messages) ? messages : [messages]) {
				const { channel, data, successful } = (m ?? {}) as { channel?: unknown; data?: unknown; successful?: unknown };
				if (channel === '/meta/subscribe' && successful === true) watch.subscribes++;
				if (typeof channel === 'string' && !channel.startsWith('/meta/')) watch.delivered.push({ channel, data });
			}
		} catch {
			// not JSON (a fault under test): nothing was delivered
		}
		return response;
	};
	return watch;
}

export async function activateTrigger(opts: ActivateOptions): Promise<ActiveTrigger> {
	const items: IDataObject[] = [];
	const errors: Error[] = [];
	let executions = 0;
	let maxItemsPerExecution = 0;
	const waiters: Array<() => void> = [];
	const wake = () => waiters.splice(0).forEach((w) => w());
	const { ctx, credentials, http } = createTriggerContext(
		opts,
		(data) => {
			executions++;
			const flat = data.flat();
			maxItemsPerExecution = Math.max(maxItemsPerExecution, flat.length);
			for (const item of flat) items.push(item.json);
			wake();
		},
		(error) => {
			errors.push(error);
			wake();
		},
	);
	const response = await new GenesysGwsTrigger().trigger.call(ctx);
	const restSettled = async (timeoutMs = 10_000) => {
		const end = Date.now() + timeoutMs;
		for (;;) {
			await until('the trigger\'s REST requests answered', () => http.restInFlight === 0, Math.max(0, end - Date.now()));
			// The replies' continuations (the resync reporting what it read) run before this turn ends; a read
			// that follows another (calls, then devices) has started by then.
			await nextTurn();
			if (http.restInFlight === 0) return;
		}
	};
	const waitUntil = (done: () => boolean, timeoutMs: number, what: () => string) =>
		new Promise<void>((resolve, reject) => {
			if (done()) return resolve();
			const timer = setTimeout(() => {
				const i = waiters.indexOf(check);
				if (i >= 0) waiters.splice(i, 1);
				reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what()}`));
			}, timeoutMs);
			const check = () => {
				if (done()) {
					clearTimeout(timer);
					resolve();
				} else waiters.push(check);
			};
			waiters.push(check);
		});
	return {
		items,
		errors,
		response,
		ctx,
		credentials,
		delivered: http.delivered,
		get executions() {
			return executions;
		},
		get maxItemsPerExecution() {
			return maxItemsPerExecution;
		},
		get subscribes() {
			return http.subscribes;
		},
		get failedPolls() {
			return http.failedPolls;
		},
		async waitForItems(count, timeoutMs = 5000) {
			await waitUntil(() => items.length >= count, timeoutMs, () => `${count} items (have ${items.length})`);
			return items;
		},
		async waitForError(timeoutMs = 5000) {
			await waitUntil(() => errors.length > 0, timeoutMs, () => 'an emitError');
			return errors[0];
		},
		restSettled,
		async quiet(sim, timeoutMs = 10_000) {
			await restSettled(timeoutMs);
			const marker = markerBurst(opts.credential.username);
			await sim.burst(marker.burst);
			await until(
				`the marker ${marker.type} at ${opts.credential.username}'s trigger (quiet() needs a trigger on /v2/me/calls)`,
				() => http.delivered.some((m) => isMarker(m.data, marker.type)),
				timeoutMs,
			);
			await nextTurn();
			await restSettled(timeoutMs);
		},
		async close() {
			await response.closeFunction?.();
		},
	};
}

/**
 * REST calls as a user through the shared transport (the same code the action node uses), inside a real
 * n8n-core context: how the tests make calls change state the way an agent desktop would.
 */
export function restAs(credential: TriggerCredential) {
	const { ctx } = createTriggerContext(
		{ credential, parameters: { events: ['StatusChange'] } },
		() => undefined,
		() => undefined,
	);
	return (method: 'GET' | 'POST', path: string, body?: IDataObject) =>
		gwsApiRequest.call(ctx, { method, path, body });
}

/**
 * n8n-core's logger, the one every node context hands out (ctx.logger is n8n's container singleton): spy on it
 * before activating to capture what the trigger logs from the start.
 */
export function n8nLogger(): TriggerContext['logger'] {
	return createTriggerContext(
		{ credential: { baseUrl: 'http://127.0.0.1:1', username: 'nobody', password: 'x' }, parameters: { events: ['StatusChange'] } },
		() => undefined,
		() => undefined,
	).ctx.logger;
}

/** A context for using the CometD adapter directly (as the action node does). */
export function contextFor(credential: TriggerCredential): TriggerContext {
	return createTriggerContext({ credential, parameters: { events: ['StatusChange'] } }, () => undefined, () => undefined)
		.ctx;
}
