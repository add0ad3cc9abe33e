/** Where every notification goes: queued while paused, otherwise delivered to the user's CometD sessions. */
import type { CometdEndpoint } from './cometd';
import type { Notification } from './notifications';

export class NotificationHub {
	private paused = false;
	private queue: Array<{ username: string; notification: Notification }> = [];
	/** How many notifications were published (GET /simulator/status). */
	published = 0;

	constructor(private readonly cometd: () => CometdEndpoint) {}

	publish(username: string, notification: Notification): void {
		this.published++;
		if (this.paused) {
			this.queue.push({ username, notification });
			return;
		}
		this.cometd().deliver(username, notification);
	}

	pause(): void {
		this.paused = true;
	}

	/** Delivers the queued notifications in order (or drops them with deliver=false). */
	resume(deliver = true): void {
		this.paused = false;
		const queued = this.queue;
		this.queue = [];
		if (deliver) for (const q of queued) this.cometd().deliver(q.username, q.notification);
	}

	get isPaused(): boolean {
		return this.paused;
	}

	clear(): void {
		this.paused = false;
		this.queue = [];
	}
}
