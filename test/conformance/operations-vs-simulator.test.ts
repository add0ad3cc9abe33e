/**
 * Every operation the node offers against the simulator, in real n8n-core executions with Wait for Confirmation
 * and Check Capabilities First on: in a state where it is valid (chosen by the capability the simulator lists
 * there, read over HTTP), the capability is offered where the node checks for it, the request the node builds is
 * the one its GWS page shows (vendorRequests.ts) and the simulator accepts it, and the confirmation the node waits
 * for arrives. And the reverse: every operationName the simulator accepts is offered by the node, or listed here
 * with the reason it is not. A node-side change without its simulator behaviour (or the other way round) fails
 * here, not only in the e2e suite.
 *
 * What the simulator accepts is read from its HTTP replies: an unknown operationName is answered with HTTP 400
 * naming the supported ones. No simulator module is imported besides its public API's types.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { OPERATIONS, type GwsOperation } from '../../nodes/GenesysGws/actions/operations';
import { PARAMETERS } from '../../nodes/GenesysGws/actions/parameters/catalog';
import { REQUEST_KINDS, type RequestKind, type RequestKindName } from '../../nodes/GenesysGws/actions/requestKinds';
import { deviceOf } from '../action/setup';
import { callRef, runNode, type GwsTestCredential } from '../helpers/n8n';
import { useSimulator } from '../helpers/simulator';
import { SIM_STATES, buildState, type SimState, type SimStateName } from './states';
import { VENDOR_REQUESTS, vendorRequest } from './vendorRequests';

const sim = useSimulator();

/** Operations GWS lists no capability for (their capability is null): where each is valid, and why there. */
const STATE_OF_UNLISTED: Record<string, { state: SimStateName; why: string }> = {
	clearCall: { state: 'conference', why: 'it ends a conference for all parties' },
	setCallDisposition: { state: 'established', why: 'on an active call its AttachedDataChanged confirms it' },
	muteMonitoredUser: { state: 'listenedIn', why: "it acts on the supervisor's leg of a monitored call" },
	unmuteMonitoredUser: { state: 'monitoredMuted', why: 'it needs an agent the supervisor muted' },
};

/** Operations whose request kind lists no capabilities (nothing to pre-check): where each is valid. */
const STATE_OF_UNCHECKED: Record<string, SimStateName> = {
	dial: 'agentDevice',
	get: 'established',
	getAll: 'established',
	startSession: 'loggedOut',
	endSession: 'agentDevice',
	setState: 'agentDevice',
	getDevices: 'agentDevice',
};

/** operationNames the simulator accepts that the node does not offer, and why. */
const NOT_OFFERED: Record<string, string> = {
	AuxWork:
		'Set State offers Ready, Not Ready and After Call Work; AuxWork (https://docs.genesys.com/Documentation/GWS/8.5.2/API/AgentStateAuxWork) is not among them yet',
};

