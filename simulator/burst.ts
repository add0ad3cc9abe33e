/** Synthetic notification bursts for the benchmarks (control API POST /simulator/burst). */
import type { BurstOptions } from './api';
import type { CallEngine } from './calls/engine';
import { newCallIds, newLeg, type Call } from './calls/model';
import type { CometdEndpoint } from './cometd';
import type { NotificationHub } from './notificationHub';
import { callStateChange, renderCall } from './notifications';

const CHUNK = 500;

export async function runBurst(
	opts: BurstOptions,
	deps: { engine: CallEngine; hub: NotificationHub; cometd: () => CometdEndpoint; baseUrl: () => string },
): Promise<{ published: number; startedAt: number; endedAt: number }> {
	const user = deps.engine.users.find(opts.user);
	if (!user) throw new Error(`burst.user: unknown user or DN ${JSON.stringify(opts.user)}`);
	if (!Number.isInteger(opts.count) || opts.count < 0) throw new Error(`burst.count must be an integer >= 0 (got ${JSON.stringify(opts.count)})`);
	const rate = opts.ratePerSec ?? 0;
	if (typeof rate !== 'number' || !(rate >= 0)) throw new Error(`burst.ratePerSec must be a number >= 0 (got ${JSON.stringify(opts.ratePerSec)})`);
	const type = opts.notificationType ?? 'AttachedDataChanged';

	// One synthetic Established call carries the burst; userData says which message of the burst this is.
	const call: Call = { ...newCallIds(), parties: [{ dn: user.dn, username: user.username }, { dn: '5550000' }], legs: new Map(), userData: [], createdAt: Date.now() };
	const leg = newLeg(user.username, 'Established', 'Inbound', user.dn);
	const base = deps.baseUrl();
	const startedAt = Date.now();
	let sent = 0;
	const publishUpTo = (due: number) =>
		deps.cometd().batch(user.username, () => {
			for (; sent < due; sent++) {
				call.userData = [['BurstSeq', sent + 1], ['BurstCount', opts.count], ['BurstSentAt', Date.now()]];
				deps.hub.publish(user.username, callStateChange(type, user, renderCall(base, user, call, leg, [])));
			}
		});
	while (sent < opts.count) {
		if (rate === 0) {
			publishUpTo(Math.min(opts.count, sent + CHUNK));
			if (sent < opts.count) await new Promise((r) => setImmediate(r));
		} else {
			const due = Math.min(opts.count, Math.floor(((Date.now() - startedAt) * rate) / 1000) + 1);
			publishUpTo(due);
			if (sent < opts.count) {
				const nextAt = startedAt + (sent * 1000) / rate;
				await new Promise((r) => setTimeout(r, Math.max(1, nextAt - Date.now())));
			}
		}
	}
	return { published: sent, startedAt, endedAt: Date.now() };
}
