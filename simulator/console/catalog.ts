/** The console's catalog (contract.ts ConsoleCatalog) from the simulator's own declarations. */
import { callOperationForms } from '../calls/operations';
import { DEVICE_OPERATION_FORMS } from '../devices';
import type { ConsoleCatalog } from './contract';

export function consoleCatalog(): ConsoleCatalog {
	const deviceOperations = Object.fromEntries(Object.entries(DEVICE_OPERATION_FORMS).map(([name, form]) => [name, { ...form }]));
	return { callOperations: callOperationForms(), deviceOperations };
}

/** The catalog as the text of a <script type="application/json"> element: no "<" that could end it. */
export function catalogJson(catalog: ConsoleCatalog): string {
	return JSON.stringify(catalog).replace(/</g, '\\u003c');
}
