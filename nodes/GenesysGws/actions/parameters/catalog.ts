/**
 * Every parameter of the action node, one record each (ParameterSpec in parameterSpec.ts): its UI (without
 * displayOptions, which description.ts adds from the operation table), the advice shown when its value is wrong,
 * the kind of value it takes (with that kind's checks and bounds), where it goes in the request, what it becomes
 * when left empty, and the sample value the README's examples use. The record's key is the node property name: a
 * contract that saved workflows depend on.
 */
import { AGENT_STATES } from '../agentStates';
import { AGENT_PARAMETERS } from './agentParameters';
import { SUPERVISOR_PARAMETERS } from './supervisorParameters';
import { USER_DATA_FIELDS_UI, USER_DATA_INPUT_UI, userData } from './userData';
import type { ParameterSpec, ParamUseOf } from './parameterSpec';
import { callReference, callUri, choice, dialTones, id, phoneNumber, text } from './valueKinds';

/** In the node panel's order: Call first, it is what a user picks first. */
const CALL_PARAMETERS = {
	callId: {
		ui: {
			displayName: 'Call',
			name: 'callId',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			description:
				"The call to act on: pick one of your active calls or give its ID (a call's uri or path works too). Leave it empty to act on the call of the incoming item, as the trigger and this node output it.",
			// Shown under the field, not only in the tooltip: most flows leave it empty, and a bare call-id
			// placeholder made that look like a mistake.
			hint: "Empty = the incoming item's call (its call.id, as the trigger outputs it)",
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: "Empty = the incoming item's call",
					typeOptions: { searchListMethod: 'searchCalls', searchable: true },
				},
				{
					displayName: 'ID',
					name: 'id',
					type: 'string',
					placeholder: "Empty = the incoming item's call; or e.g. 01RCC3N118B1V0SL8O7GK2LAES000009",
				},
			],
		},
		hint: "Pick a call from the list or give its ID (e.g. {{ $json.call.id }}), or leave it empty when the incoming item has the call (call.id or callId)",
		forModel: 'The call\'s id, as List my calls (Get Many) returns it in the field id, e.g. 01RCC3N118B1V0SL8O7GK2LAES000009',
		valueKind: callReference,
		wire: { path: 'callId' },
		sample: '01RCC3N118B1V0SL8O7GK2LAES000009',
		whenEmpty: 'inputCall',
	},
	deviceId: {
		ui: {
			displayName: 'Device ID',
			name: 'deviceId',
			type: 'string',
			default: '',
			description:
				'Your device to act on (dial from, monitor from, set DND or forwarding on). Leave empty to use your first device.',
		},
		hint: 'Enter a device ID from the "Get Devices" agent operation, or leave it empty to use your first device',
		forModel: 'Leave empty to use your own first device; otherwise a device id from Get Devices',
		valueKind: id,
		wire: { path: 'deviceId' },
		sample: '6f3d5c1e-2a4b-4c8d-9e0f-1a2b3c4d5e6f',
		whenEmpty: 'firstDevice',
	},
	destination: {
		ui: {
			displayName: 'Destination',
			name: 'destination',
			type: 'string',
			default: '',
			placeholder: 'e.g. 15002',
			description:
				'The phone number to call, transfer or conference to: digits, optionally a leading + (GWS receives it as {"phoneNumber": "..."}); for Forward Calls On, where to forward your calls',
		},
		hint: 'Enter the phone number, e.g. 15002',
		forModel: 'The phone number to dial, transfer or conference to: digits only (a leading + and * or # are allowed), e.g. 15002',
		valueKind: phoneNumber,
		wire: { body: 'destination', shape: (phoneNumber) => ({ phoneNumber }) },
		sample: '15002',
	},
	location: {
		ui: {
			displayName: 'Location',
			name: 'location',
			type: 'string',
			default: '',
			description:
				'T-Server location of the destination, for multi-site setups. Leave empty for the local site.',
		},
		hint: 'Enter the T-Server location name, or leave it empty for the local site',
		forModel: 'Leave empty (local site); only for a multi-site switch, the T-Server location name',
		valueKind: text,
		wire: { body: 'location' },
		sample: 'SiteB',
	},
	consultCallUri: {
		ui: {
			displayName: 'Consult Call',
			name: 'consultCallUri',
			type: 'string',
			default: '',
			placeholder: 'e.g. 01RCC3N118B1V0SL8O7GK2LAES00000A',
			description:
				'The consult call (its ID or URI, e.g. the output of the Initiate step). Leave empty to let GWS find it.',
		},
		hint: 'Enter the ID or URI of the consult call, or leave it empty',
		forModel: 'Leave empty to let GWS find the consult call; otherwise the consult call\'s id',
		valueKind: callUri,
		wire: { body: 'consultCallUri' },
		sample: '01RCC3N118B1V0SL8O7GK2LAES00000A',
	},
	otherCallUri: {
		ui: {
			displayName: 'Other Call',
			name: 'otherCallUri',
			type: 'string',
			default: '',
			placeholder: 'e.g. 01RCC3N118B1V0SL8O7GK2LAES00000A',
			description: 'The other call (its ID or URI)',
		},
		hint: 'Enter the ID or URI of the other call',
		forModel: 'The id of the other call, as List my calls returns it',
		valueKind: callUri,
		wire: { body: 'otherCallUri' },
		sample: '01RCC3N118B1V0SL8O7GK2LAES00000A',
	},
	participant: {
		ui: {
			displayName: 'Participant',
			name: 'participant',
			type: 'string',
			default: '',
			placeholder: 'e.g. 15001',
			description: 'Phone number of the participant to remove',
		},
		hint: 'Enter the phone number of the participant to remove, e.g. 15001',
		forModel: 'The phone number of the party to remove, as listed in the call\'s participants',
		valueKind: text,
		wire: { body: 'participant' },
		sample: '15001',
	},
	digits: {
		ui: {
			displayName: 'Digits',
			name: 'digits',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1234',
			description: 'The digits to send as dial tones (0-9, * and #)',
		},
		hint: 'Enter the digits to send, e.g. 1234',
		forModel: 'The digits to send: 0-9, * and # only',
		valueKind: dialTones,
		wire: { body: 'digits' },
		sample: '1234',
	},
	key: {
		ui: {
			displayName: 'Key',
			name: 'key',
			type: 'string',
			default: '',
			placeholder: 'e.g. CaseNumber',
			description: 'The user data key to delete',
		},
		hint: 'Enter the user data key to delete, e.g. CaseNumber',
		forModel: 'The user data key to delete, e.g. CaseNumber',
		valueKind: text,
		wire: { body: 'key' },
		sample: 'CaseNumber',
	},
	disposition: {
		ui: {
			displayName: 'Disposition',
			name: 'disposition',
			type: 'string',
			default: '',
			placeholder: 'e.g. Sale',
			description: 'The outcome of the call to record (its disposition code)',
		},
		hint: 'Enter the disposition code, e.g. Sale',
		forModel: 'The outcome code to record, e.g. Sale',
		valueKind: text,
		wire: { body: 'disposition' },
		sample: 'Sale',
	},
	dispositionKey: {
		ui: {
			displayName: 'Disposition Key',
			name: 'dispositionKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. DispositionCode',
			description: 'The user data key to record it under. Leave empty for the key GWS is configured with.',
		},
		hint: 'Enter the user data key, e.g. DispositionCode, or leave it empty',
		forModel: 'Leave empty for the key GWS is configured with',
		valueKind: text,
		wire: { body: 'dispositionKey' },
		sample: 'DispositionCode',
	},
	userData: {
		ui: {
			displayName: 'User Data',
			name: 'userData',
			type: 'json',
			default: '{}',
			placeholder: '{"CaseNumber": "12345"}',
			description: 'Key/value pairs as a JSON object, e.g. {"CaseNumber": "12345", "Priority": 2}',
		},
		hint: 'Enter a JSON object such as {"CaseNumber": "12345"}',
		forModel: 'Key/value pairs to attach to the call as a JSON object of short strings, e.g. {"CaseNumber": "12345"}',
		valueKind: userData,
		wire: { body: 'userData' },
		sample: { CaseNumber: '12345', Priority: 2 },
		alternativeInput: {
			selector: USER_DATA_INPUT_UI,
			mainValue: 'json',
			alternative: USER_DATA_FIELDS_UI,
			alternativeValue: 'fields',
			summary: '`fields` takes the pairs from `userDataFields` (one key and value each)',
		},
	},
	agentState: {
		ui: {
			displayName: 'State',
			name: 'agentState',
			type: 'options',
			default: 'Ready',
			options: AGENT_STATES.map((s) => ({ name: s.name, value: s.value })),
			description: 'The voice state to set',
		},
		forModel: 'One of Ready, NotReady, AfterCallWork',
		valueKind: choice(AGENT_STATES.map((s) => s.value)),
		wire: { operationName: true },
		sample: 'AfterCallWork',
	},
} satisfies Record<string, ParameterSpec>;

/** Call first; the supervisor's after the device they act from; the agent's after the agent state. */
const CATALOG = {
	...CALL_PARAMETERS,
	...SUPERVISOR_PARAMETERS,
	...AGENT_PARAMETERS,
};

export type ParamName = keyof typeof CATALOG;

export const PARAMETERS: Record<ParamName, ParameterSpec> = CATALOG;

/** How an operation uses one of these parameters (operationBuilders.ts `req` / `opt`). */
export type ParamUse = ParamUseOf<ParamName>;
