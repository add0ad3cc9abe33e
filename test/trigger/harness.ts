/**
 * Activates the Genesys GWS Trigger inside REAL n8n-core: a `Workflow` holding the node, and n8n-core's own
 * `TriggerContext` (the object n8n's ActiveWorkflows gives a trigger), so `getNodeParameter`, `getCredentials`,
 * `helpers.httpRequestWithAuthentication` (with the credential's generic basic auth applied), `emit` and
 * `emitError` are n8n's. Only the credential store is ours (test/helpers/n8n.ts TestCredentialsHelper: hands out
 * the given credential data and applies the credential type's generic authenticate as n8n does).
 *
 *   const run = await activateTrigger({ baseUrl: sim.url, username: 'agent1', password: 'agent1pass',
 *                                       parameters: { events: ['StatusChange'] } });
 *   await run.waitForItems(1);  run.items[0]  ...  await run.close();
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
import { TestCredentialsHelper } from '../helpers/n8n';

export interface TriggerCredential {
	baseUrl: string;
	username: string;
	password: string;
	allowUnauthorizedCerts?: boolean;
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
	waitForItems(count: number, timeoutMs?: number): Promise<IDataObject[]>;
	waitForError(timeoutMs?: number): Promise<Error>;
	close(): Promise<void>;
}

export interface ActivateOptions {
	credential: TriggerCredential;
	parameters: INodeParameters;
	mode?: 'trigger' | 'manual';
	/** The workflow's id; default a new one per activation (n8n keys per-workflow state by it). */
	workflowId?: string;
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
): { ctx: TriggerContext; node: INode; credentials: TestCredentialsHelper } {
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
	const workflow = new Workflow({
		id: workflowId,
		name: 'trigger test',
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
			name: 'trigger test',
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
	return { ctx, node, credentials };
}

export async function activateTrigger(opts: ActivateOptions): Promise<ActiveTrigger> {
	const items: IDataObject[] = [];
	const errors: Error[] = [];
	let executions = 0;
	let maxItemsPerExecution = 0;
	const waiters: Array<() => void> = [];
	const wake = () => waiters.splice(0).forEach((w) => w());
	const { ctx, credentials } = createTriggerContext(
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
	const until = (done: () => boolean, timeoutMs: number, what: () => string) =>
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
		get executions() {
			return executions;
		},
		get maxItemsPerExecution() {
			return maxItemsPerExecution;
		},
		async waitForItems(count, timeoutMs = 5000) {
			await until(() => items.length >= count, timeoutMs, () => `${count} items (have ${items.length})`);
			return items;
		},
		async waitForError(timeoutMs = 5000) {
			await until(() => errors.length > 0, timeoutMs, () => 'an emitError');
			return errors[0];
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

/** A context for using the CometD adapter directly (as the action node does). */
export function contextFor(credential: TriggerCredential): TriggerContext {
	return createTriggerContext({ credential, parameters: { events: ['StatusChange'] } }, () => undefined, () => undefined)
		.ctx;
}

/** Polls until `done()` holds (notifications are asynchronous); fails naming `what` after `timeoutMs`. */
export async function until(what: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!done()) {
		if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}
