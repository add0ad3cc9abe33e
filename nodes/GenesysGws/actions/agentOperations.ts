/**
 * The agent resource's operations: the voice session, the voice state, and the device's DND and forwarding
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/StartContactCenterSession,
 * https://docs.genesys.com/Documentation/GWS/8.6.0/API/AgentStateReady and siblings,
 * https://docs.genesys.com/Documentation/HTCC/latest/API/AgentStateDoNotDisturbOn,
 * https://docs.genesys.com/Documentation/GWS/latest/API/ForwardCallsOn).
 */
import { agentStateSet, doNotDisturb, forwardingOff, forwardingOn, loggedIn } from './deviceConfirmations';
import { deviceOp, opt, req, type GwsOperation } from './operationBuilders';

export const AGENT_OPERATIONS: GwsOperation[] = [
	{
		value: 'startSession',
		resource: 'agent',
		name: 'Start Session',
		action: 'Log the agent in to voice',
		description: 'Log in to the voice channel (needed before Ready, Dial or monitoring)',
		kind: 'userOperation',
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
		kind: 'userOperation',
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
		kind: 'agentState',
		params: [
			req('agentState'),
			{ ...opt('wrapUpTime'), onlyWhen: { name: 'agentState', values: ['AfterCallWork'] } },
		],
		confirmation: agentStateSet,
	},
	deviceOp('agent', 'doNotDisturbOn', 'DoNotDisturbOn', 'Do Not Disturb On', 'Turn Do Not Disturb on for your device', [], doNotDisturb('On')),
	deviceOp('agent', 'doNotDisturbOff', 'DoNotDisturbOff', 'Do Not Disturb Off', 'Turn Do Not Disturb off for your device', [], doNotDisturb('Off')),
	// ForwardCallsOn takes destination as a plain string ("destination":"5001"), not {"phoneNumber": ...}: its page.
	deviceOp(
		'agent',
		'forwardCallsOn',
		'ForwardCallsOn',
		'Forward Calls On',
		'Forward the calls to your device to another number',
		[{ ...req('destination'), wire: { body: 'destination' } }],
		forwardingOn,
	),
	deviceOp('agent', 'forwardCallsOff', 'ForwardCallsOff', 'Forward Calls Off', 'Stop forwarding your calls', [], forwardingOff),
	{
		value: 'getDevices',
		resource: 'agent',
		name: 'Get Devices',
		action: "Get the agent's devices",
		description: "Read the user's devices with their agent state (one item per device)",
		kind: 'getDevices',
		params: [],
	},
];
