/** How the page writes values: JSON, shortened text, times, ids. Pure functions. */

export const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

export function json(value: unknown): string {
	try {
		return JSON.stringify(value, null, 2);
	} catch {
		return String(value);
	}
}

/** One line of at most 80 characters. */
export function short(value: unknown): string {
	const text = (typeof value === 'string' ? value : json(value)).replace(/\s+/g, ' ');
	return text.length > 80 ? text.slice(0, 77) + '...' : text;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** hh:mm:ss.mmm in local time. */
export function clock(ms: number): string {
	const d = new Date(ms);
	return `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(d.getMilliseconds(), 3)}`;
}

export function lastSegment(uri: unknown): string {
	const segments = String(uri).split('?')[0].split('/');
	return segments[segments.length - 1];
}

/** The end of a long id, e.g. "...SL8O7GK2LAES000009" shortened to its last 10 characters. */
export function shortId(id: unknown): string {
	const text = String(id);
	return text.length > 12 ? '...' + text.slice(-10) : text;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** JSON.parse with a message that says where (line and column), for text typed on the page. */
export function parseJson(text: string, what: string): Parsed {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		const message = (error as Error).message;
		const position = /position (\d+)/.exec(message);
		let where = '';
		if (position) {
			const lines = text.slice(0, Number(position[1])).split('\n');
			where = ` (line ${lines.length}, column ${lines[lines.length - 1].length + 1})`;
		}
		return { ok: false, error: `${what} is not valid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}` };
	}
}
