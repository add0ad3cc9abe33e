/**
 * Where n8n's reaction time goes, per call, from what n8n itself records plus the simulator's clock:
 * - the execution (n8n's REST API): startedAt, and per node its runData startTime / executionTime (epoch ms);
 * - our nodes' opt-in trace lines, when the package has them: `logger.debug('GWS trace', { gwsTrace: stage,
 *   callId, at })` with `at` = epoch ms (performance.timeOrigin + performance.now()) and stage received | emitted |
 *   action-start | credential-read | request-sent | response (nodes/shared/trace.ts). The trace stages need no
 *   saved execution, so they also break down runs that save none (the recommended settings). n8n 2.41 writes them with N8N_LOG_LEVEL=debug; N8N_LOG_FORMAT=json
 *   makes each log line one JSON object {level, message, metadata: {...}, timestamp}.
 * n8n's times have 1 ms resolution; the simulator's are sub-ms. Both are the same machine's epoch clock.
 */
import * as fs from 'fs';

import type { N8nRest } from '../../scripts/lib/n8n-rest';
import type { CallResult } from './reaction-driver';

export type TraceStage = 'received' | 'emitted' | 'action-start' | 'credential-read' | 'request-sent' | 'response';

/**
 * callId -> stage -> `at`: the first of each stage, except `received`, which is the last one before the first
 * `emitted` (the trigger receives every notification of the call, e.g. Ringing, before the one its filters let
 * through). Empty when the installed package writes no trace lines.
 */
export function readTraces(logFile: string): Map<string, Partial<Record<TraceStage, number>>> {
	const out = new Map<string, Partial<Record<TraceStage, number>>>();
	if (!fs.existsSync(logFile)) return out;
	for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
		if (!line.includes('GWS trace')) continue;
		let meta: { gwsTrace?: string; callId?: string; at?: number } | undefined;
		try {
			const parsed = JSON.parse(line) as { metadata?: typeof meta } & typeof meta;
			meta = parsed.metadata ?? parsed;
		} catch {
			// Text format: "<time> | debug | GWS trace {...}"
			const json = line.slice(line.indexOf('{'));
			try {
				meta = JSON.parse(json) as typeof meta;
			} catch {
				continue;
			}
		}
		if (!meta?.gwsTrace || !meta.callId || typeof meta.at !== 'number') continue;
		const stages = out.get(meta.callId) ?? {};
		const stage = meta.gwsTrace as TraceStage;
		const lastBeforeEmit = stage === 'received' && stages.emitted === undefined;
		if (stages[stage] === undefined || lastBeforeEmit) stages[stage] = meta.at;
		out.set(meta.callId, stages);
	}
	return out;
}

export interface ExecutionTimes {
	executionId: string;
	callId?: string;
	status: string;
	startedAt: number;
	stoppedAt?: number;
	nodes: Record<string, { startTime: number; executionTime: number }>;
}

interface RawExecution {
	id: string;
	status: string;
	startedAt?: string;
	stoppedAt?: string;
	data: { resultData: { runData: Record<string, Array<{ startTime?: number; executionTime?: number; data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>> } };
}

/** The last `limit` executions of a workflow with their node timings and the call id the trigger emitted. */
export async function executionTimes(rest: N8nRest, workflowId: string, triggerNode: string, limit = 100): Promise<ExecutionTimes[]> {
	const list = await rest.executions(workflowId);
	const out: ExecutionTimes[] = [];
	for (const summary of list.slice(0, limit)) {
		const e = (await rest.execution(summary.id)) as unknown as RawExecution;
		const runData = e.data?.resultData?.runData ?? {};
		const nodes: ExecutionTimes['nodes'] = {};
		for (const [name, runs] of Object.entries(runData)) {
			const r = runs[0];
			if (r?.startTime !== undefined) nodes[name] = { startTime: r.startTime, executionTime: r.executionTime ?? 0 };
		}
		const call = runData[triggerNode]?.[0]?.data?.main?.[0]?.[0]?.json?.call as { id?: string } | undefined;
		out.push({
			executionId: e.id,
			callId: call?.id,
			status: e.status,
			startedAt: e.startedAt ? Date.parse(e.startedAt) : NaN,
			stoppedAt: e.stoppedAt ? Date.parse(e.stoppedAt) : undefined,
			nodes,
		});
	}
	return out;
}

/** Stage durations (ms) of one call, from its execution (and trace lines, when present). */
export function stagesOf(call: CallResult, exec: ExecutionTimes | undefined, nodeNames: { trigger: string; filter?: string; action: string }, trace: Partial<Record<TraceStage, number>> = {}): Record<string, number> {
	const out: Record<string, number> = {};
	if (call.establishedAt === undefined || call.conferenceAt === undefined) return out;
	const est = call.establishedAt;
	if (trace.received !== undefined) out['notification → trigger received'] = trace.received - est;
	if (trace.received !== undefined && trace.emitted !== undefined) out['trigger received → emit'] = trace.emitted - trace.received;
	const trig = exec?.nodes[nodeNames.trigger];
	const filter = nodeNames.filter ? exec?.nodes[nodeNames.filter] : undefined;
	const action = exec?.nodes[nodeNames.action];
	if (exec) {
		if (trace.emitted !== undefined) out['emit → execution start'] = exec.startedAt - trace.emitted;
		else out['notification → execution start (trigger + emit + n8n)'] = exec.startedAt - est;
		let before = trig ? trig.startTime + trig.executionTime : exec.startedAt;
		if (trig) {
			// Before the first node: n8n's execution setup (the expression isolate is acquired here, workflow-execute.js
			// initializeExecution, and the workflowExecuteBefore hooks run).
			out['execution start → trigger node start'] = trig.startTime - exec.startedAt;
			out['trigger node (passes the emitted item on)'] = trig.executionTime;
		}
		if (filter) {
			out['→ IF start'] = filter.startTime - before;
			out['IF node'] = filter.executionTime;
			before = filter.startTime + filter.executionTime;
		}
		if (action) out['→ action start'] = action.startTime - before;
	} else if (trace.emitted !== undefined && trace['action-start'] !== undefined) {
		// No saved execution (e.g. EXECUTIONS_DATA_SAVE_ON_SUCCESS=none): n8n's part as one stage.
		out['emit → action start (n8n: execution, trigger node, IF)'] = trace['action-start'] - trace.emitted;
	}
	const actionStart = trace['action-start'] ?? action?.startTime;
	const sent = trace['request-sent'];
	if (actionStart !== undefined && sent !== undefined) {
		const credential = trace['credential-read'];
		if (credential !== undefined) {
			out['action start → credential read (ours, waiting on n8n getCredentials)'] = credential - actionStart;
			out['credential read → request sent (ours)'] = sent - credential;
		} else {
			out['action start → request sent (ours)'] = sent - actionStart;
		}
		out['request sent → arrives at GWS (n8n HTTP helper, network)'] = call.conferenceAt - sent;
	} else if (action) {
		out['action start → request arrives at GWS'] = call.conferenceAt - action.startTime;
	}
	if (action) {
		out['request arrives → action done (round trip back)'] = action.startTime + action.executionTime - call.conferenceAt;
		if (exec?.stoppedAt !== undefined) out['action done → execution stopped (saving)'] = exec.stoppedAt - (action.startTime + action.executionTime);
	} else if (trace.response !== undefined) {
		out['request arrives → response back in the action'] = trace.response - call.conferenceAt;
	}
	return out;
}
