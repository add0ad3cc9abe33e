/**
 * Our Genesys GWS Trigger activated inside real n8n-core (test/trigger/harness.ts: Workflow + TriggerContext),
 * with an emit callback that timestamps each item the moment the trigger hands it to n8n.
 */
import axios from 'axios';
import * as http from 'http';
import type { IDataObject, IHttpRequestOptions, ITriggerResponse } from 'n8n-workflow';

import { GenesysGwsTrigger } from '../../nodes/GenesysGwsTrigger/GenesysGwsTrigger.node';
import { createTriggerContext } from '../../test/trigger/harness';

export interface OurTrigger {
	response: ITriggerResponse;
	errors: Error[];
	close(): Promise<void>;
}

export async function startOurTrigger(
	credential: { baseUrl: string; username: string; password: string },
	onItem: (json: IDataObject) => void,
	events: string[] = ['AttachedDataChanged'],
	onBayeuxReply?: (body: string) => void,
	keepAliveBayeux = false,
): Promise<OurTrigger> {
	const errors: Error[] = [];
	const { ctx } = createTriggerContext(
		{ credential, parameters: { events } },
		(data) => {
			for (const item of data.flat()) onItem(item.json);
		},
		(error) => errors.push(error),
	);
	const helpers = ctx.helpers as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
	const original = helpers.httpRequestWithAuthentication;
	let agent: http.Agent | undefined;
	if (keepAliveBayeux) {
		// Diagnostic "what if": Bayeux exchanges over one keep-alive agent (like the raw client) instead of
		// n8n-core's helper, which builds a new http.Agent, so a new TCP connection, for every request.
		agent = new http.Agent({ keepAlive: true });
		const auth = { username: credential.username, password: credential.password };
		const viaHelper = original;
		helpers.httpRequestWithAuthentication = async function (this: unknown, ...args: unknown[]) {
			const opts = args[1] as IHttpRequestOptions;
			if (!String(opts.url).includes('/notifications')) return await viaHelper.apply(this, args);
			const res = await axios.request({
				method: opts.method,
				url: opts.url,
				headers: opts.headers as Record<string, string>,
				data: opts.body,
				auth,
				httpAgent: agent,
				signal: opts.abortSignal,
				timeout: opts.timeout,
				responseType: 'text',
				transformResponse: (x: unknown) => x,
				validateStatus: () => true,
			});
			return { statusCode: res.status, headers: res.headers, body: res.data };
		};
	}
	if (onBayeuxReply) {
		// Sees each Bayeux reply the moment the HTTP layer hands it to our transport (diagnostic probe).
		const inner = helpers.httpRequestWithAuthentication;
		helpers.httpRequestWithAuthentication = async function (this: unknown, ...args: unknown[]) {
			const response = (await inner.apply(this, args)) as { body?: unknown };
			const url = String((args[1] as { url?: string })?.url ?? '');
			if (url.includes('/notifications') && typeof response?.body === 'string') onBayeuxReply(response.body);
			return response;
		};
	}
	const response = await new GenesysGwsTrigger().trigger.call(ctx);
	return {
		response,
		errors,
		close: async () => {
			await response.closeFunction?.();
			agent?.destroy();
		},
	};
}

/** BurstSeq of a burst notification's data (simulator/burst.ts puts it in call.userData). */
export function burstSeq(data: unknown): number | undefined {
	const call = (data as { call?: { userData?: Record<string, unknown> } } | undefined)?.call;
	const seq = call?.userData?.BurstSeq;
	return typeof seq === 'number' ? seq : undefined;
}

export function burstSentAt(data: unknown): number | undefined {
	const sent = (data as { call?: { userData?: Record<string, unknown> } } | undefined)?.call?.userData?.BurstSentAt;
	return typeof sent === 'number' ? sent : undefined;
}
