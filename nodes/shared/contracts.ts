/**
 * Interfaces shared by both nodes, the transport (transport/: REST and raw exchanges) and the CometD adapter
 * (cometd/: GwsNotificationClient). Kept in one file so every side builds against the same names.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	ITriggerFunctions,
} from 'n8n-workflow';

/** Any n8n context that can make authenticated requests with the `genesysGwsApi` credential. */
export type GwsContext = IExecuteFunctions | ITriggerFunctions | ILoadOptionsFunctions;

export interface GwsRequestOptions {
	method: IHttpRequestMethods;
	/** Path from the server root, e.g. `/api/v2/me/calls/ABC` (ids already URL-encoded by the caller's helper). */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	timeoutMs?: number;
	/** For error messages and paired items. */
	itemIndex?: number;
	abortSignal?: AbortSignal;
}

/** What the CometD side needs to join the REST session (cookie jar + CSRF), never logged. */
export interface GwsSessionInfo {
	/** e.g. https://gws.example.com (no trailing slash, no /api/v2). */
	baseUrl: string;
	/** `Cookie` header value carrying JSESSIONID (and any other cookies GWS set). */
	cookieHeader: string;
	/** Name of the CSRF header GWS asked for (X-CSRF-HEADER), when CSRF is on. */
	csrfHeaderName?: string;
	csrfToken?: string;
}

/** One raw HTTP exchange through n8n's helpers with the credential's auth, TLS option, cookie and CSRF. */
export interface GwsRawRequest {
	method: IHttpRequestMethods;
	/** Absolute URL. */
	url: string;
	body?: string;
	headers?: Record<string, string>;
	timeoutMs?: number;
	abortSignal?: AbortSignal;
}
export interface GwsRawResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

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

export type { IDataObject };
