/**
 * The parameters of the agent's voice session and state besides the state itself, one record each as in
 * catalog.ts: StartContactCenterSession's place, loginCode and queue
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/StartContactCenterSession,
 * https://docs.genesys.com/Documentation/HTCC/8.5.0/API/AsyncTelephonyOpsPresence) and AfterCallWork's wrapUpTime
 * (https://docs.genesys.com/Documentation/GWS/8.5.2/API/AgentStateAfterCallWork).
 */
import type { ParameterSpec } from './parameterSpec';
import { secretText, text, wholeSeconds } from './valueKinds';

export const AGENT_PARAMETERS = {
	wrapUpTime: {
		ui: {
			displayName: 'Wrap-Up Time (Seconds)',
			name: 'wrapUpTime',
			type: 'string',
			default: '',
			placeholder: 'e.g. 30',
			description:
				'Seconds of after-call work to pass to the switch ("0" cancels it). Leave empty to keep the configured wrap-up time.',
		},
		hint: 'Enter whole seconds, e.g. 30',
		forModel: 'Whole seconds of after-call work, e.g. 30; leave empty for the configured time',
		valueKind: wholeSeconds,
		wire: { body: 'wrapUpTime' },
		sample: '30',
	},
	place: {
		ui: {
			displayName: 'Place',
			name: 'place',
			type: 'string',
			default: '',
			placeholder: 'e.g. Place_15000',
			description: "The place to log in at. Leave empty for the agent's default place.",
		},
		hint: 'Enter the place name as configured in Genesys, e.g. Place_15000, or leave it empty',
		forModel: 'Leave empty for the agent\'s default place',
		valueKind: text,
		wire: { body: 'place' },
		sample: 'Place_15000',
	},
	loginCode: {
		ui: {
			displayName: 'Login Code',
			name: 'loginCode',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: "The agent's login code on the switch, when it asks for one. Leave empty to leave it out.",
		},
		hint: 'Enter the login code the switch expects, or leave it empty',
		forModel: 'Leave empty unless the switch asks for a login code',
		valueKind: secretText,
		wire: { body: 'loginCode' },
		sample: '4711',
	},
	queue: {
		ui: {
			displayName: 'Queue',
			name: 'queue',
			type: 'string',
			default: '',
			placeholder: 'e.g. 8000',
			description: 'The ACD queue to log in to, when the switch asks for one. Leave empty to leave it out.',
		},
		hint: 'Enter the queue (its DN), e.g. 8000, or leave it empty',
		forModel: 'Leave empty unless the switch asks for an ACD queue',
		valueKind: text,
		wire: { body: 'queue' },
		sample: '8000',
	},
} satisfies Record<string, ParameterSpec>;
