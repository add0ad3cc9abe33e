/* The README's operation table, rendered from the operation table so the docs cannot drift from the node. */
import { AGENT_STATES, OPERATIONS } from './operations';
import type { GwsOperation } from './operations';
import { PARAMETER_UI } from './parameters';

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
	return `${lines.join('\n')}\n\nParameters:\n- ${names}\n- ${keyValue}\n`;
}
