/**
 * States of the simulator in which operations are valid, each built through the simulator's own API (as a
 * caller, the agents' phones and GWS would make them), for the conformance test: which state offers which
 * capability is read back from the simulator over HTTP, not written here.
 */
import type { RunningSimulator } from '../../simulator/api';
import type { GwsTestCredential } from '../helpers/n8n';
import { agent1, deviceOf, eventually, supervisor1 } from '../action/setup';

export interface SimState {
	/** Whose credential runs the operation. */
	user: GwsTestCredential;
	/** The call an operation acts on in this state (its capabilities are read from it). */
	callId?: string;
	/** Parameter values this state gives (the other call, the party on a conference, a target device...). */
	values: Record<string, unknown>;
}

type Build = (sim: RunningSimulator) => Promise<SimState>;

/** A number outside the simulated switch: it answers at once. */
const REMOTE = '5550188';

const callOf = (sim: RunningSimulator, user: string, id: string) => sim.calls(user).find((c) => c.id === id);

async function until(sim: RunningSimulator, user: string, id: string, state: string): Promise<void> {
	await eventually(() => callOf(sim, user, id), (c) => c?.state === state);
}

async function ringing(sim: RunningSimulator, viaQueue = false): Promise<string> {
	const { callId } = await sim.placeInboundCall({ to: 'agent1', from: '5551234', viaQueue, userData: { CaseNumber: '12345' } });
	await until(sim, 'agent1', callId, 'Ringing');
	return callId;
}

async function established(sim: RunningSimulator): Promise<string> {
	const callId = await ringing(sim);
	sim.agentCallOperation('agent1', callId, { operationName: 'Answer' });
	await until(sim, 'agent1', callId, 'Established');
	return callId;
}

const onCall = (sim: RunningSimulator, callId: string, values: Record<string, unknown> = {}): SimState => ({
	user: agent1(sim),
	callId,
	values: { destination: REMOTE, key: 'CaseNumber', ...values },
});

async function conference(sim: RunningSimulator): Promise<string> {
	const callId = await established(sim);
	sim.agentCallOperation('agent1', callId, { operationName: 'SingleStepConference', destination: { phoneNumber: REMOTE } });
	await eventually(() => callOf(sim, 'agent1', callId), (c) => c?.participants.includes(REMOTE) === true);
	return callId;
}

async function recording(sim: RunningSimulator): Promise<string> {
	const callId = await established(sim);
	sim.agentCallOperation('agent1', callId, { operationName: 'StartCallRecording' });
	await eventually(() => callOf(sim, 'agent1', callId), (c) => c?.recordingState === 'Recording');
	return callId;
}

/** supervisor1 monitors agent1 in `mode`; agent1 answers a call, which reaches the supervisor too. */
async function monitored(sim: RunningSimulator, mode: 'ListenIn' | 'BargeIn'): Promise<SimState> {
	sim.agentDeviceOperation('supervisor1', { operationName: mode, targetDeviceUri: deviceOf(sim, 'agent1').uri });
	const callId = await established(sim);
	await until(sim, 'supervisor1', callId, 'Established');
	return { user: supervisor1(sim), callId, values: { targetDeviceUri: deviceOf(sim, 'agent1').id } };
}

export const SIM_STATES = {
	ringing: async (sim) => onCall(sim, await ringing(sim)),
	ringingFromQueue: async (sim) => onCall(sim, await ringing(sim, true)),
	established: async (sim) => onCall(sim, await established(sim)),
	held: async (sim) => {
		const callId = await established(sim);
		sim.agentCallOperation('agent1', callId, { operationName: 'Hold' });
		await until(sim, 'agent1', callId, 'Held');
		return onCall(sim, callId);
	},
	conference: async (sim) => onCall(sim, await conference(sim), { participant: REMOTE }),
	mutedConference: async (sim) => {
		const callId = await conference(sim);
		sim.agentCallOperation('agent1', callId, { operationName: 'MuteCall' });
		await eventually(() => callOf(sim, 'agent1', callId), (c) => c?.mute === 'On');
		return onCall(sim, callId, { participant: REMOTE });
	},
	/** The consult call of an Initiate Conference, answered (the Complete steps are posted on it). */
	consult: async (sim) => {
		const parent = await established(sim);
		sim.agentCallOperation('agent1', parent, { operationName: 'InitiateConference', destination: { phoneNumber: '5550300' } });
		const consult = await eventually(
			() => sim.calls('agent1').find((c) => c.parentCallId === parent),
			(c) => c?.state === 'Established',
		);
		return onCall(sim, consult!.id, { otherCallUri: parent });
	},
	/** Two calls: the first on hold, the second established (the one acted on). */
	twoCalls: async (sim) => {
		const first = await established(sim);
		sim.agentCallOperation('agent1', first, { operationName: 'Hold' });
		await until(sim, 'agent1', first, 'Held');
		return onCall(sim, await established(sim), { otherCallUri: first });
	},
	recording: async (sim) => onCall(sim, await recording(sim)),
	recordingPaused: async (sim) => {
		const callId = await recording(sim);
		sim.agentCallOperation('agent1', callId, { operationName: 'PauseCallRecording' });
		await eventually(() => callOf(sim, 'agent1', callId), (c) => c?.recordingState === 'Paused');
		return onCall(sim, callId);
	},
	listenedIn: async (sim) => await monitored(sim, 'ListenIn'),
	bargedIn: async (sim) => await monitored(sim, 'BargeIn'),
	monitoredMuted: async (sim) => {
		const state = await monitored(sim, 'ListenIn');
		sim.agentCallOperation('supervisor1', state.callId!, { operationName: 'MuteMonitoredUser' });
		await eventually(() => callOf(sim, 'agent1', state.callId!), (c) => c?.monitoredUserMuted === true);
		return state;
	},
	agentDevice: async (sim) => ({ user: agent1(sim), values: { destination: '5559999' } }),
	doNotDisturb: async (sim) => {
		sim.agentDeviceOperation('agent1', { operationName: 'DoNotDisturbOn' });
		await eventually(() => sim.agents().find((a) => a.username === 'agent1'), (a) => a?.device.doNotDisturb === 'On');
		return { user: agent1(sim), values: {} };
	},
	forwarding: async (sim) => {
		sim.agentDeviceOperation('agent1', { operationName: 'ForwardCallsOn', destination: '5559999' });
		await eventually(() => sim.agents().find((a) => a.username === 'agent1'), (a) => a?.device.forwardTo === '5559999');
		return { user: agent1(sim), values: {} };
	},
	supervisorDevice: async (sim) => ({ user: supervisor1(sim), values: { targetDeviceUri: deviceOf(sim, 'agent1').id } }),
	supervisorMonitoring: async (sim) => {
		sim.agentDeviceOperation('supervisor1', { operationName: 'ListenIn', targetDeviceUri: deviceOf(sim, 'agent1').uri });
		await eventually(() => sim.agents().find((a) => a.username === 'supervisor1'), (a) => a?.monitoring !== undefined);
		return { user: supervisor1(sim), values: { targetDeviceUri: deviceOf(sim, 'agent1').id } };
	},
	loggedOut: async (sim) => {
		sim.setAgentState('agent1', 'LoggedOut');
		await eventually(() => sim.agents().find((a) => a.username === 'agent1'), (a) => a?.loggedIn === false);
		return { user: agent1(sim), values: {} };
	},
} satisfies Record<string, Build>;

export type SimStateName = keyof typeof SIM_STATES;

export async function buildState(name: SimStateName, sim: RunningSimulator): Promise<SimState> {
	const build: Build = SIM_STATES[name];
	return await build(sim);
}
