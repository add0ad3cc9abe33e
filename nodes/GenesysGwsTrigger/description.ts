/** The trigger's parameters. Event options come from events.ts (one list for UI, matching and docs). */
import type { INodeProperties } from 'n8n-workflow';

import { MAX_TIMEOUT_S } from '../shared/limits';
import { TRIGGER_EVENTS } from './events';
import { MONITORED_CALLS } from './monitoredCalls';
import { DEFAULT_MANUAL_TIMEOUT_SECONDS } from './triggerOptions';

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['StatusChange'],
		description: 'The GWS notifications that start the workflow, one execution per notification',
		options: [...TRIGGER_EVENTS]
			.sort((a, b) => a.name.localeCompare(b.name))
			.map(({ name, value, description }) => ({ name, value, description })),
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only call notifications matching every filter set here start the workflow',
		options: [
			{
				displayName: 'Call States',
				name: 'callStates',
				type: 'multiOptions',
				default: [],
				description: 'The call state after the change (call.state)',
				options: [
					{ name: 'Dialing', value: 'Dialing' },
					{ name: 'Established', value: 'Established' },
					{ name: 'Held', value: 'Held' },
					{ name: 'Released', value: 'Released' },
					{ name: 'Ringing', value: 'Ringing' },
				],
			},
			{
				displayName: 'Call Types',
				name: 'callTypes',
				type: 'multiOptions',
				default: [],
				description: 'The call type (call.callType)',
				options: [
					{ name: 'Consult', value: 'Consult' },
					{ name: 'Inbound', value: 'Inbound' },
					{ name: 'Internal', value: 'Internal' },
					{ name: 'Outbound', value: 'Outbound' },
				],
			},
			{
				displayName: 'DNIS or Participant Number',
				name: 'numbers',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5551234, 15001',
				description:
					'Comma-separated phone numbers; matches when call.dnis, call.ani or any participant number has the same digits',
			},
			{
				displayName: 'Monitored Calls',
				name: 'monitoredCalls',
				type: 'options',
				default: 'include',
				description:
					"Calls you (a supervisor) are delivered because you monitor an agent (their capabilities list SwitchToBargeIn or SwitchToListenIn), or (as an agent) your calls a supervisor listens in on",
				options: MONITORED_CALLS.map((m) => ({ ...m })),
			},
			{
				displayName: 'User Data Key',
				name: 'userDataKey',
				type: 'string',
				default: '',
				placeholder: 'e.g. CustomerSegment',
				description: 'Only calls whose user data (attached data) has this key',
			},
			{
				displayName: 'User Data Value',
				name: 'userDataValue',
				type: 'string',
				default: '',
				placeholder: 'e.g. VIP',
				description: 'With User Data Key: the value must equal this text (empty = any value)',
			},
			{
				displayName: 'Without User Data Key',
				name: 'userDataKeyAbsent',
				type: 'string',
				default: '',
				placeholder: 'e.g. SupervisorConferenced',
				description:
					'Only calls whose user data has none of these keys (comma-separated). Set it to the flag your flow attaches when it acts, so it does not act twice on the same call.',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Resync After Reconnect',
				name: 'resync',
				type: 'boolean',
				default: true,
				description:
					'Whether to read the current calls (and devices) after every reconnect, and after n8n restarts, and start executions, flagged _gws.resync, for changes missed meanwhile',
			},
			{
				displayName: 'Report Changes Missed While Deactivated',
				name: 'resyncAfterDeactivation',
				type: 'boolean',
				default: false,
				description:
					'Whether activating the workflow again starts executions, flagged _gws.resync, for calls that changed while you had deactivated it. Changes missed while n8n itself was not running (a restart, an upgrade, a crash) are always reported.',
			},
			{
				displayName: 'Test Step Timeout (Seconds)',
				name: 'manualTimeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_S },
				default: DEFAULT_MANUAL_TIMEOUT_SECONDS,
				description: 'When testing the step in the editor: how long to wait for the next matching notification',
			},
		],
	},
];
