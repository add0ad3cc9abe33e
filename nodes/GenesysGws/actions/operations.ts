/**
 * THE table of operations. It generates the node's properties (description.ts), drives validation, request
 * building and confirmation (executeOperation.ts) and the README table (scripts/lib/operationsMarkdown.ts).
 * One list per resource: callOperations.ts and callDataOperations.ts, supervisorOperations.ts, agentOperations.ts.
 */
import { AGENT_OPERATIONS } from './agentOperations';
import { CALL_DATA_OPERATIONS } from './callDataOperations';
import { CALL_OPERATIONS } from './callOperations';
import type { GwsOperation } from './operationBuilders';
import { SUPERVISOR_OPERATIONS } from './supervisorOperations';

export type { GwsOperation, GwsResource } from './operationBuilders';

export const OPERATIONS: GwsOperation[] = [
	...CALL_OPERATIONS,
	...CALL_DATA_OPERATIONS,
	...SUPERVISOR_OPERATIONS,
	...AGENT_OPERATIONS,
];

export function findOperation(resource: string, value: string): GwsOperation | undefined {
	return OPERATIONS.find((op) => op.resource === resource && op.value === value);
}
