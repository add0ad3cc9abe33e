/**
 * The agent resource's operations: the voice session, the voice state, and the device's DND and forwarding
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/StartContactCenterSession,
 * https://docs.genesys.com/Documentation/GWS/8.6.0/API/AgentStateReady and siblings,
 * https://docs.genesys.com/Documentation/HTCC/latest/API/AgentStateDoNotDisturbOn,
 * https://docs.genesys.com/Documentation/GWS/latest/API/ForwardCallsOn).
 */
import { agentStateSet, doNotDisturb, forwardingOff, forwardingOn, loggedIn } from './deviceConfirmations';
import { deviceOperation, opt, req, type GwsOperation } from './operationBuilders';

export const AGENT_OPERATIONS: GwsOperation[] = [
	{
		value: 'startSession',
		resource: 'agent',
		name: 'Start Session',
		action: 'Log the agent in to voice',
		description: 'Log in to the voice channel (needed before Ready, Dial or monitoring)',
		toolDescription:
			'Log the agent in to the voice channel (needed before Ready, dialing or monitoring). Needs nothing. Returns {"statusCode": 0} once GWS accepted the request.',
		requestKind: 'userOperation',
		operationName: 'StartContactCenterSession',
		body: { channels: ['voice'] },
		params: [opt('place'), opt('loginCode'), opt('queue')],
		confirmation: loggedIn,
	},
	// GWS ends the HTTP session with it (https://docs.genesys.com/Documentation/HTCC/8.5.2/API/EndContactCenterSession),
	// and with it the notification session a confirmation would arrive on; the logged-out state is not on the
	// pages either: no Wait for Confirmation.
	{
		value: 'endSession',
		resource: 'agent',
		name: 'End Session',
		action: 'Log the agent out of voice',
		description: 'Log out of the voice channel (GWS also ends the HTTP session; the node logs in anew next time)',
		toolDescription:
			'Log the agent out of the voice channel. Needs nothing. Returns {"statusCode": 0} once GWS accepted the request.',
		requestKind: 'userOperation',
		operationName: 'EndContactCenterSession',
		params: [],
		endsSession: true,
	},
	{
		value: 'setState',
		resource: 'agent',
		name: 'Set State',
		action: "Set the agent's voice state",
		description: 'Set the agent to Ready, Not Ready or After Call Work on the voice channel',
		toolDescription:
			'Set the agent\'s voice state. Needs agentState: Ready, NotReady or AfterCallWork. Returns {"statusCode": 0} once GWS accepted the request.',
		requestKind: 'agentState',
		params: [
			req('agentState'),
			{ ...opt('wrapUpTime'), onlyWhen: { name: 'agentState', values: ['AfterCallWork'] } },
		],
		confirmation: agentStateSet,
	},
	deviceOperation({
		resource: 'agent',
		value: 'doNotDisturbOn',
		name: 'Do Not Disturb On',
		description: 'Turn Do Not Disturb on for your device',
		toolDescription:
			'Turn Do Not Disturb on for your phone (no calls are delivered). Needs nothing. Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'DoNotDisturbOn',
		capability: 'DoNotDisturbOn',
		confirmation: doNotDisturb('On'),
	}),
	deviceOperation({
		resource: 'agent',
		value: 'doNotDisturbOff',
		name: 'Do Not Disturb Off',
		description: 'Turn Do Not Disturb off for your device',
		toolDescription:
			'Turn Do Not Disturb off for your phone. Needs nothing. Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'DoNotDisturbOff',
		capability: 'DoNotDisturbOff',
		confirmation: doNotDisturb('Off'),
	}),
	deviceOperation({
		resource: 'agent',
		value: 'forwardCallsOn',
		name: 'Forward Calls On',
		description: 'Forward the calls to your device to another number',
		toolDescription:
			'Forward the calls to your phone to another number. Needs destination (digits). Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'ForwardCallsOn',
		capability: 'ForwardCallsOn',
		// ForwardCallsOn takes destination as a plain string ("destination":"5001"), not {"phoneNumber": ...}: its page.
		params: [{ ...req('destination'), wire: { body: 'destination' } }],
		confirmation: forwardingOn,
	}),
	deviceOperation({
		resource: 'agent',
		value: 'forwardCallsOff',
		name: 'Forward Calls Off',
		description: 'Stop forwarding your calls',
		toolDescription:
			'Stop forwarding the calls to your phone. Needs nothing. Returns {"statusCode": 0} once GWS accepted the request.',
		operationName: 'ForwardCallsOff',
		capability: 'ForwardCallsOff',
		confirmation: forwardingOff,
	}),
	{
		value: 'getDevices',
		resource: 'agent',
		name: 'Get Devices',
		action: "Get the agent's devices",
		description: "Read the user's devices with their agent state (one item per device)",
		toolDescription:
			'List your phones (devices) with their id, deviceUri, agent state, Do Not Disturb and forwarding. Needs nothing.',
		requestKind: 'getDevices',
		params: [],
	},
];
