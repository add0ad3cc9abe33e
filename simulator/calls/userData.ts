/**
 * Call user data as T-Server keeps it: a list of key/value pairs in which AttachUserData may duplicate a key.
 * JSON rendering (our choice, docs silent): a key present once renders as its value; a key present more than once
 * renders as an array of its values in attach order, e.g. {"AccountNumber":["12345","67890"]}.
 */
import type { UserDataPair } from './model';

export function renderUserData(pairs: UserDataPair[]): Record<string, unknown> | undefined {
	if (pairs.length === 0) return undefined;
	const grouped = new Map<string, unknown[]>();
	for (const [key, value] of pairs) {
		const values = grouped.get(key);
		if (values) values.push(value);
		else grouped.set(key, [value]);
	}
	const out: Record<string, unknown> = {};
	// Defined, not assigned: a key "__proto__" (JSON.parse makes it an own key) stays a key instead of a prototype.
	for (const [key, values] of grouped) {
		Object.defineProperty(out, key, { value: values.length === 1 ? values[0] : values, enumerable: true, writable: true, configurable: true });
	}
	return out;
}

/** AttachUserData: appends every pair, duplicating keys that exist (docs/FIDELITY.md O9). */
export function attach(pairs: UserDataPair[], data: Record<string, unknown>): void {
	for (const [key, value] of Object.entries(data)) pairs.push([key, value]);
}

/** UpdateUserData: replaces a key's value in place (collapsing duplicates) or appends a new key. */
export function update(pairs: UserDataPair[], data: Record<string, unknown>): void {
	for (const [key, value] of Object.entries(data)) {
		const first = pairs.findIndex(([k]) => k === key);
		if (first < 0) {
			pairs.push([key, value]);
			continue;
		}
		pairs[first] = [key, value];
		for (let i = pairs.length - 1; i > first; i--) if (pairs[i][0] === key) pairs.splice(i, 1);
	}
}

/** Removes every pair with this key; returns how many were removed. */
export function deleteKey(pairs: UserDataPair[], key: string): number {
	let removed = 0;
	for (let i = pairs.length - 1; i >= 0; i--) {
		if (pairs[i][0] === key) {
			pairs.splice(i, 1);
			removed++;
		}
	}
	return removed;
}
