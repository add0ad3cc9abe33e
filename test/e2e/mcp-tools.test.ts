/**
 * The MCP example in the real n8n (one process, SQLite) with the packed package, an MCP client (no model) and the
 * simulator: the tools listed, each one called, bad arguments, an unexposed tool, a wrong token
 * (helpers/mcp-suite.ts). Here n8n runs a tool call in the main process while it answers the MCP request.
 */
import { mcpSuite } from './helpers/mcp-suite';

mcpSuite({ queue: false });
