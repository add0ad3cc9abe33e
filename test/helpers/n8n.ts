/**
 * Runs REAL n8n workflow executions with n8n-core (WorkflowExecute), for tests of our nodes.
 *
 *   const result = await runNode({
 *     credential: { baseUrl: sim.url, username: 'agent1', password: 'agent1pass' },
 *     parameters: { resource: 'call', operation: 'answer', callId: { __rl: true, mode: 'id', value: id } },
 *     items: [{ a: 1 }],                 // input items (default: one empty item)
 *     continueOnFail: false,
 *   });
 *   result.status       // 'success' | 'error' | ...
 *   result.items        // output JSON of the node under test
 *   result.output       // full INodeExecutionData (pairedItem etc.)
 *   result.error        // the execution error (n8n's NodeApiError / NodeOperationError), if any
 *
 *   runWorkflow({ nodes, connections, credentials: { 'cred-id': {...} } }) runs any graph of our nodes plus the
 *   harness's `test.input` node (outputs the items of its `items` parameter) and returns outputs by node name.
 *
 * What is real: Workflow, WorkflowExecute (n8n's executor: parameters with defaults, expressions, paired
 * items, continueOnFail, errors), the execute contexts and `helpers.httpRequestWithAuthentication` over real
 * HTTP. What is ours: the credential store (hands out the given data) and `authenticate`, which calls a
 * function-style `authenticate` as n8n does, or resolves *generic* templates (`={{$credentials.x}}`) the
 * way n8n's CredentialsHelper does (n8n-core's own test harness ignores generic authenticate). n8n-core must see N8N_USER_FOLDER pointing at
 * a temp dir (test/setup-env.js does it).
 */
import './quiet-n8n';
import {
	CredentialTestContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type ExecutionStatus,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IConnections,
	type IRun,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { GenesysGwsApi } from '../../credentials/GenesysGwsApi.credentials';
import { GenesysGws } from '../../nodes/GenesysGws/GenesysGws.node';

export interface GwsTestCredential {
	baseUrl: string;
	username: string;
	password: string;
	allowUnauthorizedCerts?: boolean;
}

const GWS_NODE_TYPE = 'n8n-nodes-genesys-gws.genesysGws';
const INPUT_NODE_TYPE = 'test.input';

/** Start node of harness workflows: outputs the items of its `items` parameter (a JSON array). */
class TestInput implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Outputs the items given in the "items" parameter',
		defaults: { name: 'Test Input' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

const NODE_TYPES: Record<string, () => INodeType> = {
	[GWS_NODE_TYPE]: () => new GenesysGws(),
	[INPUT_NODE_TYPE]: () => new TestInput(),
};

/** Extra node types (e.g. the trigger helper's) can be registered here. */
export function registerNodeType(type: string, factory: () => INodeType): void {
	NODE_TYPES[type] = factory;
}

const nodeTypes: INodeTypes = {
	getByName: (type) => nodeTypeFor(type),
	getByNameAndVersion: (type, version) =>
		NodeHelpers.getVersionedNodeType(nodeTypeFor(type), version) as INodeType,
	getKnownTypes: () => ({}),
};

function nodeTypeFor(type: string): INodeType {
	const factory = NODE_TYPES[type];
	if (!factory) throw new Error(`Unknown node type ${type}`);
	return factory();
}

const CREDENTIAL_TYPES: Record<string, ICredentialType> = { genesysGwsApi: new GenesysGwsApi() };

/** Resolves `={{$credentials.name}}` (the only template form our credential uses) against the data. */
function resolveTemplate(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const match = /^=\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(value);
	if (!match) throw new Error(`Harness cannot resolve credential template ${value}`);
	return credentials[match[1]];
}

/** Credential store + n8n's generic-authenticate semantics, for credentials given by id. */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every request our credential authenticated (method + url), to assert what went over the wire. */
	readonly authenticated: Array<{ method?: string; url: string }> = [];
	/** How many times a node read (decrypted) a credential: n8n's getCredentials ends here. */
	decrypts = 0;

	constructor(private readonly byId: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = CREDENTIAL_TYPES[typeName];
		const authenticate = type?.authenticate;
		if (typeof authenticate === 'function') {
			// As n8n's CredentialsHelper: a function authenticate gets the decrypted data and the request.
			const authenticated = await authenticate(credentials, requestOptions);
			this.authenticated.push({ method: authenticated.method, url: String(authenticated.url) });
			return authenticated;
		}
		if (!authenticate || authenticate.type !== 'generic') {
			throw new Error(`Harness supports function or generic authenticate only (credential type ${typeName})`);
		}
		const { auth, headers, qs, body } = authenticate.properties;
		if (auth) {
			requestOptions.auth = {
				username: String(resolveTemplate(auth.username, credentials) ?? ''),
				password: String(resolveTemplate(auth.password, credentials) ?? ''),
			};
		}
		for (const [target, source] of [
			['headers', headers],
			['qs', qs],
			['body', body],
		] as const) {
			if (!source) continue;
			const resolved: IDataObject = {};
			for (const [k, v] of Object.entries(source))
				resolved[k] = resolveTemplate(v, credentials) as string;
			const current = (requestOptions[target] ?? {}) as IDataObject;
			(requestOptions as unknown as Record<string, IDataObject>)[target] = {
				...current,
				...resolved,
			};
		}
		this.authenticated.push({ method: requestOptions.method, url: String(requestOptions.url) });
		return requestOptions;
	}
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}
	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}
	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`getCredentials(${type}, ${details.id}) is not used by the harness`);
	}
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
	): Promise<ICredentialDataDecryptedObject> {
		const data = nodeCredentials.id ? this.byId[nodeCredentials.id] : undefined;
		if (!data) throw new Error(`No test credential with id ${String(nodeCredentials.id)}`);
		this.decrypts++;
		return { ...data };
	}
	/** Changes a stored credential, as a user editing it in n8n would. */
	update(id: string, data: ICredentialDataDecryptedObject): void {
		this.byId[id] = { ...this.byId[id], ...data };
	}
	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}
	getCredentialsProperties(type: string): INodeProperties[] {
		return CREDENTIAL_TYPES[type]?.properties ?? [];
	}
}

