/**
 * The README's demo recipes, followed literally: every example workflow imported and active side by side in the real
 * n8n (as `npm run demo` does, agent's and supervisor's credentials), then each ```bash block of the README's
 * recipes section run by bash as written (only the simulator's address is this stack's instead of the demo's
 * port), one after the other, each followed by the README's hang-up block. What each recipe says happens is checked
 * in the simulator's request log and call legs; at the end no execution of any example failed.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { triggerExampleFiles } from '../../scripts/lib/examples';
import { REPO_ROOT } from '../../scripts/lib/n8n-process';
import { README_SIM_URL, RECIPES, readmeRecipeBlocks } from '../../scripts/lib/recipes';
import { useExampleStack } from './helpers/example-stack';
import { simReads } from './helpers/sim-reads';
import { AGENT, SUPERVISOR } from './helpers/stack';
import { loadExample } from './helpers/workflows';

const ex = useExampleStack();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The README's blocks between the recipes markers: one per recipe, then the hang-up block. */
function readmeBlocks(): string[] {
	const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
	const section = /<!-- recipes:start[^>]*-->([\s\S]*?)<!-- recipes:end -->/.exec(readme);
	if (!section) throw new Error('README.md has no recipes section (<!-- recipes:start --> ... <!-- recipes:end -->)');
	return readmeRecipeBlocks(section[1]);
}

/**
 * Runs a block with bash, asynchronously (the simulator answering it runs in this process). `CALL` = what an
 * earlier block of the same shell session set.
 */
function bash(block: string, env: Record<string, string> = {}): Promise<{ status: number | null; out: string }> {
	const script = block.split(README_SIM_URL).join(ex.stack.sim.url);
	return new Promise((resolve, reject) => {
		const child = spawn('bash', ['-c', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d) => (out += String(d)));
		child.stderr.on('data', (d) => (out += String(d)));
		const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		child.on('error', reject);
		child.on('close', (status) => {
			clearTimeout(timer);
			resolve({ status, out });
		});
	});
}

const { posts, until, leg, deviceOf } = simReads(ex);
const onCall = (callId: string) => `/api/v2/me/calls/${callId}`;

let blocks: string[] = [];
const workflows: string[] = [];

beforeAll(async () => {
	blocks = readmeBlocks();
	// As the demo: every call-flow example, at once (the MCP example's tools only run when a client calls them).
	for (const file of triggerExampleFiles()) {
		const workflow = loadExample(file, ex.stack.credential, ex.stack.supervisorCredential);
		const users = JSON.stringify(workflow).includes(ex.stack.supervisorCredential.id) ? [AGENT.username, SUPERVISOR.username] : [AGENT.username];
		workflows.push(await ex.triggers.activate(workflow, users));
	}
}, 120_000);

/** Runs recipe `i` as the README shows it; returns its call id (what `echo "call $CALL"` printed). */
async function runRecipe(i: number): Promise<string> {
	const { status, out } = await bash(blocks[i]);
	expect({ status, out }).toEqual({ status: 0, out: expect.stringMatching(/^call \S+\n/) });
	expect(out).not.toContain('error');
	return /^call (\S+)/.exec(out)![1];
}

/** The README's hang-up block, in the shell session that ran the recipe (its $CALL). */
async function hangUp(callId: string): Promise<void> {
	const { status, out } = await bash(blocks[RECIPES.length], { CALL: callId });
	expect({ status, out }).toEqual({ status: 0, out: '{"ok":true}\n' });
	expect(ex.stack.sim.calls().filter((c) => c.id === callId)).toEqual([]);
}

it('the README has one block per recipe and the hang-up block, the ones the demo prints', () => {
	expect(blocks).toHaveLength(RECIPES.length + 1);
	RECIPES.forEach((r, i) => expect(blocks[i]).toBe(`${r.commands(README_SIM_URL).join('\n')}\n`));
	expect(workflows).toHaveLength(5);
});

