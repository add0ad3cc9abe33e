/**
 * A real HTTP proxy in front of the simulator that can break the network the way production networks break:
 * reset a connection half-way through a response, drop a held CometD long poll, or rewrite a Bayeux reply
 * (malformed messages). Everything else is forwarded byte for byte, headers included (cookies, auth).
 */
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';

export interface ProxiedRequest {
	method: string;
	url: string;
	body: string;
}

export type ProxyAction =
	| { kind: 'pass' }
	/** Forward, then send the status line, headers and half the body, and destroy the socket. */
	| { kind: 'resetMidResponse' }
	/** Forward, then replace the reply body (status and other headers kept; length recomputed). */
	| { kind: 'rewrite'; body: (original: string) => string }
	/** Destroy the client's connection at once, forwarding nothing. */
	| { kind: 'reset' }
	/** Answer without forwarding (e.g. 401 for a credential GWS no longer accepts). */
	| { kind: 'respond'; status: number; body: string };

const PASS: ProxyAction = { kind: 'pass' };

export class FaultyProxy {
	private server?: http.Server;
	private readonly sockets = new Set<Socket>();
	private port = 0;
	/** Decides per request; default forwards everything. */
	decide: (req: ProxiedRequest) => ProxyAction = () => PASS;
	/** How many times each action other than pass was applied (and 'drop' for each poll dropHeldPolls() cut). */
	readonly applied: Record<string, number> = {};
	/** Long polls (/meta/connect) forwarded and not answered yet: the ones the server may be holding. */
	private readonly pendingPolls = new Set<() => void>();

	constructor(private readonly targetPort: number) {}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async start(): Promise<void> {
		const server = http.createServer((req, res) => void this.handle(req, res));
		server.on('connection', (s: Socket) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
		await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
		this.port = (server.address() as AddressInfo).port;
		this.server = server;
	}

	/** How many long polls are forwarded and not answered yet. */
	get heldPolls(): number {
		return this.pendingPolls.size;
	}

	/** Drops every long poll waiting for its reply, as a network that kills idle connections: both sockets die. */
	dropHeldPolls(): number {
		const drops = [...this.pendingPolls];
		this.pendingPolls.clear();
		for (const drop of drops) drop();
		this.applied.drop = (this.applied.drop ?? 0) + drops.length;
		return drops.length;
	}

	async close(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server) return;
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const s of this.sockets) s.destroy();
		await closed;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const body = Buffer.concat(chunks);
		const action = this.decide({ method: req.method ?? 'GET', url: req.url ?? '/', body: body.toString('utf8') });
		if (action.kind !== 'pass') this.applied[action.kind] = (this.applied[action.kind] ?? 0) + 1;

		if (action.kind === 'reset') {
			req.socket.destroy();
			return;
		}
		if (action.kind === 'respond') {
			res.writeHead(action.status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(action.body) });
			res.end(action.body);
			return;
		}
		const headers = { ...req.headers, host: `127.0.0.1:${this.targetPort}` };
		const upstream = http.request({ host: '127.0.0.1', port: this.targetPort, method: req.method, path: req.url, headers });
		const drop = () => {
			upstream.destroy();
			req.socket.destroy();
		};
		const poll = (req.url ?? '').startsWith('/api/v2/notifications') && body.includes('/meta/connect');
		if (poll) this.pendingPolls.add(drop);
		const settled = () => this.pendingPolls.delete(drop);
		upstream.on('error', () => {
			settled();
			if (!res.headersSent) req.socket.destroy();
		});
		upstream.on('response', async (reply) => {
			const parts: Buffer[] = [];
			try {
				for await (const chunk of reply) parts.push(chunk as Buffer);
			} catch {
				settled();
				req.socket.destroy();
				return;
			}
			settled();
			if (req.socket.destroyed) return;
			let payload = Buffer.concat(parts);
			const replyHeaders = { ...reply.headers };
			delete replyHeaders['transfer-encoding'];
			if (action.kind === 'rewrite') payload = Buffer.from(action.body(payload.toString('utf8')), 'utf8');
			replyHeaders['content-length'] = String(payload.length);
			res.writeHead(reply.statusCode ?? 502, replyHeaders);
			if (action.kind === 'resetMidResponse') {
				res.write(payload.subarray(0, Math.max(1, Math.floor(payload.length / 2))));
				// Let the half reach the client before the connection dies.
				setTimeout(() => req.socket.destroy(), 20);
				return;
			}
			res.end(payload);
		});
		upstream.end(body);
	}
}
