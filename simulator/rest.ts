/**
 * GWS REST routes under /api/v2 (after auth and CSRF, see server.ts). Handlers return the JSON reply; errors are
 * thrown as GwsError. Collections follow GWS's return values: without `fields` a collection answers
 * {"statusCode":0,"uris":[...]}; with `fields=*` (or a list like `fields=id,state`) an array named after the
 * resource ({"calls":[...]}, {"devices":[...]}); a single resource an attribute in the singular ({"call":{...}}).
 */
import { postMe, requireVoiceSession, setAgentState } from './agentState';
import type { AuthResult, SessionStore } from './auth';
import type { CallEngine } from './calls/engine';
import { runCallOperation } from './calls/operations';
import { destination, optionalUserData, type Body } from './calls/params';
import { failsAsUnreachable } from './calls/unreachable';
import { postDevice } from './devices';
import { GwsError, STATUS, invalidParameter, missingParameter, notFound } from './errors';
import type { Json } from './httpUtil';
import { renderDevice } from './notifications';
import type { SimUser } from './users';

export interface RestDeps {
	engine: CallEngine;
	sessions: SessionStore;
	baseUrl: () => string;
}

export interface RestRequest {
	method: string;
	/** Decoded path, e.g. /api/v2/me/calls/ABC */
	path: string;
	query: URLSearchParams;
	body: Body;
	auth: AuthResult;
}

const OK: Json = { statusCode: 0 };
/** A handler that answers {"statusCode":0} once `run` returns (errors are thrown). */
const accepted =
	(run: (deps: RestDeps, req: RestRequest, id: string) => void): Handler =>
	(deps, req, id) => {
		run(deps, req, id);
		return OK;
	};

type Handler = (deps: RestDeps, req: RestRequest, id: string) => Json;

/** Every GWS route the simulator serves: [method, path pattern under /api/v2 ('*' = one segment), handler]. */
const ROUTES: Array<[string, string, Handler]> = [
	['GET', 'me', (deps, req) => getMe(deps, req.auth.user, req.query)],
	['POST', 'me', accepted((deps, req) => postMe(deps.engine, deps.sessions, req.auth, operationName(req.body, 'POST /api/v2/me'), req.body))],
	['GET', 'me/devices', (deps, req) => collection('devices', deviceResources(deps, req.auth.user), req.query)],
	['GET', 'me/devices/*', (deps, req, id) => ({ statusCode: 0, device: pick(device(deps, req.auth.user, id), req.query) })],
	['POST', 'me/devices/*', accepted((deps, req, id) => deviceOperation(deps, req.auth.user, id, req.body))],
	['POST', 'me/devices/*/calls', (deps, req, id) => dial(deps, req.auth.user, id, req.body)],
	['GET', 'me/calls', (deps, req) => collection('calls', callResources(deps, req.auth.user), req.query)],
	[
		'GET',
		'me/calls/*',
		(deps, req, id) => {
			const { call, leg } = deps.engine.views.legOf(id, req.auth.user.username);
			return { statusCode: 0, call: pick(deps.engine.views.render(call, leg), req.query) };
		},
	],
	[
		'POST',
		'me/calls/*',
		accepted((deps, req, id) => runCallOperation(deps.engine, req.auth.user, id, operationName(req.body, 'POST /api/v2/me/calls/{id}'), req.body)),
	],
	[
		'POST',
		'me/channels/voice',
		accepted((deps, req) => setAgentState(deps.engine, req.auth.user, operationName(req.body, 'POST /api/v2/me/channels/voice'), req.body)),
	],
];

export function routeRest(deps: RestDeps, req: RestRequest): Json {
	const segments = req.path.replace(/\/+$/, '').split('/').slice(3); // after '', 'api', 'v2'
	const matching = ROUTES.filter(([, pattern]) => match(segments, pattern));
	const route = matching.find(([method]) => method === req.method);
	if (route) return route[2](deps, req, segments[2] ?? '');
	if (matching.length > 0) {
		const allowed = matching.map(([method]) => method).join(' or ');
		throw new GwsError(405, STATUS.forbidden, `Method ${req.method} is not supported on ${req.path}; use ${allowed}`);
	}
	throw unknownResource(req);
}

