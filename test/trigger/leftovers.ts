/**
 * Finds timers and sockets that OUR code (the CometD adapter, the trigger, the transport, cometd.js, or the
 * HTTP client they drive) created and left alive: async_hooks records each Timeout / TCPWRAP created while
 * watching, with its creation stack, and forgets it when destroyed. Resources of the in-process simulator,
 * of n8n-core's own singletons and of Node's HTTP date cache are not ours and are ignored by the stack filter.
 */
import { createHook } from 'async_hooks';
import * as path from 'path';

import { until } from '../helpers/wait';

/**
 * Our code by where it lives: this checkout's own nodes/ folder (a plain "/nodes/" would also match every file of a
 * checkout whose own folder is named "nodes", and then the simulator's and jest's timers count as ours), and the
 * libraries it drives wherever npm put them (n8n-core brings its own copy of axios).
 */
const OWN_NODES = path.join(path.resolve(__dirname, '../..'), 'nodes') + path.sep;
const LIBRARIES = /node_modules[\\/](cometd|axios)[\\/]/;
const isOurs = (stack: string) => stack.includes(OWN_NODES) || LIBRARIES.test(stack);
const TYPES = new Set(['Timeout', 'TCPWRAP', 'Immediate']);

export function watchLeftovers(): { stop(): Promise<string[]> } {
	const live = new Map<number, string>();
	const limit = Error.stackTraceLimit;
	Error.stackTraceLimit = 40;
	const hook = createHook({
		init(id, type) {
			if (!TYPES.has(type)) return;
			const stack = new Error().stack ?? '';
			if (isOurs(stack)) live.set(id, `${type}\n${stack.split('\n').slice(4, 14).join('\n')}`);
		},
		destroy(id) {
			live.delete(id);
		},
	}).enable();
	return {
		async stop() {
			// closed sockets and cleared timers report their destroy a few event-loop turns later
			await until('our timers and sockets gone', () => live.size === 0, 1000).catch(() => undefined);
			hook.disable();
			Error.stackTraceLimit = limit;
			return [...live.values()];
		},
	};
}
