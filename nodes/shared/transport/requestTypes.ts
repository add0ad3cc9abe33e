/**
 * What a request to GWS is made with and returns: the n8n contexts that may make one, a REST request, a raw
 * exchange (the CometD adapter's long polls) and the session the CometD side joins.
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
