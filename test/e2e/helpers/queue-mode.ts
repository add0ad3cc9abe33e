/**
 * What a queue-mode stack must show, from n8n's own logs and its database: it runs on PostgreSQL (n8n logs
 * "Scaling mode is not officially supported with sqlite" at start on SQLite, and keeps no database.sqlite
 * otherwise), and executions run on a worker, never on main.
 */
import * as fs from 'fs';
import * as path from 'path';

import { workerThatRan, type Stack } from './stack';

export function expectRunsOnPostgres(stack: Stack): void {
	expect(stack.n8n.database).toBe('postgresdb');
	for (const proc of [stack.main, ...stack.workers]) {
		expect(proc.output()).not.toMatch(/not officially supported with sqlite/i);
		expect(proc.output()).not.toMatch(/SQLITE_/);
	}
	expect(fs.existsSync(path.join(stack.userFolder, '.n8n', 'database.sqlite'))).toBe(false);
}

/** The workflow's executions as rows of n8n's PostgreSQL database (not through n8n's API). */
export function executionRowsInPostgres(stack: Stack, workflowId: string): number {
	return Number(stack.n8n.postgres!.query(`SELECT count(*) FROM execution_entity WHERE "workflowId" = '${workflowId.replace(/'/g, "''")}'`));
}

/** Each execution was started by a worker (its log names it), and main started none. */
export function expectRanOnWorkers(stack: Stack, executionIds: string[]): void {
	for (const id of executionIds) {
		expect({ id, worker: workerThatRan(stack, id) }).toEqual({ id, worker: expect.stringMatching(/^n8n worker \d$/) });
		expect(stack.main.output()).not.toMatch(new RegExp(`Worker started execution ${id}\\b`));
	}
}
