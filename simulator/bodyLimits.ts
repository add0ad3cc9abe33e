/**
 * What the simulator accepts as a request body, checked on the raw text before it is parsed, logged, stored or
 * authenticated (docs/FIDELITY.md B1): at most MAX_BODY_BYTES (413 otherwise, with a message, not a reset) and
 * JSON nested at most MAX_JSON_DEPTH levels (400 otherwise). GWS bodies are a few levels deep (user data is a
 * KVList of a few levels: the nodes send at most 5, nodes/shared/limits.ts), so 32 is generous; a body thousands of
 * levels deep is harmless to JSON.parse but makes every recursive reader after it (JSON.stringify of the request
 * log, structuredClone of the notification log) throw "Maximum call stack size exceeded".
 */
import type * as http from 'http';

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_JSON_DEPTH = 32;

/** A body refused before anything else looks at it: the HTTP status and the message naming the limit. */
export class BodyRefused extends Error {
	constructor(
		readonly httpStatus: 400 | 413,
		message: string,
	) {
		super(message);
	}
}

function tooLargeMessage(bytes: number | string): string {
	return `Request body too large (${bytes} bytes): the limit is ${MAX_BODY_BYTES} bytes (1 MiB)`;
}

function tooDeepMessage(): string {
	return `Request body nested too deeply: JSON objects and arrays may nest at most ${MAX_JSON_DEPTH} levels`;
}

/**
 * How deeply objects and arrays nest in `text`, counted without parsing (brackets inside strings do not count);
 * stops counting at `stopAt`. Not a validator: JSON.parse reports syntax errors afterwards.
 */
function jsonDepth(text: string, stopAt = Infinity): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c) i++; // backslash: skip the escaped character
			else if (c === 0x22) inString = false;
			continue;
		}
		if (c === 0x22) inString = true;
		else if (c === 0x7b || c === 0x5b) {
			depth++;
			if (depth > deepest) {
				deepest = depth;
				if (deepest >= stopAt) return deepest;
			}
		} else if (c === 0x7d || c === 0x5d) depth--;
	}
	return deepest;
}



/**
 * The whole body as text, or BodyRefused(413) when it is larger than MAX_BODY_BYTES (by Content-Length, before
 * reading, or while reading). The rest of a refused body is read and dropped, so the client gets the answer
 * instead of a reset; the connection closes after it (Connection: close). Rejects only when the stream fails.
 */
function readLimitedBody(req: http.IncomingMessage, res: http.ServerResponse): Promise<string | BodyRefused> {
	return new Promise((resolve, reject) => {
		const declared = Number(req.headers['content-length']);
		const refuse = (bytes: number | string) => {
			res.setHeader('Connection', 'close');
			req.removeAllListeners('data');
			req.resume();
			resolve(new BodyRefused(413, tooLargeMessage(bytes)));
		};
		if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return refuse(declared);
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) return refuse(`more than ${MAX_BODY_BYTES}`);
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/**
 * The body text every area of the simulator starts from, or why it is refused: larger than MAX_BODY_BYTES (413,
 * readLimitedBody) or nested deeper than MAX_JSON_DEPTH (400).
 */
export async function readCheckedBody(req: http.IncomingMessage, res: http.ServerResponse): Promise<string | BodyRefused> {
	const text = await readLimitedBody(req, res);
	if (typeof text !== 'string') return text;
	if (jsonDepth(text, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH) return new BodyRefused(400, tooDeepMessage());
	return text;
}

/**
 * How deeply objects and arrays nest in a value (the top-level object is 1), walked without recursion and stopped
 * at `stopAt`; and about how many characters its JSON takes (strings and keys by length, every other value and
 * separator as a few characters), stopped once past `charsStopAt`. For values the simulator keeps (user data, the
 * notification log): a check that cannot itself run out of stack.
 */
export function measureValue(value: unknown, stopAt = Infinity, charsStopAt = Infinity): { depth: number; chars: number } {
	const stack: Array<[unknown, number]> = [[value, 0]];
	let depth = 0;
	let chars = 0;
	while (stack.length > 0) {
		const [v, level] = stack.pop()!;
		if (typeof v === 'string') chars += v.length + 2;
		else if (v === null || typeof v !== 'object') chars += 6;
		else {
			const here = level + 1;
			if (here > depth) depth = here;
			if (depth >= stopAt) break;
			chars += 2;
			if (Array.isArray(v)) for (const item of v) stack.push([item, here]);
			else
				for (const key of Object.keys(v)) {
					chars += key.length + 4;
					stack.push([(v as Record<string, unknown>)[key], here]);
				}
		}
		if (chars > charsStopAt) break;
	}
	return { depth, chars };
}

/** The error text for a value (e.g. userData) nested deeper than MAX_JSON_DEPTH, or undefined when it is not. */
export function tooDeepValue(name: string, value: unknown): string | undefined {
	if (measureValue(value, MAX_JSON_DEPTH + 1).depth <= MAX_JSON_DEPTH) return undefined;
	return `"${name}" is nested too deeply: objects and arrays may nest at most ${MAX_JSON_DEPTH} levels`;
}
