/**
 * What `npm run demo` prints once everything runs: where to click, every login it made (the n8n owner, each GWS user
 * of the simulator with the n8n credential made for it) and the recipes, commands that run as pasted (no
 * placeholder to fill in). test/demo-instructions.test.ts runs the recipes' shell lines through `bash -n` and
 * checks that each password is there.
 */
import type { SimUserConfig } from '../../simulator/api';
import type { ExampleCredentials } from './examples';
import type { Owner } from './n8n-rest';
import { renderRecipesText } from './recipes';

/** The n8n owner account the demo creates. */
export const DEMO_OWNER: Owner = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Demo-pass-1',
};

export interface DemoFacts {
	editorUrl: string;
	owner: Owner;
	simUrl: string;
	users: SimUserConfig[];
	credentials: ExampleCredentials;
	logFile: string;
	/** The MCP example's endpoint and bearer token, when it is active. */
	mcp?: { url: string; token: string };
}

function mcpInstructions(mcp: DemoFacts['mcp']): string {
	if (!mcp) return '';
	return `AI agents (examples/ai-call-control-mcp.json, active): an MCP server with ten call-control tools.

  Endpoint:  ${mcp.url}  (Streamable HTTP)
  Token:     ${mcp.token}  (Authorization: Bearer ...)
  List the tools:  npm run -s mcp -- ${mcp.url} ${mcp.token}
  Call one:        npm run -s mcp -- ${mcp.url} ${mcp.token} list_my_calls '{}'

`;
}

export function demoInstructions(facts: DemoFacts): string {
	const credentials = [facts.credentials.agent, facts.credentials.supervisor];
	const logins = facts.users.map((u) => {
		const credential = credentials.find((c) => c?.name.endsWith(`(${u.username})`));
		const used = credential ? `; n8n credential "${credential.name}"` : '';
		return `             ${u.username} / ${u.password}  (DN ${u.phoneNumber}, ${(u.roles ?? ['agent']).join(' + ')}${used})`;
	});
	return `
n8n with the Genesys GWS nodes is running.

  Editor:    ${facts.editorUrl}
  Login:     ${facts.owner.email} / ${facts.owner.password}
  Console:   ${facts.simUrl}/simulator/console  (place calls; watch agents, calls and what GWS sent, live)
  Simulator: ${facts.simUrl}, its GWS users (username / password):
${logins.join('\n')}

Every example workflow is active. Each recipe below places its own call: paste a block into your shell as it is.
(The console's "Place call" does the first one too: its user data is already {"VIP": "true"}.)

${renderRecipesText(facts.simUrl)}
${mcpInstructions(facts.mcp)}Then watch the calls in the console and the executions in the editor. n8n's log: ${facts.logFile}
Press Ctrl-C to stop n8n and the simulator.
`;
}
