/**
 * CPU time of other processes (Linux /proc/<pid>/stat utime + stime), to say which process saturates the cores
 * during a load step: n8n main, its workers, redis, the simulator, the benchmark process itself.
 */
import * as fs from 'fs';

/** getconf CLK_TCK is 100 on Linux x86-64 (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** CPU seconds used so far by `pid` (0 when it is gone or /proc is missing). */
function cpuSeconds(pid: number | undefined): number {
	if (pid === undefined) return 0;
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command name (which is in parentheses and may contain spaces).
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime (fields 14, 15)
	} catch {
		return 0;
	}
}

/** Snapshot CPU seconds of named processes; diff() gives each one's share of a core over the interval. */
export class CpuMeter {
	private start = new Map<string, number>();
	private t0 = 0;
	/** Wall seconds of the last begin()..end() interval. */
	lastWallS = 0;

	/** A name may stand for several processes (PostgreSQL's postmaster and backends): their CPU is added up. */
	constructor(private readonly pids: () => Record<string, number | number[] | undefined>) {}

	private secondsOf(name: string, pid: number | number[] | undefined): number {
		if (name === 'bench') return process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6;
		return Array.isArray(pid) ? pid.reduce((sum, p) => sum + cpuSeconds(p), 0) : cpuSeconds(pid);
	}

	begin(): void {
		this.t0 = performance.now();
		this.start = new Map(Object.entries(this.pids()).map(([name, pid]) => [name, this.secondsOf(name, pid)]));
	}

	/** Cores used by each process over the interval since begin() (1 = one core fully busy). */
	end(): Record<string, number> {
		const wall = (performance.now() - this.t0) / 1000;
		this.lastWallS = wall;
		const out: Record<string, number> = {};
		for (const [name, pid] of Object.entries(this.pids())) {
			const now = this.secondsOf(name, pid);
			out[name] = Math.round(((now - (this.start.get(name) ?? now)) / wall) * 100) / 100;
		}
		return out;
	}
}