export interface RunWorkflowOptions {
	nodes: INode[];
	connections: IConnections;
	/** Credential data by credential id (nodes reference `{ genesysGwsApi: { id, name } }`). */
	credentials: Record<string, GwsTestCredential>;
	/** Name of the start node; default the first node. */
	startNode?: string;
}

export interface WorkflowResult {
	status: ExecutionStatus;
	/** Output items (first output) of each node that ran, by node name (its last run). */
	outputByNode: Record<string, INodeExecutionData[]>;
	/** The execution error, if the run failed. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
	run: IRun;
	credentialsHelper: TestCredentialsHelper;
}

let executionCounter = 0;

function makeAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	executionId: string,
	workflowData: object,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks: new ExecutionLifecycleHooks('manual', executionId, workflowData as never),
		executionId,
		variables: {},
		// Never contacted; n8n-core builds $resumeWebhookUrl etc. from them, so they must parse as URLs.
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'user-1',
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Executes a workflow with n8n-core's WorkflowExecute and returns every node's output. */
export async function runWorkflow(opts: RunWorkflowOptions): Promise<WorkflowResult> {
	const executionId = `exec-${++executionCounter}`;
	const workflowData = {
		id: 'wf-test',
		name: 'harness workflow',
		nodes: opts.nodes,
		connections: opts.connections,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: opts.nodes,
		connections: opts.connections,
		active: false,
		nodeTypes,
		staticData: {},
		settings: {},
	});
	const credentialsHelper = new TestCredentialsHelper(
		opts.credentials as unknown as Record<string, ICredentialDataDecryptedObject>,
	);
	const additionalData = makeAdditionalData(credentialsHelper, executionId, workflowData);

	const startNode = workflow.getNode(opts.startNode ?? opts.nodes[0].name) ?? undefined;
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode });

	const outputByNode: Record<string, INodeExecutionData[]> = {};
	for (const [name, taskData] of Object.entries(run.data.resultData.runData)) {
		const last = taskData[taskData.length - 1];
		outputByNode[name] = last?.data?.main?.[0] ?? [];
	}
	return {
		status: run.status,
		outputByNode,
		error: run.data.resultData.error as WorkflowResult['error'],
		run,
		credentialsHelper,
	};
}

/** A Genesys GWS node definition for runWorkflow. */
export function gwsNode(
	name: string,
	parameters: INodeParameters,
	extra: Partial<INode> = {},
): INode {
	return {
		id: `node-${name.replace(/\W+/g, '-')}`,
		name,
		type: GWS_NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters,
		credentials: { genesysGwsApi: { id: 'cred-1', name: 'GWS' } },
		...extra,
	};
}

export function inputNode(items: IDataObject[], name = 'Input'): INode {
	return {
		id: 'node-input',
		name,
		type: INPUT_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(items) },
	};
}