it('1. VIP call: answered, the supervisor conferenced in once, not again after a Hold and Retrieve', async () => {
	const since = ex.triggers.lastRequestSeq();
	const callId = await runRecipe(0);
	expect(await posts(since, 2)).toEqual([
		{ user: AGENT.username, path: onCall(callId), body: { operationName: 'Answer' } },
		{
			user: AGENT.username,
			path: onCall(callId),
			body: { operationName: 'SingleStepConference', destination: { phoneNumber: '15002' }, userData: { SupervisorConferenced: 'true' } },
		},
	]);
	await until('the supervisor on the call', () => leg(SUPERVISOR.username, callId)?.state, (s) => s === 'Established');
	// The failure the issue found: Established again after a Hold ran the conference a second time.
	ex.stack.sim.agentCallOperation(AGENT.username, callId, { operationName: 'Hold' });
	ex.stack.sim.agentCallOperation(AGENT.username, callId, { operationName: 'Retrieve' });
	await sleep(3000);
	expect(await posts(since, 99, 0)).toHaveLength(2);
	await hangUp(callId);
});

it('2. Hold escalation: held 30 s, then flagged, retrieved and the escalation desk 15001 conferenced in', async () => {
	const since = ex.triggers.lastRequestSeq();
	const callId = await runRecipe(1);
	expect(leg(AGENT.username, callId)?.state).toBe('Held');
	expect(await posts(since, 4, 50_000)).toEqual([
		{ user: AGENT.username, path: onCall(callId), body: { operationName: 'Answer' } },
		{ user: AGENT.username, path: onCall(callId), body: { operationName: 'UpdateUserData', userData: { Escalated: 'true' } } },
		{ user: AGENT.username, path: onCall(callId), body: { operationName: 'Retrieve' } },
		{ user: AGENT.username, path: onCall(callId), body: { operationName: 'SingleStepConference', destination: { phoneNumber: '15001' } } },
	]);
	await until('agent2 (the desk) on the call', () => leg('agent2', callId)?.state, (s) => s === 'Established');
	expect(leg(AGENT.username, callId)).toMatchObject({ state: 'Established', participants: expect.arrayContaining(['5552000', '15001']) });
	await hangUp(callId);
}, 120_000);

it('3. Consult an expert: the consult call to 5557000, then one conference of caller, agent and expert', async () => {
	const since = ex.triggers.lastRequestSeq();
	const callId = await runRecipe(2);
	const sent = await posts(since, 4, 30_000);
	expect(sent.map((p) => p.body)).toEqual([
		{ operationName: 'Answer' },
		{ operationName: 'UpdateUserData', userData: { ExpertConsulted: 'true' } },
		{ operationName: 'InitiateConference', destination: { phoneNumber: '5557000' } },
		{ operationName: 'CompleteConference' },
	]);
	const joined = await until('the expert on the call', () => leg(AGENT.username, callId), (c) => (c?.participants ?? []).includes('5557000'));
	expect(joined).toMatchObject({ state: 'Established', participants: expect.arrayContaining(['5553000', '5557000']) });
	await hangUp(callId);
}, 120_000);

it('4. Supervisor: listens in silently on the VIP call, barges in on the escalation flag', async () => {
	const since = ex.triggers.lastRequestSeq();
	const callId = await runRecipe(3);
	const agentDeviceUri = `${ex.stack.sim.url}/api/v2/devices/${deviceOf(AGENT.username).deviceId}`;
	expect(await posts(since, 3)).toEqual([
		{
			user: SUPERVISOR.username,
			path: `/api/v2/me/devices/${deviceOf(SUPERVISOR.username).deviceId}`,
			body: { operationName: 'ListenIn', targetDeviceUri: agentDeviceUri, supervisorMonitoringMode: 'NextCall' },
		},
		{ user: AGENT.username, path: onCall(callId), body: { operationName: 'Answer' } },
		{ user: SUPERVISOR.username, path: onCall(callId), body: { operationName: 'SwitchToBargeIn' } },
	]);
	const barged = await until('the supervisor barged in', () => leg(SUPERVISOR.username, callId), (c) => c?.mute === 'Off');
	expect(barged?.heardBy).toEqual(expect.arrayContaining(['5559000', AGENT.phoneNumber]));
	await hangUp(callId);
	await until('monitoring ended with the call', () => deviceOf(SUPERVISOR.username).device.supervisorMonitoringState, (s) => s === undefined);
});

it('no execution of any example failed, however the recipes overlapped (each waits out its own timers)', async () => {
	// The hold escalation's executions for held calls (recipes 1 and 3 hold theirs) end 30 s after their Hold.
	await sleep(32_000);
	const failed: unknown[] = [];
	for (const id of workflows) {
		for (const e of await ex.stack.rest.executions(id)) if (!['success', 'waiting', 'running', 'new'].includes(e.status)) failed.push({ workflow: id, ...e });
	}
	expect(failed).toEqual([]);
}, 60_000);
