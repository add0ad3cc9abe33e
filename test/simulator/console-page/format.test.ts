/** How the console page writes values (page/format.ts). */
import { clock, parseJson, short, shortId } from '../../../simulator/console/page/format';

test('short: one line of at most 80 characters', () => {
	expect(short({ a: 1, b: [1, 2] })).toBe('{ "a": 1, "b": [ 1, 2 ] }');
	const long = short('x'.repeat(100));
	expect(long).toHaveLength(80);
	expect(long.endsWith('...')).toBe(true);
});

test('clock and shortId', () => {
	const at = new Date(2024, 0, 2, 3, 4, 5, 6).getTime();
	expect(clock(at)).toBe('03:04:05.006');
	expect(shortId('01RCC3N118B1V0SL8O7GK2LAES000009')).toBe('...LAES000009');
	expect(shortId('ABC')).toBe('ABC');
});

test('parseJson says where typed JSON is wrong', () => {
	expect(parseJson('{"a": [1]}', 'User data')).toEqual({ ok: true, value: { a: [1] } });
	// Where the engine's message gives the position (V8: "... in JSON at position 14"), it becomes a line and column.
	expect(parseJson('{\n  "VIP": 1,\n}', 'User data')).toEqual({ ok: false, error: 'User data is not valid JSON (line 3, column 1): Expected double-quoted property name' });
	const bad = parseJson('{"VIP": tru}', 'User data');
	expect(!bad.ok && bad.error).toMatch(/^User data is not valid JSON/);
});
