/**
 * The simulator's one clock for its logs: epoch milliseconds with sub-millisecond precision, so that the time a
 * notification was published and the time a request arrived (both in this process) can be subtracted to measure
 * a client's reaction time (bench/reaction.ts).
 */
import { performance } from 'perf_hooks';

export function preciseNow(): number {
	return performance.timeOrigin + performance.now();
}
