/** Answer, Reject, Hangup, Hold, Retrieve, MuteCall, UnmuteCall, SendDtmf, ClearCall. */
import { digits } from '../params';
import { bodyParams, noParams, op, type Operation } from './types';

export const basicOperations = {
	Answer: op(noParams, ({ engine, call, leg }) => engine.answer(call, leg)),

	/** The call goes back to its queue; the caller stays on it (queue.ts, docs/FIDELITY.md Q4). */
	Reject: op(noParams, ({ engine, call, leg }) => engine.queue.reject(call, leg)),

	/** Dialing: the caller abandons (the call ends). Otherwise the agent leaves; two-party calls end. */
	Hangup: op(noParams, ({ engine, call, leg, user }) => {
		if (leg.state === 'Dialing') engine.releaseAll(call, user.username);
		else engine.removeParty(call, user.dn);
	}),

	Hold: op(noParams, ({ engine, call, leg }) => engine.setState(call, leg, 'Held')),
	Retrieve: op(noParams, ({ engine, call, leg }) => engine.setState(call, leg, 'Established')),

	/**
	 * The call's `mute` flag only: no notification (docs/FIDELITY.md N8; a client reads the call back). The control
	 * API's heardBy shows the effect.
	 */
	MuteCall: op(noParams, ({ leg }) => {
		leg.mute = 'On';
	}),
	UnmuteCall: op(noParams, ({ leg }) => {
		leg.mute = 'Off';
	}),

	/** No notification (docs/FIDELITY.md N8); the digits show in the control API's calls(). */
	SendDtmf: op(bodyParams(digits, { digits: '1' }), ({ leg }, value) => {
		leg.dtmf += value;
	}),

	/** Ends the conference for every party: each agent's view Released (docs/FIDELITY.md O8). */
	ClearCall: op(noParams, ({ engine, call, user }) => engine.releaseAll(call, user.username)),
} satisfies Record<string, Operation>;
