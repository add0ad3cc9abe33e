/**
 * The GWS simulator in its own process, driven over IPC by the benchmarks (sim-process.ts).
 * Why a child: GWS is a remote server; sharing one event loop with the clients under test would let the
 * server's work (JSON rendering, CometD batching) inflate or hide the client overhead we want to compare.
 * Options come as JSON in BENCH_SIM_OPTIONS (SimulatorOptions; port 0 = pick a free one).
 */
import { startSimulator } from '../../simulator';
import type { SimulatorOptions } from '../../simulator/api';

type Request = { id: number; op: string; args?: unknown };

async function main(): Promise<void> {
	const options = JSON.parse(process.env.BENCH_SIM_OPTIONS ?? '{}') as SimulatorOptions;
	const sim = await startSimulator({ port: 0, ...options });
	const ops: Record<string, (args: never) => unknown> = {
		burst: (a: Parameters<typeof sim.burst>[0]) => sim.burst(a),
		placeInboundCall: (a: Parameters<typeof sim.placeInboundCall>[0]) => sim.placeInboundCall(a),
		calls: (user?: string) => sim.calls(user),
		clearRequests: () => sim.clearRequests(),
		requestCount: () => sim.requests().length,
		cometdSessions: (user?: string) => sim.cometdSessionCount(user),
		stop: () => sim.stop(),
		start: () => sim.start(),
		dropCometdSessions: () => sim.dropCometdSessions(),
		close: async () => {
			await sim.close();
			setImmediate(() => process.exit(0));
		},
	};
	process.on('message', (msg: Request) => {
		const fn = ops[msg.op];
		Promise.resolve()
			.then(() => {
				if (!fn) throw new Error(`sim-child: unknown op ${msg.op}`);
				return fn(msg.args as never);
			})
			.then(
				(result) => process.send?.({ id: msg.id, result }),
				(error: Error) => process.send?.({ id: msg.id, error: error?.message ?? String(error) }),
			);
	});
	process.on('disconnect', () => process.exit(0));
	process.send?.({ ready: true, url: sim.url, port: sim.port });
}

main().catch((error) => {
	console.error('sim-child failed:', error);
	process.exit(1);
});