function match(segments: string[], pattern: string): boolean {
	const parts = pattern.split('/');
	return parts.length === segments.length && parts.every((p, i) => (p === '*' ? segments[i] !== '' : p === segments[i]));
}

function unknownResource(req: RestRequest): GwsError {
	return notFound(`Unknown resource: ${req.method} ${req.path} (the simulator serves /api/v2/me, /me/devices, /me/calls, /me/channels/voice)`);
}

function operationName(body: Body, where: string): string {
	const value = body.operationName;
	if (value === undefined || value === null) throw missingParameter('operationName', `a string naming the operation of ${where}, e.g. {"operationName":"Answer"}`);
	if (typeof value !== 'string' || value === '') throw invalidParameter('operationName', value, 'an operation name string');
	return value;
}

// ---------------------------------------------------------------- collections and fields

/** `fields=*` = every field; `fields=a,b` = only those; absent = the resource URIs. */
function collection(name: string, items: Array<{ uri: string; resource: Json }>, query: URLSearchParams): Json {
	if (!query.has('fields')) return { statusCode: 0, uris: items.map((i) => i.uri) };
	return { statusCode: 0, [name]: items.map((i) => pick(i.resource, query)) };
}

function pick(resource: Json, query: URLSearchParams): Json {
	const fields = query.get('fields');
	if (!fields || fields === '*') return resource;
	const wanted = fields.split(',').map((f) => f.trim()).filter(Boolean);
	const out: Json = {};
	for (const field of wanted) if (field in resource) out[field] = resource[field];
	return out;
}

function callResources(deps: RestDeps, user: SimUser) {
	return deps.engine.store.legsOf(user.username).map(({ call, leg }) => ({
		uri: `${deps.baseUrl()}/api/v2/me/calls/${call.id}`,
		resource: deps.engine.views.render(call, leg),
	}));
}

function deviceResources(deps: RestDeps, user: SimUser) {
	return [{ uri: `${deps.baseUrl()}/api/v2/devices/${user.deviceId}`, resource: renderDevice(deps.baseUrl(), user) }];
}

function device(deps: RestDeps, user: SimUser, id: string): Json {
	if (id !== user.deviceId) throw notFound(`Device '${id}' not found; your device id is ${user.deviceId} (GET /api/v2/me/devices?fields=*)`);
	return renderDevice(deps.baseUrl(), user);
}

// ---------------------------------------------------------------- /me

/** The user resource; `subresources=*` adds the user's devices and calls (our rendering: arrays inside `user`). */
function getMe(deps: RestDeps, user: SimUser, query: URLSearchParams): Json {
	const base = deps.baseUrl();
	const resource: Json = {
		id: user.userId,
		userName: user.username,
		firstName: user.config.firstName ?? user.username,
		lastName: user.config.lastName ?? '',
		roles: user.config.roles ?? ['agent'],
		enabled: true,
		uri: `${base}/api/v2/users/${user.userId}`,
		path: `/users/${user.userId}`,
	};
	if (query.get('subresources') === '*') {
		resource.devices = deviceResources(deps, user).map((d) => d.resource);
		resource.calls = callResources(deps, user).map((c) => c.resource);
	}
	return { statusCode: 0, user: resource };
}


// ---------------------------------------------------------------- devices and dial

function deviceOperation(deps: RestDeps, user: SimUser, id: string, body: Body): void {
	device(deps, user, id);
	postDevice(deps.engine, user, operationName(body, 'POST /api/v2/me/devices/{id}'), body);
}

function dial(deps: RestDeps, user: SimUser, deviceId: string, body: Body): Json {
	device(deps, user, deviceId);
	const name = operationName(body, 'POST /api/v2/me/devices/{id}/calls');
	if (name !== 'Dial') {
		throw new GwsError(400, STATUS.inputValidation, `Unknown operationName '${name}' for POST /api/v2/me/devices/{id}/calls; supported: Dial`);
	}
	requireVoiceSession(user, 'Dial');
	const to = destination(body);
	const userData = optionalUserData(body);
	if (to === user.dn) throw invalidParameter('destination.phoneNumber', to, `a number other than your own DN ${user.dn}`);
	if (failsAsUnreachable(deps.engine, user.username, 'Dial', to)) return OK;
	deps.engine.dial(user, to, Object.entries(userData ?? {}));
	return OK;
}
