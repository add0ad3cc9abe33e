/**
 * Wait for Confirmation where GWS documents no notification: send, then read the call (or the user's devices) back
 * until it shows the effect (confirmations.ts, `readBack`). Reads start fast and slow down (50 ms doubling to 500 ms), so a quick
 * effect is seen quickly and a slow one does not flood GWS.
 */
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { callIdFromReference } from '../../shared/callReference';
import type { ConfirmationTarget, ReadBackConfirmation } from './confirmations';
import { readCallIfAny } from './gwsReads';
import { sendForItem, type ItemRun } from './itemRequests';
import { outputOf, readRequest } from './requestKinds';

const FIRST_DELAY_MS = 50;
const MAX_DELAY_MS = 500;

function callToRead(conf: ReadBackConfirmation, target: ConfirmationTarget): string | undefined {
	if (conf.reads === 'call') return target.callId;
	const other = target.values.otherCallUri;
	return typeof other === 'string' ? callIdFromReference(other) : undefined;
}

/** The devices as GWS lists them now: read anew each time (not the item's cached read). */
async function readDevicesNow(run: ItemRun): Promise<IDataObject> {
	return { devices: outputOf('getDevices', await sendForItem(run, readRequest('getDevices'))) };
}

export async function sendAndReadBack(
	run: ItemRun,
	conf: ReadBackConfirmation,
	target: ConfirmationTarget,
	timeoutS: number,
	sendRequest: () => Promise<IDataObject>,
): Promise<{ response: IDataObject; call?: IDataObject; devices?: IDataObject[]; reads: number }> {
	const callId = conf.reads === 'devices' ? undefined : callToRead(conf, target);
	if (callId === undefined && conf.reads !== 'devices') throw new Error(`No call to read back for "${run.op.name}"`);
	const read = async () => (callId === undefined ? await readDevicesNow(run) : await readCallIfAny(run, callId));
	const response = await sendRequest();
	const deadline = Date.now() + timeoutS * 1000;
	let delay = FIRST_DELAY_MS;
	let reads = 0;
	let last: IDataObject | undefined;
	for (;;) {
		last = await read();
		reads++;
		if (conf.shows(last)) {
			if (conf.reads === 'devices') return { response, devices: last?.devices as IDataObject[], reads };
			// Merged: output this call as it stands now (the one read was the other call).
			const call = conf.reads === 'call' || target.callId === undefined ? last : await readCallIfAny(run, target.callId);
			return { response, call, reads };
		}
		if (Date.now() + delay > deadline) break;
		await sleep(delay);
		delay = Math.min(delay * 2, MAX_DELAY_MS);
	}
	const what = conf.reads === 'devices' ? 'the device' : 'the call';
	const shown =
		conf.reads === 'devices'
			? `userState ${JSON.stringify((last?.devices as IDataObject[] | undefined)?.map((d) => (d.userState as IDataObject | undefined)?.state))}`
			: last
				? `state ${String(last.state)}, mute ${String(last.mute)}`
				: 'that it is gone';
	throw new NodeOperationError(
		run.ctx.getNode(),
		`GWS accepted "${run.op.name}" but ${what} did not show it within ${timeoutS} s`,
		{
			itemIndex: run.itemIndex,
			description: `Waited for: ${conf.summary}. Read ${what} ${reads} times; it shows ${shown}. The operation may still complete; raise "Confirmation Timeout" or check the state with "Get".`,
		},
	);
}
