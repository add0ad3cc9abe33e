/**
 * Voice login and agent state (docs/FIDELITY.md L1-L7): POST /api/v2/me
 * StartContactCenterSession / EndContactCenterSession, POST /api/v2/me/channels/voice Ready / NotReady /
 * AfterCallWork / AuxWork. Each change reaches the user's /v2/me/devices as DeviceStateChangeMessage.
 */
import type { AuthResult, SessionStore } from './auth';
import type { CallEngine } from './calls/engine';
import type { Body } from './calls/params';
import { GwsError, STATUS, invalidForState, invalidParameter, missingParameter } from './errors';
import { lookup } from './lookup';
import type { SimUser } from './users';
import { AGENT_STATES } from './users';

const START_SESSION = 'POST /api/v2/me {"operationName":"StartContactCenterSession","channels":["voice"]}';

/**
 * Voice operations need a voice session (docs/FIDELITY.md E7, L5): HTTP 409, statusCode 2 (not valid in the current
 * state: the agent is logged out), naming the operation and how to log in.
 */
export function requireVoiceSession(user: SimUser, operationName: string): void {
	if (user.loggedIn) return;
	throw invalidForState(`User '${user.username}' is logged out of the voice channel, so '${operationName}' is not possible; log in first with ${START_SESSION}`);
}

function optionalString(body: Body, name: string, example: string): string | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value.trim() === '') throw invalidParameter(name, value, `a non-empty string, e.g. ${example}`);
	return value;
}

/** POST /api/v2/me: StartContactCenterSession (channels, optional place, loginCode, queue, devicePath), EndContactCenterSession. */
export function postMe(engine: CallEngine, sessions: SessionStore, auth: AuthResult, name: string, body: Body): void {
	const user = auth.user;
	if (name === 'StartContactCenterSession') {
		const channels = body.channels;
		const expected = 'an array of channel names, e.g. {"channels":["voice"]}';
		if (channels === undefined) throw missingParameter('channels', expected);
		if (!Array.isArray(channels) || channels.some((c) => typeof c !== 'string')) throw invalidParameter('channels', channels, expected);
		if (channels.length === 0 || channels.some((c) => c !== 'voice')) throw invalidParameter('channels', channels, 'only "voice" (the simulator is voice-only)');
		const place = optionalString(body, 'place', '"Place_15000"');
		// A login code may be secret on some switches: its value never goes into an error.
		if (body.loginCode !== undefined && (typeof body.loginCode !== 'string' || body.loginCode.trim() === '')) {
			throw new GwsError(400, STATUS.inputValidation, "Invalid parameter 'loginCode' (value not shown): expected a non-empty string, e.g. \"15000\"");
		}
		optionalString(body, 'devicePath', '"/devices/<id>"');
		const queue = optionalString(body, 'queue', '"8000"');
		user.loggedIn = true;
		user.userState = AGENT_STATES.NotReady;
		user.place = place;
		user.loginQueue = queue;
		engine.notifier.deviceChanged(user);
		return;
	}
	if (name === 'EndContactCenterSession') {
		user.loggedIn = false;
		user.userState = AGENT_STATES.LoggedOut;
		user.monitoring = undefined;
		engine.notifier.deviceChanged(user);
		// "invalidates the HTTP session" (https://docs.genesys.com/Documentation/HTCC/8.5.2/API/EndContactCenterSession).
		sessions.invalidate(auth.session.id);
		return;
	}
	throw new GwsError(400, STATUS.inputValidation, `Unknown operationName '${name}' for POST /api/v2/me; supported: StartContactCenterSession, EndContactCenterSession`);
}

/** POST /api/v2/me/channels/voice: Ready (opt. workmode), NotReady, AfterCallWork (opt. wrapUpTime), AuxWork. */
export function setAgentState(engine: CallEngine, user: SimUser, name: string, body: Body): void {
	const state = lookup(AGENT_STATES, name);
	if (!state || name === 'LoggedOut') {
		throw new GwsError(400, STATUS.inputValidation, `Unknown operationName '${name}' for POST /api/v2/me/channels/voice; supported: Ready, NotReady, AfterCallWork, AuxWork`);
	}
	requireVoiceSession(user, name);
	if (name === 'Ready' && body.workmode !== undefined && body.workmode !== 'ManualIn' && body.workmode !== 'AutoIn') {
		throw invalidParameter('workmode', body.workmode, '"ManualIn" or "AutoIn"');
	}
	if (name === 'AfterCallWork' && body.wrapUpTime !== undefined) {
		// A string of whole seconds, as the AfterCallWork sample's "0" (docs/FIDELITY.md L3).
		if (typeof body.wrapUpTime !== 'string' || !/^\d+$/.test(body.wrapUpTime)) {
			throw invalidParameter('wrapUpTime', body.wrapUpTime, 'a string of whole seconds, e.g. "30" ("0" cancels the wrap-up time)');
		}
		user.wrapUpTime = body.wrapUpTime;
	}
	user.userState = state;
	if (name === 'Ready') engine.queue.readyAgain(user);
	engine.notifier.deviceChanged(user);
}
