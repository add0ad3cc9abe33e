/**
 * The README's operation section, rendered from the node's own tables (operations, parameter catalog, request
 * kinds) so the docs cannot drift from the node: test/readme.test.ts compares it with README.md
 * (`UPDATE_README=1 npx jest test/readme.test.ts` rewrites it). Tooling only: not part of the package.
 */
import type { INode } from 'n8n-workflow';

import { callIdentityOf } from '../../nodes/GenesysGws/actions/callIdentity';
import { OPERATIONS, type GwsOperation } from '../../nodes/GenesysGws/actions/operations';
import { PARAMETERS } from '../../nodes/GenesysGws/actions/parameters/catalog';
import type { ParamContext } from '../../nodes/GenesysGws/actions/parameters/paramContext';
import { readParameters } from '../../nodes/GenesysGws/actions/parameters/readParameters';
import { REQUEST_KINDS, operationRequest, type GwsRequest } from '../../nodes/GenesysGws/actions/requestKinds';
import { withQuery } from '../../nodes/shared/transport';

/** The GWS request column: method, path template, and the operationName(s) sent. */
function wire(op: GwsOperation): string {
	const kind = REQUEST_KINDS[op.requestKind];
	const line = `${kind.method} \`${withQuery(kind.path, 'qs' in kind ? kind.qs : undefined)}\``;
	if (op.operationName) return `${line} \`${op.operationName}\``;
	const chooser = op.params.find((p) => 'operationName' in PARAMETERS[p.name].wire);
	const choices = chooser ? (PARAMETERS[chooser.name].ui.options ?? []) : [];
	const names = choices.map((c) => `\`${String((c as { value: unknown }).value)}\``);
	return names.length ? `${line} ${names.join(' / ')}` : line;
}

function params(op: GwsOperation): string {
	if (op.params.length === 0) return '-';
	return op.params
		.map((p) => {
			const when = p.onlyWhen ? `, with ${p.onlyWhen.name} ${p.onlyWhen.values.join(' / ')}` : '';
			return `\`${p.name}\`${p.required ? '' : ` (optional${when})`}`;
		})
		.join(', ');
}

/** A Markdown table: resource, operation value, what it does, parameters, GWS request, confirming notification. */
export function renderOperationsMarkdown(): string {
	const lines = [
		'| Resource | Operation | Does | Parameters | GWS request | Confirmed by (Wait for Confirmation) |',
		'|---|---|---|---|---|---|',
	];
	for (const op of OPERATIONS) {
		lines.push(
			`| ${op.resource} | \`${op.value}\` (${op.name}) | ${op.description} | ${params(op)} | ${wire(op)} | ${
				op.confirmation?.summary ?? '-'
			} |`,
		);
	}
	const specs = Object.values(PARAMETERS);
	// The catalog order is the panel's; the README lists the parameters in it too.
	const names = specs.map((p) => `\`${p.ui.name}\` (${p.ui.displayName}): ${p.ui.description}`);
	for (const spec of specs) {
		const input = spec.alternativeInput;
		if (!input) continue;
		names.push(
			`\`${input.selector.name}\` (${input.selector.displayName}): \`${input.mainValue}\` (default) uses \`${spec.ui.name}\`; ${input.summary}`,
		);
	}
	return `${lines.join('\n')}\n\nParameters:\n- ${names.join('\n- ')}\n\n${renderExamples()}`;
}

const SAMPLE_BASE_URL = 'https://gws.example.com';

/**
 * Runs the node's own parameter checks and request builder on the catalog's samples (no network: a context that
 * only answers getNodeParameter), so each example is exactly what the node would send.
 */
export function exampleRequest(op: GwsOperation, baseUrl = SAMPLE_BASE_URL): GwsRequest {
	const sampleNode = { name: 'Genesys GWS', type: 'genesysGws' } as INode;
	const ctx = {
		getNode: () => sampleNode,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) =>
			name in PARAMETERS ? PARAMETERS[name as keyof typeof PARAMETERS].sample : fallback,
	} as unknown as ParamContext;
	const params = readParameters(ctx, op, 0, baseUrl);
	if (op.namesCallInBody) {
		// The call as GWS shows it (its id is its callUuid), as the node takes it from the input item.
		const callId = params.values.callId as string;
		params.body = { ...callIdentityOf({ id: callId, callUuid: callId }, callId, baseUrl), ...params.body };
	}
	return operationRequest(op, params);
}

function exampleText(op: GwsOperation): string {
	const req = exampleRequest(op);
	const line = `${req.method} ${withQuery(req.path, req.qs)}`;
	return req.body ? `${line}\n${JSON.stringify(req.body)}` : line;
}

function renderExamples(): string {
	const blocks = OPERATIONS.map((op) => {
		const inputs = op.params
			.map((p) => {
				const value = PARAMETERS[p.name].sample;
				return `${p.name} \`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
			})
			.join(', ');
		return `**\`${op.value}\`**${inputs ? ` with ${inputs}` : ''}:\n\n\`\`\`http\n${exampleText(op)}\n\`\`\`\n`;
	});
	return [
		'<details>',
		`<summary>Example request of every operation (sample inputs, Base URL ${SAMPLE_BASE_URL}; produced by the node's own request builder)</summary>`,
		'',
		...blocks,
		'</details>',
		'',
	].join('\n');
}
