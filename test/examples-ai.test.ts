/**
 * The AI example workflows are rendered from the node's declarations (scripts/lib/aiExamples.ts): the tool nodes'
 * `$fromAI()` hints from the parameter records, the curated operations from the operation table. After changing
 * either: `UPDATE_EXAMPLES=1 npx jest test/examples-ai.test.ts` rewrites the files. The real n8n runs the MCP one
 * in test/e2e/mcp-tools.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';

import { AI_EXAMPLES, CURATED_TOOLS, TOOL_TYPE } from '../scripts/lib/aiExamples';

const EXAMPLES = path.resolve(__dirname, '../examples');

test.each(Object.entries(AI_EXAMPLES))('examples/%s equals the one rendered from the declarations', (file, render) => {
	const expected = `${JSON.stringify(render(), null, 2)}\n`;
	const target = path.join(EXAMPLES, file);
	if (process.env.UPDATE_EXAMPLES) fs.writeFileSync(target, expected);
	expect(fs.readFileSync(target, 'utf8')).toBe(expected);
});

test.each(Object.entries(AI_EXAMPLES))('%s: every curated tool, connected as a tool, and no other Genesys node', (_file, render) => {
	const workflow = render();
	const genesys = workflow.nodes.filter((n) => String(n.type).startsWith('n8n-nodes-genesys-gws.'));
	expect(genesys.map((n) => n.name)).toEqual(CURATED_TOOLS.map((t) => t.name));
	expect(genesys.every((n) => n.type === TOOL_TYPE)).toBe(true);
	for (const tool of CURATED_TOOLS) expect(Object.keys(workflow.connections[tool.name] as object)).toEqual(['ai_tool']);
});
