/**
 * SetCallDisposition (https://docs.genesys.com/Documentation/HTCC/latest/API/CallsSetCallDisposition): on an active
 * call the disposition goes into the call's user data under `dispositionKey` (default DEFAULT_DISPOSITION_KEY) and
 * every agent on the call gets AttachedDataChanged; on a call released within RELEASED_MEMORY_MS GWS only reports
 * it (EventUserEvent), so no notification. Both land in the control API's dispositions().
 */
import { invalidParameter, missingParameter, notFound } from '../../errors';
import type { SimUser } from '../../users';
import type { CallEngine } from '../engine';
import { callUri, type Body } from '../params';
import { RELEASED_MEMORY_MS } from '../released';
import { update } from '../userData';

/** The key when the request has no dispositionKey (simulator choice: Workspace's usual key name). */
const DEFAULT_DISPOSITION_KEY = 'DispositionCode';

interface DispositionParams {
	disposition: string;
	key: string;
}

function requiredString(body: Body, name: string, example: string): string {
	const value = body[name];
	if (value === undefined || value === null) throw missingParameter(name, `a non-empty string, e.g. ${example}`);
	if (typeof value !== 'string' || value.trim() === '') throw invalidParameter(name, value, `a non-empty string, e.g. ${example}`);
	return value;
}

/** callUri and callUuid must name the call the request is posted on. */
function params(body: Body, callId: string): DispositionParams {
	const uriId = callUri(body, 'callUri', true) as string;
	if (uriId !== callId) throw invalidParameter('callUri', body.callUri, `the URI of call ${callId} (the call in the request path)`);
	const uuid = requiredString(body, 'callUuid', `"${callId}" (the call's callUuid)`);
	if (uuid !== callId) throw invalidParameter('callUuid', uuid, `"${callId}", the callUuid of the call in the request path`);
	const disposition = requiredString(body, 'disposition', '"Sale"');
	const key = body.dispositionKey === undefined ? DEFAULT_DISPOSITION_KEY : requiredString(body, 'dispositionKey', '"DispositionCode"');
	return { disposition, key };
}

export function setCallDisposition(engine: CallEngine, user: SimUser, callId: string, body: Body): void {
	const call = engine.store.get(callId);
	const leg = call?.legs.get(user.username);
	const active = call !== undefined && leg !== undefined && leg.state !== 'Released';
	if (!active && !engine.released.has(user.username, callId)) {
		throw notFound(
			`Call '${callId}' not found for user '${user.username}': SetCallDisposition takes a current call or one released in the last ${RELEASED_MEMORY_MS / 60000} minutes`,
		);
	}
	const p = params(body, callId);
	engine.dispositions.add({ time: Date.now(), username: user.username, callId, key: p.key, disposition: p.disposition, callState: active ? 'active' : 'released' });
	if (!active) return;
	update(call.userData, { [p.key]: p.disposition });
	engine.notifier.notifyAll(call, 'AttachedDataChanged');
}
