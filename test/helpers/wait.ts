/**
 * The one way a test waits for something asynchronous (a notification arrived, a call changed state, a request was
 * logged): poll a condition until it holds, failing with what was awaited after a timeout. A fixed sleep is for
 * real time the test is about (a timeout exceeded, an outage lasting); "nothing more arrives" is shown with a
 * marker that travels after everything else (test/simulator/helpers.ts CometdSubscriber.flush, the trigger
 * harness's quiet()).
 *
 *   await until('the call ringing', () => sim.calls('agent1').some((c) => c.state === 'Ringing'));
 *   const calls = await eventually(() => sim.calls('agent1'), (c) => c.length === 2);
 */
/** How often a condition is checked: often enough that a wait ends within a few ms of the event. */
const POLL_MS = 10;

/** Resolves with `read()` once `check` holds for it; rejects after `timeoutMs` naming `what` (and the last value). */
export async function eventually<T>(
	read: () => T,
	check: (value: T) => boolean,
	timeoutMs = 3000,
	what = 'the condition',
): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (check(value)) return value;
		if (Date.now() > end) {
			let shown: string;
			try {
				shown = JSON.stringify(value)?.slice(0, 500) ?? String(value);
			} catch {
				shown = String(value);
			}
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}: ${shown}`);
		}
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
}

/** Resolves once `done()` holds; rejects after `timeoutMs` naming `what`. */
export async function until(what: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
	await eventually(done, Boolean, timeoutMs, what);
}

/** Resolves after everything already queued on the event loop (I/O callbacks, their promise chains) has run. */
export function nextTurn(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}
