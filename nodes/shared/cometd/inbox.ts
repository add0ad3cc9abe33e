/**
 * Where a client's notifications go: to every listener, in arrival order, and to the first waiter whose predicate
 * matches. A recent-notification buffer lets waitFor() also match what arrived since start() (Wait for
 * Confirmation subscribes before sending, so the confirmation may arrive before anybody waits).
 */
import type { GwsNotification } from '../notification';

interface Waiter {
	predicate: (n: GwsNotification) => boolean;
	resolve: (n: GwsNotification) => void;
	reject: (e: Error) => void;
	timer: ReturnType<typeof setTimeout>;
}

function safeMatch(predicate: (n: GwsNotification) => boolean, n: GwsNotification): boolean {
	try {
		return predicate(n);
	} catch {
		return false;
	}
}

export class NotificationInbox {
	private readonly listeners = new Set<(n: GwsNotification) => void>();
	private readonly waiters = new Set<Waiter>();
	private readonly buffer: GwsNotification[] = [];

	constructor(
		/** How many recent notifications waitFor() may look back on (0 = none). */
		private readonly bufferSize: number,
		/** Errors thrown by listeners: reported, never rethrown into the CometD library. */
		private readonly onListenerError: (error: unknown) => void,
	) {}

	onNotification(listener: (notification: GwsNotification) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** `describeTimeout` words the rejection (it knows the channels and the endpoint). */
	waitFor(
		predicate: (n: GwsNotification) => boolean,
		timeoutMs: number,
		describeTimeout: () => string,
	): Promise<GwsNotification> {
		const index = this.buffer.findIndex((n) => safeMatch(predicate, n));
		if (index >= 0) return Promise.resolve(this.buffer.splice(index, 1)[0]);
		return new Promise((resolve, reject) => {
			const waiter: Waiter = {
				predicate,
				resolve,
				reject,
				timer: setTimeout(() => {
					this.waiters.delete(waiter);
					reject(new Error(describeTimeout()));
				}, timeoutMs),
			};
			this.waiters.add(waiter);
		});
	}

	deliver(notification: GwsNotification): void {
		let consumed = false;
		for (const waiter of this.waiters) {
			if (safeMatch(waiter.predicate, notification)) {
				clearTimeout(waiter.timer);
				this.waiters.delete(waiter);
				waiter.resolve(notification);
				// A notification confirms one waiter (it still goes to the listeners below).
				consumed = true;
				break;
			}
		}
		if (this.bufferSize > 0 && !consumed) {
			this.buffer.push(notification);
			if (this.buffer.length > this.bufferSize) this.buffer.shift();
		}
		for (const listener of this.listeners) {
			try {
				listener(notification);
			} catch (e) {
				this.onListenerError(e);
			}
		}
	}

	/** Rejects every waiter with `reason` and forgets listeners and the buffer. */
	close(reason: string): void {
		for (const waiter of this.waiters) {
			clearTimeout(waiter.timer);
			waiter.reject(new Error(reason));
		}
		this.waiters.clear();
		this.buffer.length = 0;
		this.listeners.clear();
	}
}
