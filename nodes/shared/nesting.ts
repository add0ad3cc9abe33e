/**
 * How deeply a value nests objects and arrays (a scalar is 0, `{"a": 1}` is 1), walked without recursion so that a
 * value thousands of levels deep (a hostile user data, a tampered static data) cannot run out of stack; counting
 * stops once past `limit`, so the result is only exact up to `limit + 1`. The action node checks the user data it
 * sends with it, the trigger the calls it reads back from static data.
 */
export function nestingDepth(value: unknown, limit: number): number {
	const stack: Array<[unknown, number]> = [[value, 0]];
	let deepest = 0;
	while (stack.length > 0) {
		const [v, level] = stack.pop()!;
		if (v === null || typeof v !== 'object') continue;
		const here = level + 1;
		if (here > deepest) deepest = here;
		if (deepest > limit) return deepest;
		for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, here]);
	}
	return deepest;
}
