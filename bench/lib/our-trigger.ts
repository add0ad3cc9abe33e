/**
 * Our Genesys GWS Trigger activated inside real n8n-core (test/trigger/harness.ts: Workflow + TriggerContext),
 * with an emit callback that timestamps each item the moment the trigger hands it to n8n.
 */
import type { IDataObject, ITriggerResponse } from 'n8n-workflow';

import { GenesysGwsTrigger } from '../../nodes/GenesysGwsTrigger/GenesysGwsTrigger.node';
import { createTriggerContext } from '../../test/trigger/harness';

export interface OurTrigger {
	response: ITriggerResponse;
	errors: Error[];
	close(): Promise<void>;
}

export async function startOurTrigger(
	credential: { baseUrl: string; username: string; password: string },
	onItem: (json: IDataObject) => void,
	events: string[] = ['AttachedDataChanged'],
): Promise<OurTrigger> {
	const errors: Error[] = [];
	const { ctx } = createTriggerContext(
		{ credential, parameters: { events } },
		(data) => {
			for (const item of data.flat()) onItem(item.json);
		},
		(error) => errors.push(error),
	);
	const response = await new GenesysGwsTrigger().trigger.call(ctx);
	return { response, errors, close: async () => await response.closeFunction?.() };
}

/** BurstSeq of a burst notification's data (simulator/burst.ts puts it in call.userData). */
export function burstSeq(data: unknown): number | undefined {
	const call = (data as { call?: { userData?: Record<string, unknown> } } | undefined)?.call;
	const seq = call?.userData?.BurstSeq;
	return typeof seq === 'number' ? seq : undefined;
}

export function burstSentAt(data: unknown): number | undefined {
	const sent = (data as { call?: { userData?: Record<string, unknown> } } | undefined)?.call?.userData?.BurstSentAt;
	return typeof sent === 'number' ? sent : undefined;
}
