/**
 * The README's generated sections are rendered from the nodes' own declarations, so the docs cannot drift: the
 * operation table from the action node's operation table, the events table from the trigger's events, the AI tool
 * table from the operations' tool descriptions and the parameters' hints for a model, the demo recipes from the list
 * the demo prints (scripts/lib/recipes.ts). After changing one: `UPDATE_README=1 npx jest test/readme.test.ts`
 * rewrites the sections.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderOperationsMarkdown } from '../scripts/lib/operationsMarkdown';
import { renderToolsMarkdown } from '../scripts/lib/toolsMarkdown';
import { renderRecipesMarkdown } from '../scripts/lib/recipes';
import { renderTriggerEventsMarkdown } from '../scripts/lib/triggerEventsMarkdown';

const README = path.resolve(__dirname, '../README.md');

const SECTIONS = [
	{
		name: 'operation table',
		start: '<!-- operations:start (generated from nodes/GenesysGws/actions/operations.ts) -->',
		end: '<!-- operations:end -->',
		render: renderOperationsMarkdown,
	},
	{
		name: 'trigger events table',
		start: '<!-- events:start (generated from nodes/GenesysGwsTrigger/events.ts) -->',
		end: '<!-- events:end -->',
		render: renderTriggerEventsMarkdown,
	},
	{
		name: 'AI tool table',
		start: '<!-- tools:start (generated from the toolDescription and forModel of the operation and parameter records) -->',
		end: '<!-- tools:end -->',
		render: renderToolsMarkdown,
	},
	{
		name: 'demo recipes',
		start: '<!-- recipes:start (generated from scripts/lib/recipes.ts) -->',
		end: '<!-- recipes:end -->',
		render: renderRecipesMarkdown,
	},
];

test.each(SECTIONS.map((s) => [s.name, s] as const))('README %s equals the one the node is built from', (_name, section) => {
	const text = fs.readFileSync(README, 'utf8');
	const from = text.indexOf(section.start);
	const to = text.indexOf(section.end);
	expect(from).toBeGreaterThan(-1);
	expect(to).toBeGreaterThan(from);
	const expected = `${section.start}\n${section.render()}${section.end}`;
	if (process.env.UPDATE_README) {
		fs.writeFileSync(README, text.slice(0, from) + expected + text.slice(to + section.end.length));
		return;
	}
	expect(text.slice(from, to + section.end.length)).toBe(expected);
});
