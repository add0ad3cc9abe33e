/**
 * The README's AI tool table, rendered from the operation records' `toolDescription` and the parameter records'
 * `forModel` (the descriptions a model reads, and the hints the examples' `$fromAI()` arguments carry), so the
 * table a reviewer reads is what n8n serves: test/readme.test.ts compares it with README.md
 * (`UPDATE_README=1 npx jest test/readme.test.ts` rewrites it). Tooling only: not part of the package.
 */
import { OPERATIONS } from '../../nodes/GenesysGws/actions/operations';
import { PARAMETERS } from '../../nodes/GenesysGws/actions/parameters/catalog';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** A Markdown table: operation, the tool description, and each parameter with the hint a model gets for it. */
export function renderToolsMarkdown(): string {
	const lines = ['| Resource | Operation | Tool description (what the model reads) | Parameters a model fills: `$fromAI()` hint |', '|---|---|---|---|'];
	for (const op of OPERATIONS) {
		const params = op.params.length
			? op.params.map((p) => `\`${p.name}\`${p.required ? '' : ' (optional)'}: ${PARAMETERS[p.name].forModel}`).join('<br>')
			: '-';
		lines.push(`| ${op.resource} | \`${op.value}\` (${op.name}) | ${cell(op.toolDescription)} | ${cell(params)} |`);
	}
	return `${lines.join('\n')}\n`;
}
