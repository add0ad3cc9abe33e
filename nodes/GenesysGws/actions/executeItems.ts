/* The node's execute(): finds the operation once, runs it per item, keeps paired items, honours Continue On Fail. */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { executeOperation } from './executeOperation';
import { OPERATIONS, findOperation } from './operations';

export async function executeItems(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = findOperation(resource, operation);
	if (!op) {
		const known = OPERATIONS.filter((o) => o.resource === resource).map((o) => o.value);
		throw new NodeOperationError(
			this.getNode(),
			`Unknown operation "${operation}" for resource "${resource}"`,
			{
				description: known.length
					? `Use one of: ${known.join(', ')}.`
					: 'Use resource "call", "supervisor" or "agent".',
			},
		);
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await executeOperation.call(this, op, itemIndex);
			output.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(results), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				const json: IDataObject = { error: (error as Error).message };
				const description = (error as { description?: unknown }).description;
				if (typeof description === 'string' && description !== '') json.description = description;
				output.push({ json, pairedItem: { item: itemIndex } });
				continue;
			}
			throw asItemError(this.getNode(), error, itemIndex);
		}
	}
	return [output];
}

/** n8n's errors pass as they are (with the item's index); anything else becomes one, naming the item. */
function asItemError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}
