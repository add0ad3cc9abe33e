/**
 * Reads a V8 CPU profile (`node --cpu-prof`, .cpuprofile JSON) and attributes its samples, inside a time window,
 * to where the code lives: our package's dist, its bundled libraries (cometd), n8n (n8n, n8n-core, n8n-workflow,
 * n8n-nodes-base, @n8n/*), other libraries, Node's own code, and V8's pseudo-frames (GC, program, idle).
 * Sample times are process.hrtime in µs (CLOCK_MONOTONIC, the same clock in every process on this machine), so a
 * window taken with process.hrtime in the benchmark process selects the same moments in n8n's profile.
 */
import * as fs from 'fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

type CodeOwner = 'ours' | 'ours: bundled libraries' | 'n8n' | 'libraries' | 'node' | 'gc' | 'program' | 'idle';

/** Where a frame's code lives, from its script URL. */
function ownerOf(url: string, functionName: string): CodeOwner {
	if (!url) {
		if (functionName === '(garbage collector)') return 'gc';
		if (functionName === '(idle)') return 'idle';
		if (functionName === '(program)' || functionName === '(root)') return 'program';
		return 'node'; // native builtins without a script (e.g. JSON.parse)
	}
	if (url.startsWith('node:')) return 'node';
	if (/\/n8n-nodes-genesys-gws\/dist\//.test(url)) return 'ours';
	// Our runtime dependencies (cometd): inside our package, or hoisted next to it in n8n's nodes folder.
	if (/\/n8n-nodes-genesys-gws\/node_modules\/|\/\.n8n\/nodes\/node_modules\//.test(url)) return 'ours: bundled libraries';
	if (/\/node_modules\/(n8n|n8n-core|n8n-workflow|n8n-nodes-base|@n8n\/[^/]+)\//.test(url)) return 'n8n';
	return 'libraries';
}

export interface ProfileAttribution {
	/** Milliseconds of samples in the window. */
	windowMs: number;
	/** Self time per owner (ms): where the CPU actually was. */
	selfMs: Record<string, number>;
	/** Time (ms) of samples with a frame of our dist anywhere on the stack (our code and what it calls synchronously). */
	underOursMs: number;
	/**
	 * The same samples by which of our parts is the innermost of our frames on the stack: the trigger
	 * (nodes/GenesysGwsTrigger, nodes/shared/cometd), the action (nodes/GenesysGws), the shared transport
	 * (nodes/shared/transport: session, credentials, requests), other. Self = our own code; with callees = plus the
	 * n8n helpers and libraries it called synchronously (getCredentials, httpRequest setup, ...).
	 */
	oursByPart: Record<string, { selfMs: number; withCalleesMs: number }>;
	/** Our functions by self time (ms), top 12. */
	ourTopFunctions: Array<{ function: string; file: string; selfMs: number }>;
	/** All functions by self time, top 15, with their owner. */
	topFunctions: Array<{ function: string; owner: CodeOwner; file: string; selfMs: number }>;
	/**
	 * Inclusive time (ms: samples with the function anywhere on the stack) of the n8n helpers our nodes call and of
	 * n8n's execution entry points, to say what our calls into n8n cost.
	 */
	inclusiveMs: Record<string, number>;
	/** n8n packages by self time (ms). */
	n8nPackagesMs: Record<string, number>;
	/** Libraries by self time (ms), top 10. */
	libraryPackagesMs: Record<string, number>;
}

function shortFile(url: string): string {
	const i = url.lastIndexOf('/node_modules/');
	return i >= 0 ? url.slice(i + '/node_modules/'.length) : url.replace(/^file:\/\//, '');
}

function packageOf(url: string): string {
	const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(url);
	return m ? m[1] : '?';
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** n8n functions whose inclusive time we report (names as in n8n-core 2.41 / n8n 2.41 dist). */
const INCLUSIVE_FUNCTIONS = [
	'getCredentials',
	'httpRequestWithAuthentication',
	'httpRequest',
	'getNodeParameter',
	'emit',
	'runWorkflow',
	'processRunExecutionData',
	'runHook',
	'resolveSimpleParameterValue',
];

/** Attributes the samples of `file` whose time (process.hrtime µs) lies in [fromUs, toUs]. */
export function attributeProfile(file: string, fromUs = -Infinity, toUs = Infinity): ProfileAttribution {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map<number, ProfileNode>();
	const parent = new Map<number, number>();
	for (const node of profile.nodes) {
		byId.set(node.id, node);
		for (const child of node.children ?? []) parent.set(child, node.id);
	}
	const oursOnStack = new Map<number, boolean>();
	const innermostOurs = new Map<number, string | null>();
	const partOf = (url: string): string => {
		if (/\/nodes\/GenesysGwsTrigger\/|\/nodes\/shared\/cometd\//.test(url)) return 'trigger';
		if (/\/nodes\/GenesysGws\//.test(url)) return 'action';
		if (/\/nodes\/shared\/transport\//.test(url)) return 'transport';
		return 'other';
	};
	const ourPart = (id: number): string | null => {
		const known = innermostOurs.get(id);
		if (known !== undefined) return known;
		const node = byId.get(id)!;
		const up = parent.get(id);
		const value = ownerOf(node.callFrame.url, node.callFrame.functionName) === 'ours' ? partOf(node.callFrame.url) : up !== undefined ? ourPart(up) : null;
		innermostOurs.set(id, value);
		return value;
	};
	const byPartUs: Record<string, { self: number; all: number }> = {};
	const namedOnStack = new Map<number, Set<string>>();
	const named = (id: number): Set<string> => {
		const known = namedOnStack.get(id);
		if (known) return known;
		const node = byId.get(id)!;
		const up = parent.get(id);
		const set = new Set(up !== undefined ? named(up) : []);
		if (INCLUSIVE_FUNCTIONS.includes(node.callFrame.functionName)) set.add(node.callFrame.functionName);
		namedOnStack.set(id, set);
		return set;
	};
	const inclusiveUs: Record<string, number> = {};
	const hasOurs = (id: number): boolean => {
		const known = oursOnStack.get(id);
		if (known !== undefined) return known;
		const node = byId.get(id)!;
		const up = parent.get(id);
		const value = ownerOf(node.callFrame.url, node.callFrame.functionName) === 'ours' || (up !== undefined && hasOurs(up));
		oursOnStack.set(id, value);
		return value;
	};
	const selfUs: Record<string, number> = {};
	const fnUs = new Map<number, number>();
	let windowUs = 0;
	let underOursUs = 0;
	let t = profile.startTime;
	for (let i = 0; i < profile.samples.length; i++) {
		t += profile.timeDeltas[i];
		// A sample's time is the interval that ends at the next sample.
		const dt = profile.timeDeltas[i + 1] ?? 0;
		if (t < fromUs || t > toUs) continue;
		const id = profile.samples[i];
		const node = byId.get(id)!;
		const owner = ownerOf(node.callFrame.url, node.callFrame.functionName);
		windowUs += dt;
		selfUs[owner] = (selfUs[owner] ?? 0) + dt;
		fnUs.set(id, (fnUs.get(id) ?? 0) + dt);
		for (const fn of named(id)) inclusiveUs[fn] = (inclusiveUs[fn] ?? 0) + dt;
		if (hasOurs(id)) {
			underOursUs += dt;
			const part = ourPart(id)!;
			const entry = (byPartUs[part] ??= { self: 0, all: 0 });
			entry.all += dt;
			if (owner === 'ours') entry.self += dt;
		}
	}
	// Merge profile nodes of the same function (one function appears under many stacks).
	const fnTotals = new Map<string, { function: string; owner: CodeOwner; file: string; url: string; us: number }>();
	for (const [id, us] of fnUs) {
		const f = byId.get(id)!.callFrame;
		const key = `${f.url}:${f.lineNumber}:${f.functionName}`;
		const entry = fnTotals.get(key) ?? {
			function: f.functionName || '(anonymous)',
			owner: ownerOf(f.url, f.functionName),
			file: `${shortFile(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`,
			url: f.url,
			us: 0,
		};
		entry.us += us;
		fnTotals.set(key, entry);
	}
	const sorted = [...fnTotals.values()].sort((a, b) => b.us - a.us);
	const n8nPackages: Record<string, number> = {};
	const libPackages: Record<string, number> = {};
	for (const f of sorted) {
		if (f.owner === 'n8n') n8nPackages[packageOf(f.url)] = (n8nPackages[packageOf(f.url)] ?? 0) + f.us / 1000;
		if (f.owner === 'libraries') libPackages[packageOf(f.url)] = (libPackages[packageOf(f.url)] ?? 0) + f.us / 1000;
	}
	const top = (rec: Record<string, number>, n: number) =>
		Object.fromEntries(
			Object.entries(rec)
				.sort((a, b) => b[1] - a[1])
				.slice(0, n)
				.map(([k, v]) => [k, r1(v)]),
		);
	return {
		windowMs: r1(windowUs / 1000),
		selfMs: top(Object.fromEntries(Object.entries(selfUs).map(([k, v]) => [k, v / 1000])), 20),
		underOursMs: r1(underOursUs / 1000),
		oursByPart: Object.fromEntries(Object.entries(byPartUs).map(([k, v]) => [k, { selfMs: r1(v.self / 1000), withCalleesMs: r1(v.all / 1000) }])),
		ourTopFunctions: sorted
			.filter((f) => f.owner === 'ours')
			.slice(0, 12)
			.map((f) => ({ function: f.function, file: f.file.replace(/^n8n-nodes-genesys-gws\//, ''), selfMs: r1(f.us / 1000) })),
		topFunctions: sorted
			.filter((f) => f.owner !== 'idle' && f.owner !== 'program')
			.slice(0, 15)
			.map((f) => ({ function: f.function, owner: f.owner, file: f.file, selfMs: r1(f.us / 1000) })),
		inclusiveMs: Object.fromEntries(Object.entries(inclusiveUs).map(([k, v]) => [k, r1(v / 1000)])),
		n8nPackagesMs: top(n8nPackages, 12),
		libraryPackagesMs: top(libPackages, 10),
	};
}

/** The profile written by process `pid` in `dir` (node names them CPU.<date>.<time>.<pid>.<tid>.<seq>.cpuprofile). */
export function profileOfPid(dir: string, pid: number | undefined): string | undefined {
	if (pid === undefined || !fs.existsSync(dir)) return undefined;
	const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile') && f.split('.')[3] === String(pid));
	return file ? `${dir}/${file}` : undefined;
}
