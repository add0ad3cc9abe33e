/**
 * What the operations that bring a number onto a call share (SingleStepTransfer/Conference, InitiateTransfer/
 * Conference): their parameters, the refusal of a number already on the call, and the two-step start.
 */
import { invalidParameter } from '../../errors';
import { callUri, destination, optionalUserData } from '../params';
import { initiateConsult } from './consult';
import { bodyParams, failsAsUnreachable, op, type OpContext, type Operation } from './types';

/** `destination` {phoneNumber} and optional `userData` (the conference and transfer pages). */
export const destinationAndData = bodyParams((body) => ({ destination: destination(body), userData: optionalUserData(body) }), {
	destination: { phoneNumber: '' },
});

/** CompleteConference / CompleteTransfer: the consult call, optional when posted on the consult call itself. */
export const consultCallParams = bodyParams((body) => callUri(body, 'consultCallUri', false), {});

export function checkNotOnCall(ctx: OpContext, dn: string): void {
	if (dn === ctx.user.dn) {
		throw invalidParameter('destination.phoneNumber', dn, `a number other than your own DN ${ctx.user.dn}`);
	}
	if (ctx.call.parties.some((p) => p.dn === dn)) {
		throw invalidParameter('destination.phoneNumber', dn, `a party that is not already on call ${ctx.call.id}`);
	}
}

/** InitiateConference / InitiateTransfer: the parent goes Held and a consult call dials the destination. */
export function initiateOperation(kind: 'conference' | 'transfer'): Operation {
	return op(destinationAndData, (ctx, p) => {
		checkNotOnCall(ctx, p.destination);
		if (failsAsUnreachable(ctx, p.destination)) return;
		initiateConsult(ctx, p.destination, p.userData, kind);
	});
}
