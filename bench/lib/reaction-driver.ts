/**
 * Places VIP calls for the reaction benchmark and measures each one on the simulator's clock: from the
 * StatusChange-to-Established notification the simulator published to the agent, to the SingleStepConference POST
 * the simulator received on that call. The agent's "phone" (a keep-alive GWS client, bench/lib/raw-gws.ts)
 * answers each call, as an agent would, and hangs it up afterwards so that no agent accumulates open calls.
 */
import { setTimeout as sleep } from 'timers/promises';
import { RawGwsClient } from './raw-gws';
import type { CallPost, EstablishedEvent } from './sim-child';
import type { SimProcess } from './sim-process';

const VIP_CALLER = '5557777';
/** How long after the drain time a missed conference may still come and count as late rather than lost. */
const LATE_MS = 20_000;

export interface CallResult {
	agent: string;
	callId: string;
	/** Simulator clock (epoch ms, sub-ms): the Established notification was published. */
	establishedAt?: number;
	/** Simulator clock: the first SingleStepConference POST for this call arrived. */
	conferenceAt?: number;
	reactionMs?: number;
	/** SingleStepConference POSTs seen for the call (more than 1 = duplicated conference). */
	conferences: number;
	error?: string;
}

/** The simulator's logs read incrementally (cursors), so each poll moves only new entries over IPC. */
export class SimLogs {
	private requestSeq = 0;
	private notificationSeq = 0;
	readonly established = new Map<string, EstablishedEvent>();
	/** SingleStepConference POSTs GWS accepted (2xx), per call id, in arrival order. */
	readonly conferences = new Map<string, CallPost[]>();
	/**
	 * SingleStepConference POSTs GWS refused, per call id: e.g. 403 for a session that GWS forgot in a restart,
	 * after which the node renews the session and sends the request again (that retry is not a duplicate).
	 */
	readonly refused = new Map<string, CallPost[]>();

	constructor(private readonly sim: SimProcess) {}

	async poll(): Promise<void> {
		const { posts, lastSeq } = await this.sim.callPostsSince(this.requestSeq);
		this.requestSeq = lastSeq;
		for (const p of posts) {
			if (p.operationName !== 'SingleStepConference') continue;
			const byCall = p.status >= 200 && p.status < 300 ? this.conferences : this.refused;
			const list = byCall.get(p.callId) ?? [];
			list.push(p);
			byCall.set(p.callId, list);
		}
		const events = await this.sim.establishedSince(this.notificationSeq);
		for (const e of events) {
			this.notificationSeq = Math.max(this.notificationSeq, e.seq);
			const key = `${e.username}/${e.callId}`;
			if (!this.established.has(key)) this.established.set(key, e);
		}
	}

	/** Empties the simulator's logs (after a poll), so later polls stay small; cursors keep counting. */
	async trim(): Promise<void> {
		await this.poll();
		await this.sim.clearRequests();
		await this.sim.clearNotifications();
	}

	establishedOf(agent: string, callId: string): EstablishedEvent | undefined {
		return this.established.get(`${agent}/${callId}`);
	}

}

export class AgentPhone {
	readonly client: RawGwsClient;

	constructor(
		private readonly sim: SimProcess,
		readonly username: string,
		password: string,
	) {
		this.client = new RawGwsClient({ baseUrl: sim.url, username, password });
	}

	async login(): Promise<void> {
		await this.client.login();
	}

	/** A VIP call rings this agent and the agent answers it: the simulator publishes StatusChange Established. */
	async placeAnsweredCall(userData: Record<string, unknown> = { VIP: 'true' }): Promise<string> {
		const { callId } = await this.sim.placeInboundCall({ to: this.username, from: VIP_CALLER, userData });
		await this.client.post(`/api/v2/me/calls/${encodeURIComponent(callId)}`, { operationName: 'Answer' });
		return callId;
	}

	/** Ends the call whatever its party count: the agent hangs up, then the caller (errors mean it already ended). */
	async endCall(callId: string): Promise<void> {
		await this.client.post(`/api/v2/me/calls/${encodeURIComponent(callId)}`, { operationName: 'Hangup' }).catch(() => undefined);
		await this.sim.remoteHangup(callId).catch(() => undefined);
	}
}

