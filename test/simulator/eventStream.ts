/** A real server-sent-event client of the console's live feed (GET /simulator/events), for the console tests. */
import * as http from 'http';
import { sleep } from './helpers';

export interface StreamEvent {
	event: string;
	data: any;
}

/** A real server-sent-event client over node:http, parsing `event:`/`data:` frames as EventSource does. */
export class EventStream {
	static readonly open = new Set<EventStream>();
	static async closeAll(): Promise<void> {
		for (const stream of [...EventStream.open]) stream.close();
		await sleep(20);
	}

	readonly events: StreamEvent[] = [];
	status = 0;
	headers: http.IncomingHttpHeaders = {};
	private request?: http.ClientRequest;
	private buffer = '';

	connect(url: string): Promise<void> {
		EventStream.open.add(this);
		return new Promise((resolve, reject) => {
			this.request = http.get(`${url}/simulator/events`, { agent: false }, (res) => {
				this.status = res.statusCode ?? 0;
				this.headers = res.headers;
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => this.receive(chunk));
				res.on('error', () => undefined);
				resolve();
			});
			this.request.on('error', reject);
		});
	}

	private receive(chunk: string): void {
		this.buffer += chunk;
		let end: number;
		while ((end = this.buffer.indexOf('\n\n')) >= 0) {
			const frame = this.buffer.slice(0, end);
			this.buffer = this.buffer.slice(end + 2);
			let event = 'message';
			const data: string[] = [];
			for (const line of frame.split('\n')) {
				if (line.startsWith('event: ')) event = line.slice(7);
				else if (line.startsWith('data: ')) data.push(line.slice(6));
			}
			if (data.length) this.events.push({ event, data: JSON.parse(data.join('\n')) });
		}
	}

	async waitFor(predicate: (e: StreamEvent) => boolean, what: string, timeoutMs = 5000): Promise<StreamEvent> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = this.events.find(predicate);
			if (found) return found;
			if (Date.now() > deadline) throw new Error(`no event ${what} within ${timeoutMs} ms; got ${this.events.map((e) => e.event).join(', ')}`);
			await sleep(20);
		}
	}

	close(): void {
		EventStream.open.delete(this);
		this.request?.destroy();
	}
}
