/** How values are quoted in error messages: short, on one line, never the whole of a long value. */

/** A short, single-line excerpt of a value for error messages. */
export function excerpt(text: string, max = 40): string {
	const flat = text.replace(/[\r\n\t]+/g, ' ');
	return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/** What a value is, for "must be text, but got ..." messages: its type and a short excerpt. */
export function describeValue(value: unknown): string {
	if (Array.isArray(value)) return `an array (${excerpt(JSON.stringify(value), 80)})`;
	if (value === null) return 'null';
	if (typeof value === 'object') return `an object (${excerpt(JSON.stringify(value), 80)})`;
	return `${typeof value} ${excerpt(String(value), 80)}`;
}
