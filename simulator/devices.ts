/**
 * POST /api/v2/me/devices/{id} (docs/FIDELITY.md D1-D6, M1-M4): DoNotDisturbOn/Off, ForwardCallsOn/Off and, for
 * supervisors, ListenIn / Coach / BargeIn / CancelSupervisorMonitoring. An operation is accepted when the device
 * lists it in `capabilities`; each change reaches the user's /v2/me/devices as DeviceStateChangeMessage.
 */
import { requireVoiceSession } from './agentState';
import type { CallEngine } from './calls/engine';
import type { Body } from './calls/params';
import { GwsError, STATUS, invalidForState, invalidParameter, missingParameter, notFound } from './errors';
import { deviceCapabilities, deviceUri } from './notifications';
import type { MonitorMode, MonitorPlan, MonitorScope, SimUser } from './users';
import { isSupervisor } from './users';

const MONITOR_OPS = new Set(['ListenIn', 'Coach', 'BargeIn', 'CancelSupervisorMonitoring']);
/** ListenIn / Coach / BargeIn without supervisorMonitoringScope / supervisorMonitoringMode (docs/FIDELITY.md M4). */
const MONITOR_DEFAULTS = { scope: 'Call', plan: 'AllCalls' } as const;
const MONITOR_FORM = { targetDeviceUri: '', supervisorMonitoringScope: MONITOR_DEFAULTS.scope, supervisorMonitoringMode: MONITOR_DEFAULTS.plan };

/** Every device operation, with the body fields it reads as a form to fill in (the console's operation dialog). */
export const DEVICE_OPERATION_FORMS = {
	DoNotDisturbOn: {},
	DoNotDisturbOff: {},
	ForwardCallsOn: { destination: '' },
	ForwardCallsOff: {},
	ListenIn: MONITOR_FORM,
	Coach: MONITOR_FORM,
	BargeIn: MONITOR_FORM,
	CancelSupervisorMonitoring: {},
} satisfies Record<string, Body>;

export type DeviceOperationName = keyof typeof DEVICE_OPERATION_FORMS;
const DEVICE_OPS = Object.keys(DEVICE_OPERATION_FORMS);

export function postDevice(engine: CallEngine, user: SimUser, name: string, body: Body): void {
	if (!DEVICE_OPS.includes(name)) {
		throw new GwsError(400, STATUS.inputValidation, `Unknown operationName '${name}' for POST /api/v2/me/devices/{id}; supported: ${DEVICE_OPS.join(', ')}`);
	}
	if (MONITOR_OPS.has(name)) {
		// docs/FIDELITY.md E6: HTTP 403, statusCode 5 (no permission), naming the role.
		if (!isSupervisor(user)) {
			throw new GwsError(403, STATUS.noPermission, `Operation '${name}' needs the supervisor role; user '${user.username}' has roles: ${(user.config.roles ?? []).join(', ')}`);
		}
		requireVoiceSession(user, name);
	}
	const change = parse(engine, user, name, body);
	const listed = deviceCapabilities(user);
	if (!listed.includes(name)) {
		throw invalidForState(`Operation '${name}' is not allowed for device ${user.deviceId} now; allowed: ${listed.join(', ')}`);
	}
	change();
	engine.notifier.deviceChanged(user);
	if (name === 'BargeIn') engine.monitoring.joinCallInProgress(user);
}

/** Checks the parameters and returns the change to apply. */
function parse(engine: CallEngine, user: SimUser, name: string, body: Body): () => void {
	switch (name) {
		case 'DoNotDisturbOn':
		case 'DoNotDisturbOff':
			return () => {
				user.doNotDisturb = name === 'DoNotDisturbOn' ? 'On' : 'Off';
			};
		case 'ForwardCallsOn': {
			const destination = forwardDestination(user, body);
			return () => {
				user.forwardTo = destination;
			};
		}
		case 'ForwardCallsOff':
			return () => {
				user.forwardTo = undefined;
			};
		case 'CancelSupervisorMonitoring':
			return () => {
				user.monitoring = undefined;
			};
		default: {
			const monitoring = monitoringParams(engine, user, name as MonitorMode, body);
			return () => {
				user.monitoring = monitoring;
			};
		}
	}
}

/** ForwardCallsOn's destination is a plain string ("destination":"5001"), not {"phoneNumber": ...}: docs/FIDELITY.md D4. */
function forwardDestination(user: SimUser, body: Body): string {
	const value = body.destination;
	const expected = 'the number to forward to as a plain string, e.g. {"destination":"5001"} (not {"phoneNumber":...})';
	if (value === undefined || value === null) throw missingParameter('destination', expected);
	if (typeof value !== 'string' || value.trim() === '') throw invalidParameter('destination', value, expected);
	const destination = value.trim();
	if (destination === user.dn) throw invalidParameter('destination', value, `a number other than your own DN ${user.dn}`);
	return destination;
}

function oneOf<T extends string>(body: Body, name: string, allowed: readonly T[], fallback: T): T {
	const value = body[name];
	if (value === undefined) return fallback;
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		throw invalidParameter(name, value, `${allowed.map((a) => `"${a}"`).join(' or ')} (default "${fallback}")`);
	}
	return value as T;
}

/** ListenIn / Coach / BargeIn parameters (docs/FIDELITY.md M1, M4): targetDeviceUri, scope, mode, phoneNumber. */
function monitoringParams(engine: CallEngine, user: SimUser, state: MonitorMode, body: Body) {
	const raw = body.targetDeviceUri;
	const expected = `the full URI of the agent's device, e.g. "${engine.baseUrl()}/api/v2/devices/<id>" (GET /simulator/agents lists them)`;
	if (raw === undefined || raw === null) throw missingParameter('targetDeviceUri', expected);
	const match = typeof raw === 'string' ? /\/devices\/([^/?#\s]+)\/?$/.exec(raw.trim()) : null;
	if (!match) throw invalidParameter('targetDeviceUri', raw, expected);
	const target = engine.users.byDeviceId(decodeURIComponent(match[1]));
	if (!target) throw notFound(`targetDeviceUri: device '${match[1]}' not found; ${expected}`);
	if (target === user) throw invalidParameter('targetDeviceUri', raw, `another agent's device (a supervisor cannot monitor their own device ${user.deviceId})`);
	const scope = oneOf<MonitorScope>(body, 'supervisorMonitoringScope', ['Agent', 'Call'], MONITOR_DEFAULTS.scope);
	const mode = oneOf<MonitorPlan>(body, 'supervisorMonitoringMode', ['NextCall', 'AllCalls'], MONITOR_DEFAULTS.plan);
	const phone = body.phoneNumber;
	if (phone !== undefined && (typeof phone !== 'string' || phone.trim() !== target.dn)) {
		throw invalidParameter('phoneNumber', phone, `the monitored device's number "${target.dn}" (or leave it out)`);
	}
	return { state, mode, scope, targetDeviceUri: deviceUri(engine.baseUrl(), target), target: target.username };
}
