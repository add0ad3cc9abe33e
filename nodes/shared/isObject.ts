/** A JSON object as GWS sends one (not null, not an array): the check both nodes make before reading its fields. */
import type { IDataObject } from 'n8n-workflow';

export function isObject(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}
