/**
 * A GWS notification and the client that delivers them: what both nodes read (the trigger's items, the action
 * node's Wait for Confirmation) and what the CometD adapter (cometd/) implements.
 */
import type { IDataObject } from 'n8n-workflow';

/** A CometD notification as GWS publishes it on /v2/me/calls or /v2/me/devices. */
export interface GwsNotification {
	channel: string;
	data: IDataObject;
}

export interface GwsNotificationClient {
	/** Handshake, subscribe to the channels; resolves once subscribed. */
	start(): Promise<void>;
	/** Every notification, in arrival order. Returns an unsubscribe function. */
	onNotification(listener: (notification: GwsNotification) => void): () => void;
	/**
	 * Resolves with the first notification (received after this call, or buffered since start()) matching the
	 * predicate; rejects with a clear Error after timeoutMs or when the client is stopped.
	 */
	waitFor(predicate: (notification: GwsNotification) => boolean, timeoutMs: number): Promise<GwsNotification>;
	/** Disconnect and release every timer and socket. Idempotent. */
	stop(): Promise<void>;
}
