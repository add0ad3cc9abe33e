/** Parent side of sim-child.ts: starts the simulator in a child process and calls its API over IPC. */
import { fork, type ChildProcess } from 'child_process';
import * as path from 'path';

import type { BurstOptions, SimCallSnapshot, SimulatorOptions } from '../../simulator/api';
import type { CallPost, EstablishedEvent } from './sim-child';

export class SimProcess {
	private nextId = 1;
	private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
	) {
		child.on('message', (msg: { id?: number; result?: unknown; error?: string }) => {
			if (msg.id === undefined) return;
			const p = this.pending.get(msg.id);
			if (!p) return;
			this.pending.delete(msg.id);
			if (msg.error !== undefined) p.reject(new Error(msg.error));
			else p.resolve(msg.result);
		});
		child.on('exit', () => {
			for (const p of this.pending.values()) p.reject(new Error('simulator process exited'));
			this.pending.clear();
		});
	}

	/** `usersFile`: the simulator's users from a file (the loader behind its --users FILE). */
	static async start(options: SimulatorOptions & { usersFile?: string } = {}): Promise<SimProcess> {
		// A benchmark tool, not node code: the simulator runs in its own process on purpose.
		const child = fork(path.join(__dirname, 'sim-child.ts'), [], {
			execArgv: ['--expose-gc', '-r', 'ts-node/register/transpile-only'],
			env: { ...process.env, BENCH_SIM_OPTIONS: JSON.stringify(options), TS_NODE_TRANSPILE_ONLY: 'true' },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		const url = await new Promise<string>((resolve, reject) => {
			const onExit = (code: number) => reject(new Error(`simulator process exited with ${code} before it was ready`));
			child.once('exit', onExit);
			child.once('message', (msg: { ready?: boolean; url?: string }) => {
				child.off('exit', onExit);
				if (msg.ready && msg.url) resolve(msg.url);
				else reject(new Error('simulator process sent no URL'));
			});
		});
		return new SimProcess(child, url);
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	call<T>(op: string, args?: unknown): Promise<T> {
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			this.child.send({ id, op, args });
		});
	}

	burst(opts: BurstOptions) {
		return this.call<{ published: number; startedAt: number; endedAt: number }>('burst', opts);
	}
	placeInboundCall(opts: { to: string; from: string; userData?: Record<string, unknown> }) {
		return this.call<{ callId: string }>('placeInboundCall', opts);
	}
	calls(user?: string) {
		return this.call<SimCallSnapshot[]>('calls', user);
	}
	cometdSessions(user?: string) {
		return this.call<number>('cometdSessions', user);
	}
	stop() {
		return this.call<void>('stop');
	}
	start() {
		return this.call<void>('start');
	}
	clearRequests() {
		return this.call<void>('clearRequests');
	}
	clearNotifications() {
		return this.call<void>('clearNotifications');
	}
	remoteHangup(callId: string) {
		return this.call<void>('remoteHangup', callId);
	}
	lastRequestSeq() {
		return this.call<number>('lastRequestSeq');
	}
	/** How many requests with this method and exact path (and user) arrived after `since`. */
	countRequests(filter: { since: number; method: string; path: string; username?: string }) {
		return this.call<number>('countRequests', filter);
	}
	/** StatusChange-to-Established notifications published after `since` (a notification seq). */
	establishedSince(since: number) {
		return this.call<EstablishedEvent[]>('establishedSince', { since });
	}
	/** POSTs on single calls received after `since` (a request seq), and the last request seq seen. */
	callPostsSince(since: number) {
		return this.call<{ posts: CallPost[]; lastSeq: number }>('callPostsSince', { since });
	}

	/** The simulator process's memory (bytes) after a full GC. */
	memory() {
		return this.call<NodeJS.MemoryUsage>('memory');
	}

	/** TCP connections held open at the simulator (its listening port). */
	openConnections() {
		return this.call<number>('openConnections');
	}
	usersWithSession(users: string[]) {
		return this.call<string[]>('usersWithSession', { users });
	}
	usersWithRequestSince(filter: { since: number; method: string; path: string }) {
		return this.call<string[]>('usersWithRequestSince', filter);
	}

	async close(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
		await this.call('close').catch(() => undefined);
		const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
		await exited;
		clearTimeout(timer);
	}
}
