/**
 * Stall watchdog for one CometD connection. Long polling always has a request in flight, or is waiting out a
 * backoff (at most maxBackoffMs). Nothing in flight for longer means cometd.js stopped its loop (e.g. it threw on a
 * reply it could not handle, or a /meta/connect reply did not match): the client then disconnects and handshakes
 * again, which also resubscribes.
 */
import type { CometD } from 'cometd';

export class StallWatchdog {
	/** When the last Bayeux exchange ended. */
	private lastExchangeAt = Date.now();
	private unstalling = false;

	constructor(
		private readonly limits: { watchdogMs: number; maxBackoffMs: number },
		/** The exchanges cometd.js has in flight (the client's set). */
		private readonly inFlight: ReadonlySet<unknown>,
		/** A timer the client clears when it stops. */
		private readonly later: (ms: number, fn: () => void) => void,
		/** Counts the stall as a failure the client repairs itself. */
		private readonly onStall: (cause: string) => void,
		private readonly isStopped: () => boolean,
	) {}

	/** Call when a Bayeux exchange ends (successful or not). */
	exchanged(): void {
		this.lastExchangeAt = Date.now();
	}

	/** Checks every watchdogMs until the client stops. */
	watch(cometd: CometD): void {
		this.later(this.limits.watchdogMs, () => {
			const idleMs = Date.now() - this.lastExchangeAt;
			if (
				!this.unstalling &&
				!cometd.isDisconnected() &&
				this.inFlight.size === 0 &&
				// (a server may also ask for a pause between polls: advice.interval)
				idleMs > this.limits.maxBackoffMs + (cometd.getAdvice().interval ?? 0) + this.limits.watchdogMs
			) {
				this.unstall(cometd, idleMs);
			}
			this.watch(cometd);
		});
	}

	private unstall(cometd: CometD, idleMs: number): void {
		this.unstalling = true;
		this.onStall(`the notification connection stalled (no request for ${idleMs} ms); connecting again`);
		cometd.disconnect(() => {
			this.unstalling = false;
			if (!this.isStopped() && cometd.isDisconnected()) cometd.handshake();
		});
	}
}
