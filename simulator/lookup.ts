/**
 * A table entry by a name a client or the users file supplied. A plain `table[name]` finds Object.prototype's
 * members too ("toString", "constructor", "__proto__", ...), so a name like that would look like an operation or a
 * state; only the table's own entries count.
 */
export function lookup<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}
