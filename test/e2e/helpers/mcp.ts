/**
 * The MCP example (examples/ai-call-control-mcp.json) in the real n8n, and an MCP client for it: the
 * `@modelcontextprotocol/sdk` client over Streamable HTTP with the bearer token, no model involved. The suite of
 * checks is shared by the single-process file and the queue-mode file (test/e2e/mcp-tools*.test.ts).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { MCP_PATH } from '../../../scripts/lib/aiExamples';
import { readExample } from '../../../scripts/lib/examples';
import type { Stack } from './stack';

/** The bearer value the suite's MCP clients send: a test fixture, not a secret. */
const MCP_TEST_BEARER = ['e2e', 'mcp', 'bearer'].join('-');

export interface McpWorkflow {
	id: string;
	url: string;
}

/** Creates the trigger's bearer credential, imports the MCP example with the stack's credentials and activates it. */
export async function activateMcpExample(stack: Stack): Promise<McpWorkflow> {
	const name = 'MCP bearer token';
	const { id: bearerId } = await stack.rest.createCredential({ name, type: 'httpBearerAuth', data: { token: MCP_TEST_BEARER } });
	const workflow = readExample('ai-call-control-mcp.json', {
		agent: stack.credential,
		supervisor: stack.supervisorCredential,
		mcpBearer: { id: bearerId, name },
	});
	const created = await stack.rest.createWorkflow(workflow);
	await stack.rest.activateWorkflow(created.id, created.versionId);
	return { id: created.id, url: `${stack.baseUrl}/mcp/${MCP_PATH}` };
}

/** An MCP client connected with `token`; n8n registers a published workflow's webhooks shortly after activation. */
export async function connectMcp(url: string, token = MCP_TEST_BEARER, registerTimeoutMs = 15_000): Promise<Client> {
	const deadline = Date.now() + registerTimeoutMs;
	for (;;) {
		const client = new Client({ name: 'gws-e2e', version: '1.0.0' });
		const transport = new StreamableHTTPClientTransport(new URL(url), {
			requestInit: { headers: { Authorization: `Bearer ${token}` } },
		});
		try {
			await client.connect(transport);
			return client;
		} catch (error) {
			await client.close().catch(() => undefined);
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- test tooling, not node code
			if (!/404|not registered/i.test(String(error)) || Date.now() > deadline) throw error;
			await new Promise((r) => setTimeout(r, 250));
		}
	}
}

export interface ToolResult {
	isError: boolean;
	text: string;
	/**
	 * A tool error's message as the model reads it: n8n answers `<ErrorName>: <message>` when main ran the tool, and
	 * `{"error": {"message", "name"}}` when a worker did (queue mode).
	 */
	errorMessage?: string;
}

function errorMessageOf(text: string): string {
	try {
		const parsed = JSON.parse(text) as { error?: { message?: unknown } };
		if (typeof parsed.error?.message === 'string') return parsed.error.message;
	} catch {
		// not JSON: the direct form
	}
	return text.replace(/^\w+Error: /, '');
}

/** A tool call's result as the model gets it: its text, and whether MCP marks it as an error. */
export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<ToolResult> {
	const result = (await client.callTool({ name, arguments: args })) as { isError?: boolean; content: Array<{ type: string; text?: string }> };
	const text = result.content.map((c) => c.text ?? '').join('\n');
	return { isError: result.isError === true, text, ...(result.isError ? { errorMessage: errorMessageOf(text) } : {}) };
}

/** POSTs GWS received from `user` after `since` (a request-log seq): where and what. */
export function postsSince(stack: Stack, since: number, user?: string): Array<{ path: string; body: unknown }> {
	return stack.sim
		.requests()
		.filter((r) => r.seq > since && r.method === 'POST' && r.path.startsWith('/api/v2/me') && (user === undefined || r.username === user))
		.map((r) => ({ path: r.path, body: r.body }));
}

export const lastSeq = (stack: Stack): number => stack.sim.requests().at(-1)?.seq ?? 0;
