/**
 * Wait for Confirmation where GWS documents no notification: send, then read the call back until it shows the
 * effect (confirmations.ts, `readBack`). Reads start fast and slow down (50 ms doubling to 500 ms), so a quick
 * effect is seen quickly and a slow one does not flood GWS.
 */
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { callIdFromReference } from '../../shared/callReference';
import type { ConfirmationTarget, ReadBackConfirmation } from './confirmations';
import { readCallIfAny } from './gwsReads';
import type { ItemRun } from './itemRequests';

const FIRST_DELAY_MS = 50;
const MAX_DELAY_MS = 500;

function callToRead(conf: ReadBackConfirmation, target: ConfirmationTarget): string | undefined {
	if (conf.reads === 'call') return target.callId;
	const other = target.values.otherCallUri;
	return typeof other === 'string' ? callIdFromReference(other) : undefined;
}

export async function sendAndReadBack(
	run: ItemRun,
	conf: ReadBackConfirmation,
	target: ConfirmationTarget,
	timeoutS: number,
	sendRequest: () => Promise<IDataObject>,
): Promise<{ response: IDataObject; call: IDataObject | undefined; reads: number }> {
	const callId = callToRead(conf, target);
	if (callId === undefined) throw new Error(`No call to read back for "${run.op.name}"`);
	const response = await sendRequest();
	const deadline = Date.now() + timeoutS * 1000;
	let delay = FIRST_DELAY_MS;
	let reads = 0;
	let last: IDataObject | undefined;
	for (;;) {
		last = await readCallIfAny(run, callId);
		reads++;
		if (conf.shows(last)) {
			// Merged: output this call as it stands now (the one read was the other call).
			const call = conf.reads === 'call' || target.callId === undefined ? last : await readCallIfAny(run, target.callId);
			return { response, call, reads };
		}
		if (Date.now() + delay > deadline) break;
		await sleep(delay);
		delay = Math.min(delay * 2, MAX_DELAY_MS);
	}
	throw new NodeOperationError(
		run.ctx.getNode(),
		`GWS accepted "${run.op.name}" but the call did not show it within ${timeoutS} s`,
		{
			itemIndex: run.itemIndex,
			description: `Waited for: ${conf.summary}. Read the call ${reads} times; it shows ${last ? `state ${String(last.state)}, mute ${String(last.mute)}` : 'that it is gone'}. The operation may still complete; raise "Confirmation Timeout" or check the call's state with "Get".`,
		},
	);
}
