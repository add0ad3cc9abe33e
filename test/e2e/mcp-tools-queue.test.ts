/**
 * The MCP example in queue mode (main + two workers, PostgreSQL, Redis): main holds the MCP session and enqueues
 * each tool call as an execution that a worker runs (n8n 2.41 webhooks/webhook-helpers.js marks it isMcpExecution,
 * scaling/job-processor.js invokes the tool and relays the result to main). The same checks as mcp-tools.test.ts.
 */
import { mcpSuite } from './helpers/mcp-suite';

mcpSuite({ queue: true });
