/**
 * Opt-in timing lines for the reaction benchmark (bench/reaction.ts, README "Performance"): through n8n's logger at
 * debug level, so they cost nothing unless n8n runs with N8N_LOG_LEVEL=debug. `at` is epoch milliseconds with
 * sub-millisecond precision, on the same clock as the simulator's logs when both run on one machine.
 *
 * Stages: `received` (the trigger got a call notification from CometD), `emitted` (right before the trigger's emit),
 * `action-start` (the action node begins an item), `credential-read` (the credential is there: n8n's getCredentials
 * answered for a run's first item, later items find it read), `request-sent` (its operation request goes to n8n's HTTP helper),
 * `response` (GWS's reply is back).
 */
import type { Logger } from 'n8n-workflow';

export type TraceStage = 'received' | 'emitted' | 'action-start' | 'credential-read' | 'request-sent' | 'response';

export function trace(logger: Logger, stage: TraceStage, callId: unknown): void {
	logger.debug('GWS trace', {
		gwsTrace: stage,
		callId: typeof callId === 'string' ? callId : undefined,
		at: performance.timeOrigin + performance.now(),
	});
}
