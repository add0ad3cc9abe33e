/**
 * Counts a connection's failed exchanges and decides when an outage is LASTING: after `failureAttempts`
 * consecutive failures and `failureAfterMs` without a connection, or at once when GWS refuses the credential or the session even after a new login. A
 * lasting outage is reported once (status 'failed'). The first success after any failure reports 'recovered', with
 * the outage's length, so a log can close every "reconnecting" it opened.
 */
import type { NotificationClientStatus } from './clientOptions';

export class OutageTracker {
	/** Consecutive failed exchanges. */
	failures = 0;
	/** When the current outage began (0 = connected). */
	private downSince = 0;
	private reported = false;

	constructor(
		private readonly limits: { failureAttempts: number; failureAfterMs: number },
		private readonly report: (status: NotificationClientStatus) => void,
		/** The words of the lasting-failure error (they differ before and after the first subscription). */
		private readonly describeLasting: (attempts: string, cause: string) => string,
	) {}

	/**
	 * One more failure; returns the lasting-failure error when this one makes the outage lasting. A stall the
	 * client repairs itself (`canBeLasting` false) counts, but cannot make the outage lasting on its own.
	 */
	failed(cause: string, sessionRefused: boolean, canBeLasting = true): Error | undefined {
		this.failures++;
		if (!this.downSince) this.downSince = Date.now();
		this.report({ state: 'reconnecting', attempt: this.failures, cause });
		if (!canBeLasting) return undefined;
		const lasting =
			sessionRefused ||
			(this.failures >= this.limits.failureAttempts &&
				Date.now() - this.downSince >= this.limits.failureAfterMs);
		return lasting ? this.lasting(cause) : undefined;
	}

	/** Reports the current outage as lasting, once; returns the error (undefined when already reported). */
	lasting(cause: string): Error | undefined {
		if (this.reported) return undefined;
		if (!this.downSince) this.downSince = Date.now();
		this.reported = true;
		const attempts = `${this.failures} attempt${this.failures === 1 ? '' : 's'}`;
		const error = new Error(this.describeLasting(attempts, cause));
		this.report({ state: 'failed', attempt: this.failures, cause, error });
		return error;
	}

	/** Connected again. */
	up(): void {
		if (this.downSince) {
			this.report({ state: 'recovered', downForMs: Date.now() - this.downSince, attempts: this.failures });
		}
		this.failures = 0;
		this.downSince = 0;
		this.reported = false;
	}
}