const basic = (user: GwsTestCredential) => `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;

async function gwsGet(user: GwsTestCredential, path: string): Promise<IDataObject> {
	const res = await fetch(sim.url + path, { headers: { Authorization: basic(user), Accept: 'application/json' } });
	return (await res.json()) as IDataObject;
}

/** POST in a GWS session of its own: the login's cookie and CSRF token, as any GWS client sends them. */
async function gwsPost(user: GwsTestCredential, path: string, body: IDataObject): Promise<{ status: number; json: IDataObject }> {
	const login = await fetch(`${sim.url}/api/v2/me`, { headers: { Authorization: basic(user) } });
	const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	const headers: Record<string, string> = { Authorization: basic(user), 'Content-Type': 'application/json', Cookie: cookie };
	const csrfName = login.headers.get('x-csrf-header');
	const token = login.headers.get('x-csrf-token');
	if (csrfName && token) headers[csrfName] = token;
	const res = await fetch(sim.url + path, { method: 'POST', headers, body: JSON.stringify(body) });
	return { status: res.status, json: (await res.json()) as IDataObject };
}

const capabilitiesIn = (resource: IDataObject | undefined): string[] =>
	Array.isArray(resource?.capabilities) ? (resource.capabilities as string[]) : [];

/** What each state offers, read from the simulator once: the capabilities of its call and of its user's device. */
const offers = new Map<SimStateName, { call: string[]; device: string[] }>();

beforeAll(async () => {
	for (const name of Object.keys(SIM_STATES) as SimStateName[]) {
		await sim.reset();
		const state = await buildState(name, sim);
		const call = state.callId ? capabilitiesIn((await gwsGet(state.user, `/api/v2/me/calls/${state.callId}`)).call as IDataObject) : [];
		const devices = (await gwsGet(state.user, '/api/v2/me/devices?fields=*')).devices as IDataObject[];
		offers.set(name, { call, device: capabilitiesIn(devices?.[0]) });
	}
}, 60_000);

/** The state an operation is valid in: the first that offers its capability where the node checks for it. */
function stateFor(op: GwsOperation): SimStateName {
	const kind: RequestKind = REQUEST_KINDS[op.requestKind];
	if (typeof op.capability === 'string') {
		const side = kind.capabilitiesOf!;
		const found = [...offers].find(([, offered]) => offered[side].includes(op.capability as string));
		if (!found) {
			throw new Error(
				`No state of the simulator offers "${op.capability}" on the ${side} (states tried: ${[...offers.keys()].join(', ')}): ` +
					'the simulator needs the operation and the capability (docs/ARCHITECTURE.md), or test/conformance/states.ts a state where it is valid',
			);
		}
		return found[0];
	}
	const state = op.capability === null ? STATE_OF_UNLISTED[op.value]?.state : STATE_OF_UNCHECKED[op.value];
	if (!state) throw new Error(`"${op.value}" has no capability to find its state by: name its state in STATE_OF_UNLISTED or STATE_OF_UNCHECKED here`);
	return state;
}

/** The node's parameters in a state: the state's values, else the catalog sample for a required one. */
function parametersIn(op: GwsOperation, state: SimState): { parameters: INodeParameters; values: Record<string, unknown> } {
	const parameters: INodeParameters = { resource: op.resource, operation: op.value };
	const values: Record<string, unknown> = {};
	for (const use of op.params) {
		if (use.name === 'callId') {
			parameters.callId = callRef(state.callId!);
			values.callId = state.callId;
			continue;
		}
		const value = state.values[use.name] ?? (use.required ? PARAMETERS[use.name].sample : undefined);
		if (value === undefined) continue;
		parameters[use.name] = value as INodeParameters[string];
		values[use.name] = value;
	}
	parameters.options = { waitForConfirmation: true, capabilityPreCheck: true, confirmationTimeout: 5 };
	return { parameters, values };
}

describe.each(OPERATIONS.map((op) => [`${op.resource}.${op.value}`, op] as const))('%s', (_name, op) => {
	it('runs in a state the simulator offers it in: pre-checked, sent as its page shows, accepted and confirmed', async () => {
		const state = await buildState(stateFor(op), sim);
		const { parameters, values } = parametersIn(op, state);
		const device = deviceOf(sim, state.user.username).id;
		const callUuid = state.callId ? (await gwsGet(state.user, `/api/v2/me/calls/${state.callId}`)).call : undefined;
		const expected = vendorRequest(op.value, { deviceId: device, ...values, callUuid: (callUuid as IDataObject | undefined)?.callUuid }, sim.url);
		const since = sim.requests().at(-1)?.seq ?? 0;

		const result = await runNode({ credential: state.user, parameters });
		if (result.status !== 'success') {
			const error = result.error as { message?: string; description?: string } | undefined;
			throw new Error(`${op.value} failed: ${error?.message} (${error?.description})`);
		}
		const sent = sim
			.requests()
			.filter((r) => r.seq > since && r.method === expected.method && r.url.split('?')[0] === expected.rawPath);
		expect({ op: op.value, sent: sent.length }).toEqual({ op: op.value, sent: 1 });
		expect({ op: op.value, status: sent[0].status }).toEqual({ op: op.value, status: 200 });
		if (expected.body) expect({ op: op.value, body: sent[0].body }).toEqual({ op: op.value, body: expected.body });
		if (op.confirmation) expect({ op: op.value, confirmed: result.items[0]?.confirmed }).toEqual({ op: op.value, confirmed: true });
	});
});

it('has the page request of every operation, and the four conference pages agree with their fixtures', async () => {
	for (const op of OPERATIONS) expect({ op: op.value, documented: op.value in VENDOR_REQUESTS }).toEqual({ op: op.value, documented: true });
	const pages: Array<[string, string, (request: IDataObject) => Record<string, unknown>]> = [
		['SingleStepConference', 'singleStepConference', (r) => ({ destination: (r.destination as IDataObject).phoneNumber, userData: r.userData })],
		['InitiateConference', 'initiateConference', (r) => ({ destination: (r.destination as IDataObject).phoneNumber })],
		['CompleteConference', 'completeConference', () => ({})],
		['RemoveParticipantFromConference', 'removeParticipantFromConference', (r) => ({ participant: r.participant })],
	];
	for (const [page, operation, valuesOf] of pages) {
		const fixture = (await import(`../simulator/fixtures/${page}.json`)) as { requests: IDataObject[] };
		for (const request of fixture.requests) {
			expect(vendorRequest(operation, { callId: 'X', ...valuesOf(request) }, 'http://host').body).toEqual(request);
		}
	}
});

it('offers every operationName the simulator accepts, or says here why not', async () => {
	const state = await buildState('established', sim);
	const ids = { callId: state.callId!, deviceId: deviceOf(sim, 'agent1').id };
	const posted = (Object.keys(REQUEST_KINDS) as RequestKindName[]).filter((k) => REQUEST_KINDS[k].method === 'POST');
	const accepted = new Set<string>();
	for (const kindName of posted) {
		const path = REQUEST_KINDS[kindName].path.replace(/\{(\w+)\}/g, (_all, slot: keyof typeof ids) => ids[slot]);
		const reply = await gwsPost(state.user, path, { operationName: 'NoSuchOperationConformanceProbe' });
		const supported = /supported: (.+?)\.?$/.exec(String(reply.json.statusMessage))?.[1];
		expect({ kindName, status: reply.status, listsSupported: supported !== undefined }).toEqual({ kindName, status: 400, listsSupported: true });
		for (const name of supported!.split(',').map((n) => n.trim())) accepted.add(name);
	}
	const offered = new Set(
		OPERATIONS.flatMap((op) => {
			if (op.operationName) return [op.operationName];
			// The operationName a parameter chooses (Set State's agentState): its options.
			const chooser = op.params.map((p) => PARAMETERS[p.name]).find((spec) => 'operationName' in spec.wire);
			return (chooser?.ui.options ?? []).map((o) => String((o as { value: unknown }).value));
		}),
	);
	const missing = [...accepted].filter((name) => !offered.has(name) && !(name in NOT_OFFERED));
	expect({ acceptedButNotOffered: missing }).toEqual({ acceptedButNotOffered: [] });
	// The list stays true: a name the node now offers, or the simulator no longer accepts, leaves it.
	const stale = Object.keys(NOT_OFFERED).filter((name) => offered.has(name) || !accepted.has(name));
	expect({ staleNotOffered: stale }).toEqual({ staleNotOffered: [] });
	// And the forward direction by name: every operationName the node sends is one the simulator accepts.
	expect({ offeredButNotAccepted: [...offered].filter((name) => !accepted.has(name)) }).toEqual({ offeredButNotAccepted: [] });
});
