/**
 * The README's install route for today, followed literally: the bash block between its install-tarball markers
 * runs as written, with HOME pointing at a fresh folder (so `~/.n8n` is a fresh n8n user folder, which is also the
 * N8N_USER_FOLDER of the n8n started afterwards: the README's "restart n8n"). Then the cached real n8n starts on
 * that folder and the VIP example runs against the simulator. Skipped from the block: the lines that make the
 * clone (`git clone`, `cd` into it, `npm ci`), since the suite runs inside one.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { REPO_ROOT } from '../../scripts/lib/n8n-process';
import { TriggerActivations } from './helpers/activation';
import { AGENT, startStack, type Stack } from './helpers/stack';
import { ACTION_TYPE, loadExample, TRIGGER_TYPE } from './helpers/workflows';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The README's block, without the lines that make the clone. */
function readmeInstallBlock(): { block: string; run: string } {
	const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
	const section = /<!-- install-tarball:start[^>]*-->\s*```bash\n([\s\S]*?)```\s*<!-- install-tarball:end -->/.exec(readme);
	if (!section) throw new Error('README.md has no install-tarball block (<!-- install-tarball:start --> ```bash ... ``` <!-- install-tarball:end -->)');
	const block = section[1];
	const run = block
		.split('\n')
		.filter((line) => !/^\s*(git clone\b|cd n8n-nodes-genesys-gws\b|npm ci\b)/.test(line))
		.join('\n');
	return { block, run };
}

let stack: Stack;
let packed = '';
let installLog = '';

beforeAll(async () => {
	stack = await startStack({
		install: (userFolder) => {
			const { run } = readmeInstallBlock();
			// npm's download cache stays the real one (a new HOME would start with an empty cache); nothing else of
			// the developer's npm or n8n setup comes along.
			const npmCache = process.env.npm_config_cache ?? path.join(os.homedir(), '.npm');
			const result = spawnSync('bash', ['-euo', 'pipefail', '-c', `${run}\necho "README-TARBALL=$TARBALL"`], {
				cwd: REPO_ROOT,
				env: { PATH: process.env.PATH, HOME: userFolder, LANG: process.env.LANG ?? 'C.UTF-8', npm_config_cache: npmCache },
				encoding: 'utf8',
			});
			installLog = `${result.stdout}\n${result.stderr}`;
			packed = /README-TARBALL=(.*)/.exec(result.stdout ?? '')?.[1]?.trim() ?? '';
			if (result.status !== 0) throw new Error(`the README's install block failed (exit ${String(result.status)}):\n${installLog.slice(-3000)}`);
		},
	});
}, 400_000);

afterAll(async () => {
	await stack?.stop();
	// `npm pack` wrote the tarball into the clone, as the README says; the test's clone is this repository.
	if (packed && packed.startsWith(REPO_ROOT) && fs.existsSync(packed)) fs.rmSync(packed);
});

it('the README block packs this version and installs it into ~/.n8n/nodes, without a second n8n-workflow', () => {
	const { block } = readmeInstallBlock();
	expect(block).toMatch(/npm install --omit=peer "\$TARBALL"/);
	expect(path.basename(packed)).toBe(`n8n-nodes-genesys-gws-${version}.tgz`);
	const nodes = path.join(stack.userFolder, '.n8n', 'nodes', 'node_modules');
	const installed = JSON.parse(fs.readFileSync(path.join(nodes, 'n8n-nodes-genesys-gws', 'package.json'), 'utf8')) as { version: string };
	expect(installed.version).toBe(version);
	expect(fs.existsSync(path.join(nodes, 'cometd', 'package.json'))).toBe(true);
	expect(fs.existsSync(path.join(nodes, 'n8n-workflow'))).toBe(false);
});

it('n8n started on that user folder loads both nodes and the credential', async () => {
	const types = (await stack.rest.request('GET', '/types/nodes.json')).body as Array<{ name: string }>;
	expect(types.map((t) => t.name)).toEqual(expect.arrayContaining([ACTION_TYPE, TRIGGER_TYPE]));
	const credentials = (await stack.rest.request('GET', '/types/credentials.json')).body as Array<{ name: string }>;
	expect(credentials.map((c) => c.name)).toContain('genesysGwsApi');
	expect(stack.main.output()).not.toMatch(/n8n-nodes-genesys-gws.*(error|failed)/i);
});

it('the VIP example runs against the simulator: an answered VIP call gets the supervisor conferenced in', async () => {
	const triggers = new TriggerActivations(stack, AGENT.username);
	await triggers.activate(loadExample('auto-conference-supervisor.json', stack.credential));
	const since = triggers.lastRequestSeq();
	const { callId } = await stack.sim.placeInboundCall({ to: AGENT.username, from: '5557777', userData: { VIP: 'true' } });
	stack.sim.agentCallOperation(AGENT.username, callId, { operationName: 'Answer' });
	const deadline = Date.now() + 30_000;
	const conference = () =>
		stack.sim.requests().filter((r) => r.seq > since && r.method === 'POST' && r.path === `/api/v2/me/calls/${callId}`).map((r) => r.body);
	while (conference().length === 0 && Date.now() < deadline) await sleep(200);
	expect(conference()).toEqual([{ operationName: 'SingleStepConference', destination: { phoneNumber: '15002' }, userData: { SupervisorConferenced: 'true' } }]);
});
