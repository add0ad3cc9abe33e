/* The README's operation table, rendered from the operation table so the docs cannot drift from the node. */
import type { INode } from 'n8n-workflow';

import { withQuery } from '../../shared/transport';
import { AGENT_STATES, OPERATIONS } from './operations';
import type { GwsOperation, ParamName } from './operations';
import { PARAMETER_UI, checkParams } from './parameters';
import type { ParamContext } from './parameters';
import { buildRequest } from './request';
import type { GwsRequest } from './request';

function wire(op: GwsOperation): string {
	switch (op.kind) {
		case 'dial':
			return 'POST `/api/v2/me/devices/{deviceId}/calls` `Dial`';
		case 'callOperation':
			return `POST \`/api/v2/me/calls/{callId}\` \`${op.operationName}\``;
		case 'get':
			return 'GET `/api/v2/me/calls/{callId}`';
		case 'getAll':
			return 'GET `/api/v2/me/calls?fields=*`';
		case 'getDevices':
			return 'GET `/api/v2/me/devices?fields=*`';
		case 'agentState':
			return `POST \`/api/v2/me/channels/voice\` ${AGENT_STATES.map((s) => `\`${s.value}\``).join(' / ')}`;
	}
}

function params(op: GwsOperation): string {
	if (op.params.length === 0) return '-';
	return op.params.map((p) => `\`${p.name}\`${p.required ? '' : ' (optional)'}`).join(', ');
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
	const names = Object.values(PARAMETER_UI)
		.map((p) => `\`${p.name}\` (${p.displayName}): ${p.description}`)
		.join('\n- ');
	const keyValue =
		'`userDataInput` (User Data Input): `json` (default) uses `userData`; `fields` takes the pairs from `userDataFields` (one key and value each)';
	return `${lines.join('\n')}\n\nParameters:\n- ${names}\n- ${keyValue}\n\n${renderExamples()}`;
}

/** Sample inputs for the examples: every parameter an operation takes (optional ones too) gets one. */
const SAMPLE_BASE_URL = 'https://gws.example.com';
export const SAMPLE_INPUTS: Record<ParamName, unknown> = {
	callId: '01RCC3N118B1V0SL8O7GK2LAES000009',
	deviceId: '6f3d5c1e-2a4b-4c8d-9e0f-1a2b3c4d5e6f',
	destination: '15002',
	location: 'SiteB',
	consultCallUri: '01RCC3N118B1V0SL8O7GK2LAES00000A',
	otherCallUri: '01RCC3N118B1V0SL8O7GK2LAES00000A',
	participant: '15001',
	digits: '1234',
	key: 'CaseNumber',
	userData: { CaseNumber: '12345', Priority: 2 },
	agentState: 'NotReady',
};

/**
 * Runs the node's own parameter checks and request builder on the samples (no network: a context that only
 * answers getNodeParameter), so each example is exactly what the node would send.
 */
export function exampleRequest(op: GwsOperation, baseUrl = SAMPLE_BASE_URL): GwsRequest {
	const sampleNode = { name: 'Genesys GWS', type: 'genesysGws' } as INode;
	const ctx = {
		getNode: () => sampleNode,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) =>
			name in SAMPLE_INPUTS ? SAMPLE_INPUTS[name as ParamName] : fallback,
	} as unknown as ParamContext;
	return buildRequest(op, checkParams(ctx, op, 0, baseUrl));
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
				const value = SAMPLE_INPUTS[p.name];
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
