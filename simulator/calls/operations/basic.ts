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
	 * StatusChange to the agent with `mute` On / Off (the CallsMuteCall and CallsUnmuteCall pages' notification;
	 * docs/FIDELITY.md N8). The control API's heardBy shows the effect.
	 */
	MuteCall: op(noParams, ({ engine, call, leg }) => {
		leg.mute = 'On';
		engine.notifier.notify(call, leg.username, 'StatusChange');
	}),
	UnmuteCall: op(noParams, ({ engine, call, leg }) => {
		leg.mute = 'Off';
		engine.notifier.notify(call, leg.username, 'StatusChange');
	}),

	/** DtmfSent to the agent (the CallsSendDTMF page's notification; docs/FIDELITY.md N13); digits in calls(). */
	SendDtmf: op(bodyParams(digits, { digits: '1' }), ({ engine, call, leg }, value) => {
		leg.dtmf += value;
		engine.notifier.notify(call, leg.username, 'DtmfSent');
	}),

	/** Ends the conference for every party: each agent's view Released (docs/FIDELITY.md O8). */
	ClearCall: op(noParams, ({ engine, call, user }) => engine.releaseAll(call, user.username)),
} satisfies Record<string, Operation>;
