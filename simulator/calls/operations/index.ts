/** Dispatch of POST /api/v2/me/calls/{id} {"operationName": ...}: parameters, then the state check, then the change. */
import { requireVoiceSession } from '../../agentState';
import { GwsError, STATUS, invalidForState } from '../../errors';
import { lookup } from '../../lookup';
import type { SimUser } from '../../users';
import type { CallEngine } from '../engine';
import type { Body } from '../params';
import { basicOperations } from './basic';
import { conferenceOperations } from './conference';
import { setCallDisposition } from './disposition';
import { recordingOperations } from './recording';
import { supervisorOperations } from './supervisor';
import { transferOperations } from './transfer';
import type { Operation } from './types';
import { userDataOperations } from './userDataOps';

const CALL_OPERATIONS = {
	...basicOperations,
	...transferOperations,
	...conferenceOperations,
	...userDataOperations,
	...recordingOperations,
	...supervisorOperations,
} satisfies Record<string, Operation>;

/** Every operation POST /api/v2/me/calls/{id} takes (SetCallDisposition: disposition.ts). */
export type CallOperationName = keyof typeof CALL_OPERATIONS | 'SetCallDisposition';

/** Each call operation's body fields as a form to fill in (the console's operation dialog). */
export function callOperationForms(): Record<string, Record<string, unknown>> {
	return Object.fromEntries(Object.entries(CALL_OPERATIONS).map(([name, operation]) => [name, { ...operation.params.form }]));
}

const SUPPORTED = [...Object.keys(CALL_OPERATIONS), 'SetCallDisposition'];

export function runCallOperation(engine: CallEngine, user: SimUser, callId: string, operationName: string, body: Body): void {
	const operation: Operation | undefined = lookup<Operation>(CALL_OPERATIONS, operationName);
	if (!operation && operationName !== 'SetCallDisposition') {
		throw new GwsError(400, STATUS.inputValidation, `Unknown operationName '${operationName}' for /api/v2/me/calls/{id}; supported: ${SUPPORTED.join(', ')}`);
	}
	requireVoiceSession(user, operationName);
	if (!operation) return setCallDisposition(engine, user, callId, body);
	const { call, leg } = engine.views.legOf(callId, user.username);
	const params = operation.params.read(body);
	const accepted = engine.views.accepted(call, leg);
	if (!accepted.has(operationName)) {
		const allowed = engine.views.capabilities(call, leg);
		throw invalidForState(
			`Operation '${operationName}' is not allowed for call ${call.id} in state ${leg.state}; allowed: ${allowed.length ? allowed.join(', ') : '(none)'}`,
		);
	}
	operation.run({ engine, user, call, leg, operationName }, params);
}
