/**
 * The parameters of supervisor monitoring (ListenIn, Coach, BargeIn on the supervisor's device), one record each
 * as in catalog.ts; names and values as GWS takes them
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorListenIn).
 */
import type { ParameterSpec } from './parameterSpec';
import { choice, deviceUri, text } from './valueKinds';

export const SUPERVISOR_PARAMETERS = {
	targetDeviceUri: {
		ui: {
			displayName: 'Target Device',
			name: 'targetDeviceUri',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.call.deviceUri }}',
			description:
				"The agent's device to monitor: its URI (the deviceUri of the agent's call, from the agent's trigger) or its device ID",
		},
		hint: "Map the agent's device URI (e.g. {{ $json.call.deviceUri }} from the agent's trigger) or enter the device ID",
		forModel: 'The agent\'s device to monitor: the deviceUri of one of the agent\'s calls, or the agent\'s device id',
		valueKind: deviceUri,
		wire: { body: 'targetDeviceUri' },
		sample: '9c14cad7-17c4-48d0-8492-7cf0ff92c224',
	},
	supervisorMonitoringScope: {
		ui: {
			displayName: 'Monitoring Scope',
			name: 'supervisorMonitoringScope',
			type: 'options',
			default: '',
			options: [
				{ name: 'Agent', value: 'Agent', description: 'Only while the agent is on the call (a transfer releases you)' },
				{ name: 'Call', value: 'Call', description: 'Follow the call wherever it goes' },
				// The empty value leaves the field out of the request (written out: the lint reads literals only).
				{ name: 'Default', value: '', description: 'Leave it out: GWS uses its default (Call)' },
			],
			description: 'What you follow: the agent, or the call',
		},
		forModel: 'Leave empty for GWS\'s default (Call); Agent or Call',
		valueKind: choice(['Agent', 'Call']),
		wire: { body: 'supervisorMonitoringScope' },
		sample: 'Call',
	},
	supervisorMonitoringMode: {
		ui: {
			displayName: 'Monitoring Mode',
			name: 'supervisorMonitoringMode',
			type: 'options',
			default: '',
			options: [
				{ name: 'All Calls', value: 'AllCalls', description: "Every call of the agent until you cancel" },
				{ name: 'Default', value: '', description: 'Leave it out: GWS uses its default (AllCalls)' },
				{ name: 'Next Call', value: 'NextCall', description: "Only the agent's next call, then monitoring ends" },
			],
			description: 'Which calls of the agent you are delivered',
		},
		forModel: 'Leave empty for GWS\'s default (AllCalls); NextCall or AllCalls',
		valueKind: choice(['NextCall', 'AllCalls']),
		wire: { body: 'supervisorMonitoringMode' },
		sample: 'NextCall',
	},
	phoneNumber: {
		ui: {
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. 15000',
			description: "The monitored agent's phone number (DN). Leave empty to leave it out.",
		},
		hint: "Enter the monitored agent's DN, e.g. 15000, or leave it empty",
		forModel: 'Leave empty; the monitored agent\'s phone number (DN) when the switch needs it',
		valueKind: text,
		wire: { body: 'phoneNumber' },
		sample: '15000',
	},
} satisfies Record<string, ParameterSpec>;