/** Connects nodes in a line: a -> b -> c. */
export function chain(...names: string[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i + 1 < names.length; i++) {
		connections[names[i]] = {
			main: [[{ node: names[i + 1], type: NodeConnectionTypes.Main, index: 0 }]],
		};
	}
	return connections;
}

export interface RunNodeOptions {
	credential: GwsTestCredential;
	parameters: INodeParameters;
	/** Input items; default one empty item. */
	items?: IDataObject[];
	continueOnFail?: boolean;
}

export interface NodeResult extends WorkflowResult {
	/** Output JSON of the Genesys GWS node. */
	items: IDataObject[];
	output: INodeExecutionData[];
}

/** Runs Input -> Genesys GWS (with `parameters`) as a real workflow execution. */
export async function runNode(opts: RunNodeOptions): Promise<NodeResult> {
	const gws = gwsNode(
		'Genesys GWS',
		opts.parameters,
		opts.continueOnFail ? { onError: 'continueRegularOutput' } : {},
	);
	const result = await runWorkflow({
		nodes: [inputNode(opts.items ?? [{}]), gws],
		connections: chain('Input', gws.name),
		credentials: { 'cred-1': opts.credential },
	});
	const output = result.outputByNode[gws.name] ?? [];
	return { ...result, output, items: output.map((item) => item.json) };
}

type ProbeFn = (ctx: IExecuteFunctions) => Promise<unknown>;
let pendingProbe: ProbeFn | undefined;
let probeResult: unknown;

/** A node that runs the test's function with its real ExecuteContext (see withExecuteContext). */
class Probe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'Runs a test function with this node execution context',
		defaults: { name: 'Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'genesysGwsApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		probeResult = await pendingProbe!(this);
		return [[{ json: {}, pairedItem: { item: 0 } }]];
	}
}
NODE_TYPES['test.probe'] = () => new Probe();

/**
 * Runs `fn` inside a real n8n node execution (n8n-core's ExecuteContext with our credential), e.g. to call the
 * transport directly: `await withExecuteContext(cred, (ctx) => gwsRawRequest.call(ctx, {...}))`.
 */
export async function withExecuteContext<T>(
	credential: GwsTestCredential,
	fn: (ctx: IExecuteFunctions) => Promise<T>,
): Promise<T> {
	pendingProbe = fn;
	probeResult = undefined;
	try {
		const probe: INode = { ...gwsNode('Probe', {}), type: 'test.probe' };
		const result = await runWorkflow({
			nodes: [inputNode([{}]), probe],
			connections: chain('Input', 'Probe'),
			credentials: { 'cred-1': credential },
		});
		if (result.status !== 'success')
			throw result.error ?? new Error(`probe run ended ${result.status}`);
		return probeResult as T;
	} finally {
		pendingProbe = undefined;
	}
}

/** A resource-locator value for `callId` in "By ID" mode. */
export function callRef(id: string): { __rl: true; mode: 'id'; value: string } {
	return { __rl: true, mode: 'id', value: id };
}

/** Runs a listSearch method of the node (e.g. the Call picker's `searchCalls`) in n8n-core's LoadOptionsContext. */
export async function listSearch(
	method: 'searchCalls',
	credential: GwsTestCredential,
	filter?: string,
): Promise<INodeListSearchResult> {
	const node = gwsNode('Genesys GWS', { resource: 'call', operation: 'answer' });
	const workflow = new Workflow({
		id: 'wf-ls',
		name: 'list search',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const helper = new TestCredentialsHelper({
		'cred-1': credential as unknown as ICredentialDataDecryptedObject,
	});
	const ctx = new LoadOptionsContext(
		workflow,
		node,
		makeAdditionalData(helper, 'exec-ls', { id: 'wf-ls', nodes: [node] }),
		'parameters.callId',
	);
	return await new GenesysGws().methods.listSearch[method].call(ctx, filter);
}

/** Runs the node's credential test (methods.credentialTest) with n8n-core's real CredentialTestContext. */
export async function testCredential(
	credential: Partial<GwsTestCredential>,
): Promise<INodeCredentialTestResult> {
	const node = new GenesysGws();
	const ctx = new CredentialTestContext({} as IWorkflowExecuteAdditionalData);
	return await node.methods.credentialTest.genesysGwsApiTest.call(ctx, {
		id: 'cred-test',
		name: 'GWS',
		type: 'genesysGwsApi',
		data: { ...credential } as ICredentialDataDecryptedObject,
	});
}
