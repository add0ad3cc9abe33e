/**
 * The simulator's HTTP(S) listener: listening on a loopback host and port, the open sockets, stop (a GWS restart
 * cuts every connection) and restart on the same port. What a request does is the handler's business (dispatch.ts).
 */
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo, Socket } from 'net';
import { sleep } from './httpUtil';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export interface ListenerOptions {
	/** Always a loopback address; default 127.0.0.1. */
	host?: string;
	/** 0 picks a free port (kept for restarts). */
	port?: number;
	tls?: { key: string; cert: string };
	/** Answers one request; a rejection must already have been answered (dispatch.ts never rejects). */
	handle: (req: http.IncomingMessage, res: http.ServerResponse) => void;
	/** Runs when the listener stops, before the connections are cut (sessions end with them). */
	onStop: () => void;
}

export class HttpListener {
	private readonly host: string;
	private server?: http.Server;
	private readonly sockets = new Set<Socket>();
	private currentPort: number;

	constructor(private readonly options: ListenerOptions) {
		this.host = options.host ?? '127.0.0.1';
		if (!LOOPBACK_HOSTS.has(this.host)) {
			throw new Error(`Simulator host '${this.host}' is not a loopback address; use 127.0.0.1, ::1 or localhost`);
		}
		this.currentPort = options.port ?? 0;
	}

	get port(): number {
		return this.currentPort;
	}

	get url(): string {
		const scheme = this.options.tls ? 'https' : 'http';
		const host = this.host.includes(':') ? `[${this.host}]` : this.host;
		return `${scheme}://${host}:${this.currentPort}`;
	}

	async start(): Promise<void> {
		if (this.server) return;
		const { tls, handle } = this.options;
		const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, handle) : http.createServer(handle);
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.currentPort, this.host, () => {
				server.off('error', reject);
				resolve();
			});
		});
		this.currentPort = (server.address() as AddressInfo).port;
		this.server = server;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		this.options.onStop();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
		await closed;
	}

	/** stop(), `downMs` of outage, start() on the same port (retried for a few seconds while the port is busy). */
	async restart(downMs = 0): Promise<void> {
		await this.stop();
		if (downMs > 0) await sleep(downMs);
		for (let attempt = 1; ; attempt++) {
			const failure = await this.start().then(
				() => undefined,
				(error: NodeJS.ErrnoException) => error,
			);
			if (!failure) return;
			if (failure.code !== 'EADDRINUSE' || attempt >= 20) throw failure;
			await sleep(250);
		}
	}
}
