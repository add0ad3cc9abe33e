/**
 * The README's operation table is rendered from the node's operation table, so the docs cannot drift.
 * After changing an operation: `UPDATE_README=1 npx jest test/readme.test.ts` rewrites the section.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderOperationsMarkdown } from '../scripts/lib/operationsMarkdown';

const README = path.resolve(__dirname, '../README.md');
const START = '<!-- operations:start (generated from nodes/GenesysGws/actions/operations.ts) -->';
const END = '<!-- operations:end -->';

test('README operation table equals the one the node is built from', () => {
	const text = fs.readFileSync(README, 'utf8');
	const from = text.indexOf(START);
	const to = text.indexOf(END);
	expect(from).toBeGreaterThan(-1);
	expect(to).toBeGreaterThan(from);
	const expected = `${START}\n${renderOperationsMarkdown()}${END}`;
	if (process.env.UPDATE_README) {
		fs.writeFileSync(README, text.slice(0, from) + expected + text.slice(to + END.length));
		return;
	}
	expect(text.slice(from, to + END.length)).toBe(expected);
});
