/** Answer, Reject, Hangup, Hold, Retrieve, MuteCall, UnmuteCall, SendDtmf, ClearCall. */
import { digits } from '../params';
import { noParams, op, type Operation } from './types';

export const basicOperations: Record<string, Operation> = {
	Answer: op(noParams, ({ engine, call, leg }) => engine.answer(call, leg)),

	/** The simulator has no queue: Reject releases the agent's view and the call ends for the caller too. */
	Reject: op(noParams, ({ engine, call, user }) => engine.releaseAll(call, user.username)),

	/** Dialing: the caller abandons (the call ends). Otherwise the agent leaves; two-party calls end. */
	Hangup: op(noParams, ({ engine, call, leg, user }) => {
		if (leg.state === 'Dialing') engine.releaseAll(call, user.username);
		else engine.removeParty(call, user.dn);
	}),

	Hold: op(noParams, ({ engine, call, leg }) => engine.setState(call, leg, 'Held')),
	Retrieve: op(noParams, ({ engine, call, leg }) => engine.setState(call, leg, 'Established')),

	MuteCall: op(noParams, ({ engine, call, leg }) => {
		leg.mute = 'On';
		engine.notify(call, leg.username, 'StatusChange');
	}),
	UnmuteCall: op(noParams, ({ engine, call, leg }) => {
		leg.mute = 'Off';
		engine.notify(call, leg.username, 'StatusChange');
	}),

	/** No notification (GWS-API.md §5 lists none); the digits show in the control API's calls(). */
	SendDtmf: op(digits, ({ leg }, value) => {
		leg.dtmf += value;
	}),

	/** Ends the call for every party (ClearCall page). */
	ClearCall: op(noParams, ({ engine, call, user }) => engine.releaseAll(call, user.username)),
};
