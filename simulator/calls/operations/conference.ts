/** SingleStepConference, InitiateConference, CompleteConference, RemoveParticipantFromConference. */
import { invalidForState, invalidParameter } from '../../errors';
import { isConference, participantsFor } from '../model';
import { participant } from '../params';
import { update } from '../userData';
import { bodyParams, failsAsUnreachable, op, type Operation } from './types';
import { resolveConsultPair } from './consult';
import { checkNotOnCall, consultCallParams, destinationAndData, initiateOperation } from './toDestination';


export const conferenceOperations = {
	/**
	 * Adds the party to this call: ParticipantsUpdated with userData FirstConferencePartyDN = the agent's DN,
	 * merged after the request's userData (test/simulator/fixtures/SingleStepConference.json). A simulated agent
	 * added this way joins Established at once (docs/FIDELITY.md O5).
	 */
	SingleStepConference: op(destinationAndData, (ctx, p) => {
		const { engine, call, user } = ctx;
		checkNotOnCall(ctx, p.destination);
		if (failsAsUnreachable(ctx, p.destination)) return;
		update(call.userData, { ...(p.userData ?? {}), FirstConferencePartyDN: user.dn });
		engine.join(call, p.destination);
		engine.notifier.notify(call, user.username, 'ParticipantsUpdated');
		engine.notifier.notifyAll(call, 'ParticipantsUpdated', user.username);
	}),

	InitiateConference: initiateOperation('conference'),

	/**
	 * Posted on the consult call (test/simulator/fixtures/CompleteConference.json) or on the parent with
	 * consultCallUri (docs/FIDELITY.md C12; or none: the newest
	 * consult). The consult call is released, then the parent gets ParticipantsUpdated (Established, new party first).
	 */
	CompleteConference: op(consultCallParams, (ctx, consultId) => {
		const { parent, consult } = resolveConsultPair(ctx, consultId);
		const consultLeg = consult.legs.get(ctx.user.username);
		if (!consultLeg || consultLeg.state !== 'Established') {
			throw invalidForState(
				`Operation 'CompleteConference' needs the consult call ${consult.id} to be Established (the consulted party must answer first); it is ${consultLeg?.state ?? 'Released'}`,
			);
		}
		const { engine, user } = ctx;
		engine.moveParties(consult, parent, user.username);
		const parentLeg = parent.legs.get(user.username);
		if (parentLeg) parentLeg.state = 'Established';
		engine.notifier.notify(parent, user.username, 'ParticipantsUpdated');
		engine.notifier.notifyAll(parent, 'ParticipantsUpdated', user.username);
	}),

	/** Any party the requester sees (a barged-in supervisor too); a supervisor on a monitoring leg may remove parties. */
	RemoveParticipantFromConference: op(bodyParams(participant, { participant: '' }), (ctx, dn) => {
		const { engine, call, user } = ctx;
		const visible = participantsFor(call, user.username);
		if (!isConference(call, user.username)) {
			throw invalidForState(`Operation 'RemoveParticipantFromConference' needs a conference; call ${call.id} has only ${visible.length + 1} parties`);
		}
		if (dn === user.dn) {
			throw invalidParameter('participant', dn, 'another party of the conference; to leave it yourself use Hangup');
		}
		if (!visible.some((p) => p.dn === dn)) {
			throw invalidParameter('participant', dn, `one of the conference's participants: ${visible.map((p) => p.dn).join(', ')}`);
		}
		engine.removeParty(call, dn);
	}),
} satisfies Record<string, Operation>;
