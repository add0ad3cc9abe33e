/**
 * The voice states the Set State operation offers: the GWS operationName posted to /api/v2/me/channels/voice and
 * the userState a DeviceStateChangeMessage shows afterwards
 * (https://docs.genesys.com/Documentation/GWS/8.6.0/API/AgentStateReady, .../AgentStateNotReady,
 * https://docs.genesys.com/Documentation/GWS/8.5.2/API/AgentStateAfterCallWork).
 */
export interface AgentState {
	/** The `agentState` parameter value, which is also the GWS operationName. */
	value: string;
	name: string;
	/** userState.state afterwards. */
	state: string;
	/** userState.workMode afterwards, when the state has one. */
	workMode?: string;
}

export const AGENT_STATES: AgentState[] = [
	{ value: 'Ready', name: 'Ready', state: 'Ready' },
	{ value: 'NotReady', name: 'Not Ready', state: 'NotReady' },
	{ value: 'AfterCallWork', name: 'After Call Work', state: 'NotReady', workMode: 'AfterCallWork' },
];
