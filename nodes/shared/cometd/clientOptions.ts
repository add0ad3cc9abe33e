/** What a notification client can be told, and what it reports about its connection. */
export type NotificationClientStatus =
	| { state: 'subscribed'; first: boolean }
	| { state: 'reconnecting'; attempt: number; cause: string }
	| { state: 'failed'; attempt: number; cause: string; error: Error }
	/** Connected again after an outage, lasting or not. */
	| { state: 'recovered'; downForMs: number; attempts: number }
	| { state: 'stopped' };

export interface NotificationClientOptions {
	/** Default: ['/v2/me/calls']. */
	channels?: string[];
	/** Connection state changes; 'failed' is the lasting failure to surface (e.g. emitError). */
	onStatus?: (status: NotificationClientStatus) => void;
	/**
	 * After every successful (re)subscription of all channels, and when a failed /meta/connect (whose reply may
	 * have held notifications) is followed by a successful one. Errors thrown here are reported, not fatal.
	 */
	onResubscribed?: (info: { first: boolean }) => void | Promise<void>;
	/** An outage is lasting after this many consecutive failed exchanges... */
	failureAttempts?: number;
	/** ...and this long without a connection (both must hold; a refused credential is lasting at once). */
	failureAfterMs?: number;
	/** Reconnect backoff grows by this much per failure... */
	backoffIncrementMs?: number;
	/** ...up to this cap. */
	maxBackoffMs?: number;
	/** How many recent notifications waitFor() may look back on (0 = none). */
	bufferSize?: number;
	/** How often to check that the /meta/connect loop is alive. */
	watchdogMs?: number;
	/** Where unexpected internal errors go (default: dropped). Never gets credentials. */
	onInternalError?: (error: unknown) => void;
}

/**
 * Defaults for every client. Reconnects start fast (a contact center wants its events back within seconds) and
 * back off to a few seconds; an outage becomes "lasting" (reported once) only after several attempts AND some
 * time, so a GWS restart of a few seconds does not deactivate a workflow. Tests shorten these.
 */
export const NOTIFICATION_CLIENT_DEFAULTS = {
	failureAttempts: 5,
	failureAfterMs: 10_000,
	backoffIncrementMs: 500,
	maxBackoffMs: 5_000,
	bufferSize: 500,
	/** How often to check that the connect loop is alive (see watch()). */
	watchdogMs: 5_000,
};
