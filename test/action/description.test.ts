/** The node description generated from the operation table: contract names, displayOptions, lint-relevant shape. */
import type { INodeProperties } from 'n8n-workflow';

import { GenesysGws } from '../../nodes/GenesysGws/GenesysGws.node';
import { OPERATIONS } from '../../nodes/GenesysGws/actions/operations';
import { PARAMETERS } from '../../nodes/GenesysGws/actions/parameters/catalog';
import { REQUEST_KINDS, type RequestKind } from '../../nodes/GenesysGws/actions/requestKinds';
import { renderOperationsMarkdown } from '../../scripts/lib/operationsMarkdown';

const description = new GenesysGws().description;
const props = description.properties;

const CONTRACT_CALL_OPERATIONS = [
	'dial',
	'answer',
	'hangup',
	'hold',
	'retrieve',
	'singleStepTransfer',
	'singleStepConference',
	'initiateConference',
	'completeConference',
	'sendDtmf',
	'removeParticipantFromConference',
	'muteCall',
	'unmuteCall',
	'swapCalls',
	'mergeWithOtherCall',
	'initiateTransfer',
	'completeTransfer',
	'attachUserData',
	'updateUserData',
	'deleteUserDataPair',
	'get',
	'getAll',
	'reject',
	'clearCall',
	'deleteUserData',
	'startCallRecording',
	'pauseCallRecording',
	'resumeCallRecording',
	'stopCallRecording',
	'setCallDisposition',
];

const CONTRACT_SUPERVISOR_OPERATIONS = [
	'listenIn',
	'coach',
	'bargeIn',
	'cancelMonitoring',
	'switchToListenIn',
	'switchToBargeIn',
	'muteMonitoredUser',
	'unmuteMonitoredUser',
];

const CONTRACT_AGENT_OPERATIONS = [
	'startSession',
	'endSession',
	'setState',
	'doNotDisturbOn',
	'doNotDisturbOff',
	'forwardCallsOn',
	'forwardCallsOff',
	'getDevices',
];

function operationValues(resource: string): string[] {
	const prop = props.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	);
	return (prop?.options ?? []).map((o) => (o as { value: string }).value);
}

/** Which properties named `name` are shown for (resource, operation). */
function shown(name: string, resource: string, operation: string): INodeProperties[] {
	return props.filter(
		(p) =>
			p.name === name &&
			(p.displayOptions?.show?.resource ?? [resource]).includes(resource) &&
			(p.displayOptions?.show?.operation ?? [operation]).includes(operation),
	);
}

it('has the contract names', () => {
	expect(description.name).toBe('genesysGws');
	expect(description.usableAsTool).toBe(true);
	expect(description.credentials).toEqual([
		{ name: 'genesysGwsApi', required: true, testedBy: 'genesysGwsApiTest' },
	]);
	// Saved workflows name these: every one stays offered (a new operation is added to the table, not here).
	expect(operationValues('call')).toEqual(expect.arrayContaining(CONTRACT_CALL_OPERATIONS));
	expect(operationValues('supervisor')).toEqual(expect.arrayContaining(CONTRACT_SUPERVISOR_OPERATIONS));
	expect(operationValues('agent')).toEqual(expect.arrayContaining(CONTRACT_AGENT_OPERATIONS));
	// The panel offers exactly the operation table, each resource's operations under it.
	for (const resource of ['call', 'supervisor', 'agent']) {
		const table = OPERATIONS.filter((op) => op.resource === resource).map((op) => op.value);
		expect(operationValues(resource).sort()).toEqual(table.sort());
	}
	const resource = props.find((p) => p.name === 'resource');
	expect((resource?.options ?? []).map((o) => (o as { value: string }).value)).toEqual(['call', 'supervisor', 'agent']);
});

it('shows each parameter exactly for the operations that take it, once, with the right required flag', () => {
	// Every parameter of the catalog, for every operation of the table.
	const allParams = Object.keys(PARAMETERS) as Array<keyof typeof PARAMETERS>;
	for (const op of OPERATIONS) {
		for (const name of allParams) {
			const use = op.params.find((p) => p.name === name);
			const visible = shown(name, op.resource, op.value);
			if (!use) {
				expect({ op: op.value, name, visible: visible.length }).toEqual({
					op: op.value,
					name,
					visible: 0,
				});
			} else {
				expect({ op: op.value, name, visible: visible.length }).toEqual({
					op: op.value,
					name,
					visible: 1,
				});
				// A Call left empty is taken from the incoming item: the panel does not insist on it.
				expect(visible[0].required ?? false).toBe(use.required && PARAMETERS[name].whenEmpty !== 'inputCall');
			}
		}
	}
});

