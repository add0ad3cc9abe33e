/**
 * `npm run demo`: the real n8n with this package, the GWS simulator and the example workflows, ready to click.
 * Run through scripts/demo.sh (which builds nothing itself; this file does every step and shows progress).
 *
 * Steps: install n8n (cached) -> build + pack + install our tarball into a fresh demo user folder ->
 * simulator on 127.0.0.1:8090 -> n8n on 127.0.0.1:5678 -> owner account -> credential -> example
 * workflows imported and activated -> print the editor and console URLs, every login it made (the n8n owner, the
 * simulator's GWS users and which credential uses which) and the recipes (scripts/lib/recipes.ts), commands that
 * run as pasted. Ctrl-C stops all.
 *
 * Environment: GWS_DEMO_N8N_PORT (5678), GWS_DEMO_SIM_PORT (8090), GWS_DEMO_DIR (the n8n user folder;
 * default <cache>/demo, wiped on every start so each demo begins clean), GWS_N8N_VERSION, GWS_DEMO_N8N_ENV (JSON
 * object of extra n8n settings, e.g. '{"N8N_LOG_LEVEL":"debug"}').
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { DEMO_USERS, startSimulator } from '../simulator';
import { MCP_PATH } from './lib/aiExamples';
import { exampleFiles, readExample, type ExampleCredentials } from './lib/examples';
import { DEMO_OWNER, demoInstructions } from './lib/demoInstructions';
import { ensureN8n, ManagedProcess, n8nEnv, n8nVersion, packAndInstall, startN8n, freePort } from './lib/n8n-process';
import { N8nRest, type WorkflowJson } from './lib/n8n-rest';

const step = (text: string) => process.stderr.write(`\n==> ${text}\n`);

/** The MCP example's bearer token in the demo (the demo is local; pick your own token in a real n8n). */
const DEMO_MCP_TOKEN = 'demo-mcp-token';

/** Examples that need a credential the demo cannot have: the AI Agent example's chat model (users bring one). */
const NOT_IMPORTED: Record<string, string> = {
	'ai-call-control-agent.json': 'needs a chat model credential of your own; import it in the editor',
};

/** Example files with their credential placeholders pointed at the demo's agent and supervisor credentials. */
function exampleWorkflows(credentials: ExampleCredentials): Array<{ file: string; workflow: WorkflowJson }> {
	return exampleFiles()
		.filter((file) => !(file in NOT_IMPORTED))
		.map((file) => ({ file, workflow: readExample(file, credentials) }));
}

/** A credential for a demo user, pointing at the simulator. */
async function demoCredential(rest: N8nRest, baseUrl: string, user: { username: string; password: string }) {
	const name = `GWS simulator (${user.username})`;
	const { id } = await rest.createCredential({
		name,
		type: 'genesysGwsApi',
		data: { baseUrl, username: user.username, password: user.password, allowUnauthorizedCerts: false },
	});
	return { id, name };
}

async function main(): Promise<void> {
	const n8nPort = Number(process.env.GWS_DEMO_N8N_PORT ?? 5678);
	const simPort = Number(process.env.GWS_DEMO_SIM_PORT ?? 8090);
	const cacheRoot = process.env.GWS_N8N_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-genesys-gws');
	const userFolder = process.env.GWS_DEMO_DIR ?? path.join(cacheRoot, 'demo');

	step(`Installing n8n ${n8nVersion()} (cached after the first run; a fresh install takes ~5 minutes)`);
	const launcher = ensureN8n();

	step(`Building, packing and installing the package into ${userFolder}/.n8n/nodes`);
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	packAndInstall(userFolder);

	step(`Starting the GWS simulator on http://127.0.0.1:${simPort}`);
	const sim = await startSimulator({ port: simPort });

	step(`Starting n8n on http://127.0.0.1:${n8nPort} (about 20 s)`);
	const extra = JSON.parse(process.env.GWS_DEMO_N8N_ENV ?? '{}') as Record<string, string>;
	const env = n8nEnv({ userFolder, port: n8nPort, brokerPort: await freePort(), extra });
	let n8n: ManagedProcess | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		process.stderr.write('\nStopping n8n and the simulator...\n');
		await n8n?.stop();
		await sim.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	try {
		n8n = await startN8n(launcher, 'start', env, { name: 'n8n', logFile: path.join(userFolder, 'n8n.log') });
	} catch (error) {
		process.stderr.write(`${(error as Error).message}\n`);
		await stop(1);
		return;
	}

	step('Creating the owner account, the credential and the example workflows');
	const rest = new N8nRest(`http://127.0.0.1:${n8nPort}`);
	await rest.setupOwner(DEMO_OWNER);
	await rest.login(DEMO_OWNER);
	const agent = DEMO_USERS[0];
	const supervisor = DEMO_USERS.find((u) => u.roles?.includes('supervisor'))!;
	const credentials: ExampleCredentials = {
		agent: await demoCredential(rest, sim.url, agent),
		supervisor: await demoCredential(rest, sim.url, supervisor),
		mcpBearer: {
			id: (await rest.createCredential({ name: 'MCP bearer token', type: 'httpBearerAuth', data: { token: DEMO_MCP_TOKEN } })).id,
			name: 'MCP bearer token',
		},
	};
	for (const { file, workflow } of exampleWorkflows(credentials)) {
		const created = await rest.createWorkflow(workflow);
		const hasTrigger = workflow.nodes.some((n) => String(n.type).endsWith('Trigger') || String(n.type).endsWith('webhook'));
		if (hasTrigger) await rest.activateWorkflow(created.id, created.versionId);
		process.stderr.write(`    ${file}: "${workflow.name}"${hasTrigger ? ' (active)' : ''}\n`);
	}
	for (const [file, why] of Object.entries(NOT_IMPORTED)) process.stderr.write(`    ${file}: not imported (${why})\n`);
	const mcpUrl = `http://127.0.0.1:${n8nPort}/mcp/${MCP_PATH}`;

	process.stdout.write(
		demoInstructions({
			editorUrl: `http://127.0.0.1:${n8nPort}`,
			owner: DEMO_OWNER,
			simUrl: sim.url,
			users: DEMO_USERS,
			credentials,
			logFile: path.join(userFolder, 'n8n.log'),
			mcp: { url: mcpUrl, token: DEMO_MCP_TOKEN },
		}),
	);
}

main().catch((error: Error) => {
	process.stderr.write(`demo failed: ${error.stack ?? error.message}\n`);
	process.exit(1);
});
