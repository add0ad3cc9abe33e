/** Shared by the two-step conference and transfer: start a consult call, find the parent/consult pair. */
import { invalidForState, notFound } from '../../errors';
import type { Call } from '../model';
import type { OpContext } from './types';

/** Parent goes Held (notified first), then the new Consult call dials (docs/FIDELITY.md O1). */
export function initiateConsult(
	ctx: OpContext,
	destination: string,
	userData: Record<string, unknown> | undefined,
	kind: 'conference' | 'transfer',
): Call {
	const { engine, call, leg, user } = ctx;
	if (leg.state !== 'Held') engine.setState(call, leg, 'Held');
	// T-Server copies the parent's user data to the consult call; request userData is added on top.
	const data = new Map<string, unknown>(call.userData);
	for (const [k, v] of Object.entries(userData ?? {})) data.set(k, v);
	return engine.dial(user, destination, [...data.entries()], { parentCallId: call.id, kind });
}

/** The call the request was posted on may be the consult call or its parent (with consultCallUri or not). */
export function resolveConsultPair(ctx: OpContext, consultId: string | undefined): { parent: Call; consult: Call } {
	const { engine, call, leg, user, operationName } = ctx;
	if (leg.parentCallId) {
		const parent = engine.store.get(leg.parentCallId);
		if (!parent || !parent.legs.has(user.username)) {
			throw invalidForState(`Operation '${operationName}': the parent call ${leg.parentCallId} of consult call ${call.id} is gone`);
		}
		return { parent, consult: call };
	}
	if (consultId !== undefined) {
		const consult = engine.store.get(consultId);
		const consultLeg = consult?.legs.get(user.username);
		if (!consult || !consultLeg) throw notFound(`consultCallUri: call '${consultId}' not found for user '${user.username}'`);
		if (consultLeg.parentCallId !== call.id) {
			throw invalidForState(`Operation '${operationName}': call ${consultId} is not a consult call of call ${call.id}`);
		}
		return { parent: call, consult };
	}
	const consult = engine.views.consultOf(call, user.username);
	if (!consult) throw invalidForState(`Operation '${operationName}': call ${call.id} has no consult call (start one with InitiateConference or InitiateTransfer)`);
	return { parent: call, consult };
}
