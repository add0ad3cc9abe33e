/**
 * Where a JSON text stops being JSON: line, column and what was expected there. JSON.parse does not always say
 * (Node 20 and 24 report "Unexpected token 'x', ... is not valid JSON" without a position, and only Node 22+ adds
 * line and column to the others), so a file a person wrote gets this scanner's report instead, the same on every
 * Node version. It only locates errors; parsing stays with JSON.parse.
 */

export interface JsonSyntaxError {
	/** 1-based, as editors count. */
	line: number;
	column: number;
	message: string;
}

class Stop extends Error {
	constructor(
		readonly offset: number,
		message: string,
	) {
		super(message);
	}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function describe(char: string | undefined): string {
	if (char === undefined) return 'end of the file';
	if (char === "'") return 'single quote (JSON strings use double quotes)';
	const code = char.charCodeAt(0);
	return code < 0x20 ? `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : `'${char}'`;
}

class Scanner {
	private i = 0;

	constructor(private readonly text: string) {}

	run(): void {
		this.value();
		this.space();
		if (this.i < this.text.length) this.fail(`unexpected ${describe(this.text[this.i])} after the end of the JSON value`);
	}

	private fail(message: string): never {
		throw new Stop(this.i, message);
	}

	private space(): void {
		while (WHITESPACE.has(this.text[this.i])) this.i++;
	}

	private value(): void {
		this.space();
		const c = this.text[this.i];
		if (c === '{') return this.object();
		if (c === '[') return this.array();
		if (c === '"') return this.string();
		if (c === '-' || (c >= '0' && c <= '9')) return this.number();
		for (const literal of ['true', 'false', 'null']) {
			if (this.text.startsWith(literal, this.i)) {
				this.i += literal.length;
				return;
			}
		}
		this.fail(`unexpected ${describe(c)}; expected a value (an object, array, "string", number, true, false or null)`);
	}

	private object(): void {
		this.sequence('}', 'a property value', () => {
			const c = this.text[this.i];
			if (c !== '"') this.fail(`unexpected ${describe(c)}; expected a property name in double quotes`);
			this.string();
			this.space();
			if (this.text[this.i] !== ':') this.fail(`unexpected ${describe(this.text[this.i])}; expected ':' after the property name`);
			this.i++;
			this.value();
		});
	}

	private array(): void {
		this.sequence(']', 'an array element', () => this.value());
	}

	/** The members of an object or array after its opening bracket, up to `close`, separated by commas. */
	private sequence(close: '}' | ']', member: string, item: () => void): void {
		this.i++;
		this.space();
		if (this.text[this.i] === close) {
			this.i++;
			return;
		}
		for (;;) {
			this.space();
			if (this.text[this.i] === close) this.fail(`a comma before '${close}' (JSON allows no trailing comma)`);
			item();
			this.space();
			const next = this.text[this.i];
			if (next === close) {
				this.i++;
				return;
			}
			if (next !== ',') this.fail(`unexpected ${describe(next)}; expected ',' or '${close}' after ${member}`);
			this.i++;
		}
	}

	private string(): void {
		this.i++;
		for (;;) {
			const c = this.text[this.i];
			if (c === undefined) this.fail('a string that is never closed (missing ")');
			if (c === '"') {
				this.i++;
				return;
			}
			if (c === '\\') {
				const escape = this.text[this.i + 1];
				if (escape !== undefined && '"\\/bfnrt'.includes(escape)) this.i += 2;
				else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) this.i += 6;
				else this.fail(`invalid escape '\\${escape ?? ''}' in a string`);
			} else if (c.charCodeAt(0) < 0x20) {
				this.fail(`${describe(c)} inside a string (a line break in a string must be written \\n)`);
			} else {
				this.i++;
			}
		}
	}

	private number(): void {
		NUMBER.lastIndex = this.i;
		const match = NUMBER.exec(this.text);
		if (!match || match[0] === '-') this.fail(`invalid number starting with ${describe(this.text[this.i])}`);
		this.i += match[0].length;
	}
}

/** The first syntax error of `text` (undefined when it is valid JSON). */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
	try {
		new Scanner(text).run();
		return undefined;
	} catch (error) {
		if (!(error instanceof Stop)) return undefined; // e.g. nesting deeper than the stack: JSON.parse reports it
		const before = text.slice(0, error.offset);
		const line = before.split('\n').length;
		const column = error.offset - (before.lastIndexOf('\n') + 1) + 1;
		return { line, column, message: error.message };
	}
}
