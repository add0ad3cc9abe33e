/**
 * A minimal MCP client for the MCP example (examples/ai-call-control-mcp.json), no model involved: lists the tools
 * n8n's MCP Server Trigger exposes, or calls one. Uses the `@modelcontextprotocol/sdk` client over Streamable HTTP
 * with a bearer token, as test/e2e/mcp-tools.test.ts does.
 *
 *   npm run -s mcp -- <endpoint URL> <token>                       list the tools (name, description, arguments)
 *   npm run -s mcp -- <endpoint URL> <token> hold_call '{"callId":"..."}'   call one, print its result
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

async function main(): Promise<void> {
	const [url, token, tool, args] = process.argv.slice(2);
	if (!url || !token) {
		process.stderr.write('usage: npm run -s mcp -- <endpoint URL> <token> [tool] [JSON arguments]\n');
		process.exit(2);
	}
	const client = new Client({ name: 'gws-mcp-client', version: '1.0.0' });
	await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
	try {
		if (!tool) {
			const { tools } = await client.listTools();
			for (const t of tools) {
				const params = Object.entries((t.inputSchema.properties ?? {}) as Record<string, { description?: string }>);
				process.stdout.write(`${t.name}: ${t.description ?? ''}\n`);
				for (const [name, schema] of params) process.stdout.write(`    ${name}: ${schema.description ?? ''}\n`);
			}
			return;
		}
		const result = await client.callTool({ name: tool, arguments: JSON.parse(args ?? '{}') as Record<string, unknown> });
		process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
	} finally {
		await client.close();
	}
}

main().catch((error: Error) => {
	process.stderr.write(`mcp client: ${error.message}\n`);
	process.exit(1);
});
