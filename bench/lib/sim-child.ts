/**
 * The GWS simulator in its own process, driven over IPC by the benchmarks (sim-process.ts).
 * Why a child: GWS is a remote server; sharing one event loop with the clients under test would let the
 * server's work (JSON rendering, CometD batching) inflate or hide the client overhead we want to compare.
 * Options come as JSON in BENCH_SIM_OPTIONS (SimulatorOptions; port 0 = pick a free one), plus `usersFile`: the
 * users read from a file by the loader behind the simulator's --users FILE.
 */
import * as fs from 'fs';

import { loadUsersFile, startSimulator } from '../../simulator';
import type { LoggedNotification, LoggedRequest, SimulatorOptions } from '../../simulator/api';

type Request = { id: number; op: string; args?: unknown };

/** A StatusChange to Established of a user's call leg (the moment a call "becomes Established" for that user). */
export interface EstablishedEvent {
	seq: number;
	time: number;
	username: string;
	callId: string;
	callType?: string;
}

/** A POST on one call (/api/v2/me/calls/{id}) as the simulator received it. */
export interface CallPost {
	seq: number;
	time: number;
	username?: string;
	callId: string;
	operationName?: string;
	status: number;
}

function established(log: LoggedNotification[]): EstablishedEvent[] {
	const out: EstablishedEvent[] = [];
	for (const n of log) {
		const call = n.data.call as { id?: string; state?: string; callType?: string } | undefined;
		if (n.data.notificationType !== 'StatusChange' || call?.state !== 'Established' || !call.id) continue;
		out.push({ seq: n.seq, time: n.time, username: n.username, callId: call.id, callType: call.callType });
	}
	return out;
}

const CALL_POST = /^\/api\/v2\/me\/calls\/([^/]+)$/;

function callPosts(log: LoggedRequest[], since: number): { posts: CallPost[]; lastSeq: number } {
	const posts: CallPost[] = [];
	let lastSeq = since;
	for (const r of log) {
		lastSeq = Math.max(lastSeq, r.seq);
		if (r.seq <= since || r.method !== 'POST') continue;
		const m = CALL_POST.exec(r.path);
		if (!m) continue;
		const body = r.body as { operationName?: string } | undefined;
		posts.push({ seq: r.seq, time: r.time, username: r.username, callId: m[1], operationName: body?.operationName, status: r.status });
	}
	return { posts, lastSeq };
}

/**
 * TCP connections held open at the simulator: ESTABLISHED sockets whose local port is its listening port (Linux
 * /proc/net/tcp; a client's own end has an ephemeral port). With no other client connected, each is a long poll.
 */
function openConnections(port: number): number {
	let count = 0;
	for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
		if (!fs.existsSync(file)) continue;
		for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
			const [, local, , state] = line.trim().split(/\s+/);
			if (state === '01' && local && parseInt(local.split(':').pop() ?? '', 16) === port) count++;
		}
	}
	return count;
}

async function main(): Promise<void> {
	const { usersFile, ...options } = JSON.parse(process.env.BENCH_SIM_OPTIONS ?? '{}') as SimulatorOptions & { usersFile?: string };
	const sim = await startSimulator({ port: 0, ...options, ...(usersFile ? { users: loadUsersFile(usersFile) } : {}) });
	const ops: Record<string, (args: never) => unknown> = {
		burst: (a: Parameters<typeof sim.burst>[0]) => sim.burst(a),
		placeInboundCall: (a: Parameters<typeof sim.placeInboundCall>[0]) => sim.placeInboundCall(a),
		calls: (user?: string) => sim.calls(user),
		clearRequests: () => sim.clearRequests(),
		requestCount: () => sim.requests().length,
		cometdSessions: (user?: string) => sim.cometdSessionCount(user),
		stop: () => sim.stop(),
		start: () => sim.start(),
		dropCometdSessions: () => sim.dropCometdSessions(),
		remoteHangup: (callId: string) => sim.remoteHangup(callId),
		clearNotifications: () => sim.clearNotifications(),
		// Compact views of the two logs for the reaction benchmark: only what it matches on, so a long run does
		// not copy every request's headers and body over IPC on each poll.
		establishedSince: (a: { since: number }) => established(sim.notifications({ since: a.since })),
		callPostsSince: (a: { since: number }) => callPosts(sim.requests(), a.since),
		lastRequestSeq: () => sim.requests().reduce((max, r) => Math.max(max, r.seq), 0),
		countRequests: (a: { since: number; method: string; path: string; username?: string }) =>
			sim
				.requests()
				.filter((r) => r.seq > a.since && r.method === a.method && r.path === a.path && (a.username === undefined || r.username === a.username))
				.length,
		openConnections: () => openConnections(sim.port),
		/** The process's memory after a full GC when it can run one (SimProcess starts it with --expose-gc). */
		memory: () => {
			(globalThis as { gc?: () => void }).gc?.();
			return process.memoryUsage();
		},
		/** Users with a CometD session now, of those named (or all). */
		usersWithSession: (a: { users: string[] }) => a.users.filter((u) => sim.cometdSessionCount(u) > 0),
		/** Distinct users with a request of this method and exact path after `since` (a request seq). */
		usersWithRequestSince: (a: { since: number; method: string; path: string }) => [
			...new Set(sim.requests().filter((r) => r.seq > a.since && r.method === a.method && r.path === a.path && r.username).map((r) => r.username!)),
		],
		close: async () => {
			await sim.close();
			setImmediate(() => process.exit(0));
		},
	};
	process.on('message', (msg: Request) => {
		const fn = ops[msg.op];
		Promise.resolve()
			.then(() => {
				if (!fn) throw new Error(`sim-child: unknown op ${msg.op}`);
				return fn(msg.args as never);
			})
			.then(
				(result) => process.send?.({ id: msg.id, result }),
				(error: Error) => process.send?.({ id: msg.id, error: error?.message ?? String(error) }),
			);
	});
	process.on('disconnect', () => process.exit(0));
	process.send?.({ ready: true, url: sim.url, port: sim.port });
}

main().catch((error) => {
	console.error('sim-child failed:', error);
	process.exit(1);
});
