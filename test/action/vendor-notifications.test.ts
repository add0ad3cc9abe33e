/**
 * Wait for Confirmation against GWS's documented notifications, replayed verbatim from the vendor pages
 * (test/simulator/fixtures): GWS accepts the request (the simulator is told to answer {"statusCode":0} and do
 * nothing), then the page's CometD notification is published exactly as printed, and it must confirm the operation.
 */
import type { IDataObject } from 'n8n-workflow';

import muteCall from '../simulator/fixtures/CallsMuteCall.json';
import sendDtmf from '../simulator/fixtures/CallsSendDTMF.json';
import unmuteCall from '../simulator/fixtures/CallsUnmuteCall.json';
import muteMonitoredUser from '../simulator/fixtures/SupervisorMuteMonitoredUser.json';
import switchToBargeIn from '../simulator/fixtures/SupervisorSwitchToBargeIn.json';
import switchToListenIn from '../simulator/fixtures/SupervisorSwitchToListenIn.json';
import unmuteMonitoredUser from '../simulator/fixtures/SupervisorUnmuteMonitoredUser.json';
import { callRef, runNode } from '../helpers/n8n';
import { useSimulator } from '../helpers/simulator';
import { agent1, eventually, supervisor1 } from './setup';

const sim = useSimulator();

interface Page {
	requests: IDataObject[];
	notifications: Array<{ channel: string; data: IDataObject }>;
}

const CASES: Array<[string, string, Page, 'agent1' | 'supervisor1', IDataObject]> = [
	['call', 'muteCall', muteCall, 'agent1', {}],
	['call', 'unmuteCall', unmuteCall, 'agent1', {}],
	['call', 'sendDtmf', sendDtmf, 'agent1', { digits: '5' }],
	['supervisor', 'switchToBargeIn', switchToBargeIn, 'supervisor1', {}],
	['supervisor', 'switchToListenIn', switchToListenIn, 'supervisor1', {}],
	['supervisor', 'muteMonitoredUser', muteMonitoredUser, 'supervisor1', {}],
	['supervisor', 'unmuteMonitoredUser', unmuteMonitoredUser, 'supervisor1', {}],
];

it.each(CASES)('%s %s: confirmed by the page\'s notification, replayed verbatim', async (resource, operation, page, user, extra) => {
	const notification = page.notifications[0];
	const callId = String((notification.data.call as IDataObject).id);
	sim.injectFault({ count: 1, status: 200, body: { statusCode: 0 }, pathPrefix: `/api/v2/me/calls/${callId}`, method: 'POST' });
	const running = runNode({
		credential: user === 'agent1' ? agent1(sim) : supervisor1(sim),
		parameters: { resource, operation, callId: callRef(callId), ...extra, options: { waitForConfirmation: true, confirmationTimeout: 60 } },
	});
	await eventually(() => sim.pendingFaults().length, (n) => n === 0, 10_000);
	sim.replayNotification(user, notification as { channel: string; data: Record<string, unknown> });
	const result = await running;
	expect(result.status).toBe('success');
	expect(result.items[0]).toMatchObject({ confirmed: true, notification: { notificationType: notification.data.notificationType }, call: notification.data.call });
	// The request GWS received is the page's.
	const sent = sim.requests().filter((r) => r.method === 'POST' && r.path === `/api/v2/me/calls/${callId}`);
	expect(sent.map((r) => r.body)).toEqual(page.requests);
});