/** One call at a time: place + answer, wait for the conference POST (or `timeoutMs`), end the call. */
export async function sequentialCall(logs: SimLogs, phone: AgentPhone, timeoutMs: number): Promise<CallResult> {
	const result: CallResult = { agent: phone.username, callId: '', conferences: 0 };
	try {
		result.callId = await phone.placeAnsweredCall();
	} catch (error) {
		result.error = (error as Error).message;
		return result;
	}
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		await logs.poll();
		const est = logs.establishedOf(phone.username, result.callId);
		const posts = logs.conferences.get(result.callId) ?? [];
		if (est && posts.length > 0) {
			result.establishedAt = est.time;
			result.conferenceAt = posts[0].time;
			result.reactionMs = posts[0].time - est.time;
			result.conferences = posts.length;
			break;
		}
		if (performance.now() > deadline) {
			result.establishedAt = est?.time;
			result.error = est ? 'no conference' : 'no Established notification';
			break;
		}
		await sleep(3);
	}
	await phone.endCall(result.callId);
	await logs.trim();
	return result;
}

export interface LoadStepResult {
	ratePerSec: number;
	durationS: number;
	placed: number;
	placeErrors: number;
	conferenced: number;
	/** No conference within the drain time (drainMs after the last call). */
	missed: number;
	/** Of the missed: conferenced later, within LATE_MS more (slow, not lost). */
	late: number;
	duplicated: number;
	reactions: number[];
	/** Calls per second actually placed (the driver may fall behind on a busy machine). */
	achievedRate: number;
}

/**
 * Calls arrive at `ratePerSec` for `durationS` (bounded: ratePerSec × durationS calls), each answered at once;
 * then waits up to `drainMs` after the last call for the conferences, and 1 s more to catch duplicates. With
 * several phones the calls go to them in turn (spread over many agents, one call each at a time).
 */
export async function loadStep(logs: SimLogs, phones: AgentPhone | AgentPhone[], ratePerSec: number, durationS: number, drainMs: number): Promise<LoadStepResult> {
	const list = Array.isArray(phones) ? phones : [phones];
	await logs.trim();
	const count = Math.max(1, Math.round(ratePerSec * durationS));
	const calls: Array<{ id: string; phone: AgentPhone }> = [];
	let placeErrors = 0;
	const pending: Array<Promise<void>> = [];
	const t0 = performance.now();
	let polling = true;
	const poller = (async () => {
		while (polling) {
			await logs.poll();
			await sleep(100);
		}
	})();
	for (let i = 0; i < count; i++) {
		const due = t0 + (i * 1000) / ratePerSec;
		const wait = due - performance.now();
		if (wait > 0) await sleep(wait);
		const phone = list[i % list.length];
		pending.push(
			phone.placeAnsweredCall().then(
				(id) => void calls.push({ id, phone }),
				() => void placeErrors++,
			),
		);
	}
	await Promise.all(pending);
	const placedMs = performance.now() - t0;
	const deadline = performance.now() + drainMs;
	while (performance.now() < deadline && calls.some((c) => !logs.conferences.has(c.id))) await sleep(100);
	await sleep(1000);
	await logs.poll();
	const reactions: number[] = [];
	const isMissed = (c: { id: string; phone: AgentPhone }) => !logs.conferences.has(c.id) || !logs.establishedOf(c.phone.username, c.id);
	const missedIds = new Set(calls.filter(isMissed).map((c) => c.id));
	// Missed within the drain time; wait a while longer to tell a late conference from a lost one.
	const lateDeadline = performance.now() + LATE_MS;
	while (performance.now() < lateDeadline && [...missedIds].some((id) => !logs.conferences.has(id))) await sleep(200);
	polling = false;
	await poller;
	await logs.poll();
	const late = [...missedIds].filter((id) => logs.conferences.has(id)).length;
	let duplicated = 0;
	for (const { id, phone } of calls) {
		const posts = logs.conferences.get(id) ?? [];
		const est = logs.establishedOf(phone.username, id);
		if (posts.length > 0 && est && !missedIds.has(id)) reactions.push(posts[0].time - est.time);
		if (posts.length > 1) duplicated++;
	}
	const missed = missedIds.size;
	// End every call (a few at a time) so the next step starts with idle agents.
	for (let i = 0; i < calls.length; i += 20) await Promise.all(calls.slice(i, i + 20).map((c) => c.phone.endCall(c.id)));
	await sleep(500);
	await logs.trim();
	return {
		ratePerSec,
		durationS,
		placed: calls.length,
		placeErrors,
		conferenced: calls.length - missed,
		missed,
		late,
		duplicated,
		reactions,
		achievedRate: Math.round((count / (placedMs / 1000)) * 10) / 10,
	};
}
