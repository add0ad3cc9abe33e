/**
 * Waits for a promise, at most `ms`, and leaves no timer behind once it settles: a trigger that waits at
 * activation for its first snapshot (nodes/GenesysGwsTrigger/triggerSession.ts) must not keep a 10 s timer alive
 * after it was deactivated. Lives in the CometD adapter, the one place allowed to own timers (eslint.config.mjs).
 */
export async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<void>((resolve) => {
		timer = setTimeout(resolve, ms);
		timer.unref?.();
	});
	try {
		await Promise.race([promise.then(() => undefined, () => undefined), timeout]);
	} finally {
		clearTimeout(timer);
	}
}
