/** Small statistics helpers (nearest-rank percentiles; samples are not modified). */
export function percentile(samples: number[], p: number): number {
	if (samples.length === 0) return NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
	return sorted[rank - 1];
}

export const median = (samples: number[]) => percentile(samples, 50);

export function round(value: number, digits = 2): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

/** Least-squares slope of log(y) over log(x): ~1 means cost grows linearly with x. */
export function logLogSlope(points: Array<{ x: number; y: number }>): number {
	const pts = points.filter((p) => p.x > 0 && p.y > 0).map((p) => ({ x: Math.log(p.x), y: Math.log(p.y) }));
	const n = pts.length;
	if (n < 2) return NaN;
	const mx = pts.reduce((s, p) => s + p.x, 0) / n;
	const my = pts.reduce((s, p) => s + p.y, 0) / n;
	const num = pts.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
	const den = pts.reduce((s, p) => s + (p.x - mx) ** 2, 0);
	return num / den;
}
