/** SingleStepTransfer, InitiateTransfer, CompleteTransfer, SwapCalls, MergeWithOtherCall. */
import { invalidForState, invalidParameter, notFound } from '../../errors';
import { callUri } from '../params';
import { update } from '../userData';
import { checkNotOnCall, consultCallParams, destinationAndData, initiateOperation } from './toDestination';
import { resolveConsultPair } from './consult';
import { bodyParams, failsAsUnreachable, op, type OpContext, type Operation } from './types';

const otherCallParams = bodyParams((body) => callUri(body, 'otherCallUri', true) as string, { otherCallUri: '' });


export const transferOperations = {
	/** The destination joins (a simulated agent alerts: Ringing), the agent leaves: their view is Released. */
	SingleStepTransfer: op(destinationAndData, (ctx, p) => {
		const { engine, call, user } = ctx;
		checkNotOnCall(ctx, p.destination);
		if (failsAsUnreachable(ctx, p.destination)) return;
		if (p.userData) update(call.userData, p.userData);
		// The destination joins first (so the call never drops below two parties), but is told after the agent left.
		const joined = engine.join(call, p.destination, true, false);
		engine.releaseLeg(call, user.username);
		if (joined) engine.notifier.notify(call, joined, 'StatusChange');
		engine.notifier.notifyAll(call, 'ParticipantsUpdated', joined);
	}),

	InitiateTransfer: initiateOperation('transfer'),

	/** Both of the agent's calls are Released (consult first); the consulted party takes the agent's place. */
	CompleteTransfer: op(consultCallParams, (ctx, consultId) => {
		const { engine, user } = ctx;
		const { parent, consult } = resolveConsultPair(ctx, consultId);
		engine.moveParties(consult, parent, user.username);
		engine.removeParty(parent, user.dn);
	}),

	/** This call goes on hold, the other (held) call is retrieved. */
	SwapCalls: op(otherCallParams, (ctx, otherId) => {
		const { engine, call, leg } = ctx;
		const other = otherHeldCall(ctx, otherId);
		engine.setState(call, leg, 'Held');
		engine.setState(other.call, other.leg, 'Established');
	}),

	/** The other (held) call's parties join this call; the other call is Released for the agent. */
	MergeWithOtherCall: op(otherCallParams, (ctx, otherId) => {
		const { engine, call, user } = ctx;
		const other = otherHeldCall(ctx, otherId);
		engine.moveParties(other.call, call, user.username);
		engine.notifier.notify(call, user.username, 'ParticipantsUpdated');
		engine.notifier.notifyAll(call, 'ParticipantsUpdated', user.username);
	}),
} satisfies Record<string, Operation>;

function otherHeldCall(ctx: OpContext, otherId: string) {
	if (otherId === ctx.call.id) {
		throw invalidParameter('otherCallUri', otherId, 'the URI of another of your calls (not the call the request is posted on)');
	}
	const other = ctx.engine.store.get(otherId);
	const leg = other?.legs.get(ctx.user.username);
	if (!other || !leg) throw notFound(`otherCallUri: call '${otherId}' not found for user '${ctx.user.username}'`);
	if (leg.state !== 'Held') {
		throw invalidForState(`Operation '${ctx.operationName}' needs the other call ${otherId} to be Held; it is ${leg.state}`);
	}
	return { call: other, leg };
}