it('uses every parameter of the catalog in some operation (a record no operation names is a forgotten place)', () => {
	const used = new Set(OPERATIONS.flatMap((op) => op.params.map((p) => p.name)));
	expect(Object.keys(PARAMETERS).filter((name) => !used.has(name as keyof typeof PARAMETERS))).toEqual([]);
});

it('gives every operation a name, action and description, and every call operation a GWS operationName', () => {
	for (const op of OPERATIONS) {
		expect(op.name && op.action && op.description).toBeTruthy();
		if (op.requestKind !== 'agentState' && 'operation' in REQUEST_KINDS[op.requestKind].output)
			expect(op.operationName).toMatch(/^[A-Z][A-Za-z]+$/);
	}
	expect(new Set(OPERATIONS.map((o) => `${o.resource}:${o.value}`)).size).toBe(OPERATIONS.length);
});

it('names a capability (or says none, null) exactly for the operations whose request kind lists capabilities', () => {
	for (const op of OPERATIONS) {
		const kind: RequestKind = REQUEST_KINDS[op.requestKind];
		const checked = kind.capabilitiesOf !== undefined;
		expect({ op: op.value, declared: op.capability !== undefined }).toEqual({ op: op.value, declared: checked });
		if (typeof op.capability === 'string') expect(op.capability).toMatch(/^[A-Z][A-Za-z]+$/);
	}
	// Check Capabilities First is offered exactly where there is a capability to check.
	const options = props.find((p) => p.name === 'options')?.options as INodeProperties[];
	const precheck = options.find((o) => o.name === 'capabilityPreCheck');
	expect(precheck?.displayOptions?.show?.['/operation']).toEqual(
		OPERATIONS.filter((op) => typeof op.capability === 'string').map((op) => op.value),
	);
});

it('renders the README operation table from the same table', () => {
	const markdown = renderOperationsMarkdown();
	for (const op of OPERATIONS) expect(markdown).toContain(`| \`${op.value}\` (${op.name}) |`);
	expect(markdown).toContain('POST `/api/v2/me/devices/{deviceId}/calls` `Dial`');
	expect(markdown).toContain('| call | `completeConference` (Complete Conference) |');
});

it('lists Call first among the parameters (it is what a user picks first), then the rest in one fixed order', () => {
	const parameterNames = props
		.map((p) => p.name)
		.filter((name) => !['resource', 'operation', 'options'].includes(name));
	expect(parameterNames[0]).toBe('callId');
	// Hangup/answer-style operations show only Call; Dial shows no Call, and Device ID comes first there.
	const dialFields = props.filter((p) => p.displayOptions?.show?.operation?.includes('dial')).map((p) => p.name);
	expect(dialFields.slice(0, 3)).toEqual(['deviceId', 'destination', 'location']);
	const conferenceFields = props
		.filter((p) => p.displayOptions?.show?.operation?.includes('singleStepConference'))
		.map((p) => p.name);
	expect(conferenceFields[0]).toBe('callId');
});

it('says on the Call field itself, not only in its tooltip, that empty means the incoming item\'s call', () => {
	const callFields = props.filter((p) => p.name === 'callId');
	expect(callFields.length).toBeGreaterThan(0);
	for (const field of callFields) {
		expect(field.hint).toMatch(/^Empty = the incoming item's call/);
		// every mode's placeholder says it too: the placeholder is what an empty field shows
		for (const mode of field.modes ?? []) expect(mode.placeholder).toMatch(/^Empty = the incoming item's call/);
		expect(field.modes?.map((m) => m.name)).toEqual(['list', 'id']);
	}
});

it('shows Wrap-Up Time only for Set State with After Call Work, and the monitoring choices with a Default that leaves them out', () => {
	const wrapUp = props.filter((p) => p.name === 'wrapUpTime');
	expect(wrapUp).toHaveLength(1);
	expect(wrapUp[0].displayOptions?.show).toEqual({ resource: ['agent'], operation: ['setState'], agentState: ['AfterCallWork'] });
	for (const name of ['supervisorMonitoringScope', 'supervisorMonitoringMode']) {
		const [prop] = props.filter((p) => p.name === name);
		expect(prop.default).toBe('');
		expect((prop.options ?? []).map((o) => (o as { value: string }).value)).toContain('');
		expect(prop.displayOptions?.show?.operation).toEqual(['listenIn', 'coach', 'bargeIn']);
	}
	const [loginCode] = props.filter((p) => p.name === 'loginCode');
	expect(loginCode.typeOptions).toEqual({ password: true });
});
