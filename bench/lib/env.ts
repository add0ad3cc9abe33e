/** The environment every result file records (our machines are noisy: ratios matter more than absolutes). */
import * as os from 'os';

export interface BenchEnvironment {
	node: string;
	platform: string;
	cpuModel: string;
	cpuCount: number;
	totalMemoryMB: number;
	date: string;
	quick: boolean;
	/** 1/5/15-minute load averages when the result was written: above the CPU count means the figures are noisy. */
	loadAverage: number[];
}

export function environment(quick: boolean): BenchEnvironment {
	const cpus = os.cpus();
	return {
		node: process.version,
		platform: `${os.platform()} ${os.release()} ${os.arch()}`,
		cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
		cpuCount: cpus.length,
		totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
		date: new Date().toISOString(),
		quick,
		loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
	};
}
