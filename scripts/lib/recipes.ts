/**
 * The demo's recipes: one shell block per example workflow that, pasted as it is into a shell while `npm run demo`
 * runs, makes that example act, and what it then does. One list for the three places that show them: the demo's
 * closing text (scripts/demo.ts), the README's "Example workflows" section (generated; test/readme.test.ts compares,
 * `UPDATE_README=1 npx jest test/readme.test.ts` rewrites) and the e2e test that runs the README's blocks as they
 * are, with every example active side by side as in the demo (test/e2e/recipes.test.ts).
 *
 * Each recipe places its own call, so none depends on what another left behind (the hold escalation once held the
 * VIP call, which already had the supervisor on it, and its conference failed). A command that acts on a call a
 * flow answers first waits for it with the simulator's GET /simulator/calls/{id}/wait, not a guessed sleep.
 * Tooling only: not part of the package.
 */

/** The simulator's address the README shows (the demo's default port). */
export const README_SIM_URL = 'http://127.0.0.1:8090';

export interface Recipe {
	/** What it is about, e.g. "VIP call". */
	title: string;
	/** What the example workflows then do (one sentence or two). */
	outcome: string;
	/** The shell lines, for a simulator at `sim`. */
	commands(sim: string): string[];
}

const JSON_HEADER = "-H 'content-type: application/json'";
/** Places a call and keeps its id in $CALL (the control API answers {"callId":"...",...}). */
const placeCall = (sim: string, body: object) => [
	`CALL=$(curl -s -X POST ${sim}/simulator/calls ${JSON_HEADER} \\`,
	`  -d '${JSON.stringify(body)}' | sed -E 's/.*"callId":"([^"]+)".*/\\1/'); echo "call $CALL"`,
];
/** Waits (at most 10 s) until the user's leg of $CALL is in the state: no comment lines (zsh would run them). */
const waitFor = (sim: string, user: string, state: string) => [`curl -s "${sim}/simulator/calls/$CALL/wait?user=${user}&state=${state}"; echo`];
const asAgent = (sim: string, body: object) => [
	`curl -s -X POST "${sim}/simulator/agents/agent1/calls/$CALL" ${JSON_HEADER} \\`,
	`  -d '${JSON.stringify(body)}'; echo`,
];

export const RECIPES: Recipe[] = [
	{
		title: 'VIP call (answer-inbound-calls, auto-conference-supervisor)',
		outcome:
			'After 2 s of ringing the call is answered, then the supervisor (15002) is conferenced in and the call gets user data `SupervisorConferenced: "true"`. Held and retrieved later, it is not conferenced again: the trigger leaves out calls with that key (*Without User Data Key*).',
		commands: (sim) => placeCall(sim, { to: 'agent1', from: '5551234', userData: { VIP: 'true' } }),
	},
	{
		title: 'Hold escalation (hold-escalation)',
		outcome:
			'The agent holds the call once it is answered. 30 s later it is still held, so the flow flags it (`Escalated: "true"`), retrieves it and conferences the escalation desk 15001 (agent2 in the demo) in. A call retrieved within the 30 s is left alone.',
		commands: (sim) => [
			...placeCall(sim, { to: 'agent1', from: '5552000' }),
			...waitFor(sim, 'agent1', 'Established'),
			...asAgent(sim, { operationName: 'Hold' }),
		],
	},
	{
		title: 'Consult an expert (consult-conference)',
		outcome:
			'The agent sets `NeedsExpert: "true"` on the answered call: the flow flags the call `ExpertConsulted` (so a later user-data change does not start it again), starts a consult call to the expert line 5557000 and, once the expert answers, completes the conference (caller, agent and expert on one call).',
		commands: (sim) => [
			...placeCall(sim, { to: 'agent1', from: '5553000' }),
			...waitFor(sim, 'agent1', 'Established'),
			...asAgent(sim, { operationName: 'UpdateUserData', userData: { NeedsExpert: 'true' } }),
		],
	},
	{
		title: 'Supervisor listens in, then barges in (supervisor-listen-in-and-barge-in)',
		outcome:
			'The ringing call (user data `CustomerSegment: "VIP"`) makes supervisor1 listen in on the agent\'s next call; once answered, the supervisor hears it and nobody hears them. The agent flags it `Escalate: "true"` and the supervisor barges in: now everybody hears them.',
		commands: (sim) => [
			...placeCall(sim, { to: 'agent1', from: '5559000', userData: { CustomerSegment: 'VIP' } }),
			...waitFor(sim, 'supervisor1', 'Established'),
			...asAgent(sim, { operationName: 'UpdateUserData', userData: { Escalate: 'true' } }),
		],
	},
];

/**
 * Ends the last recipe's call for every party (a conference too: the caller hanging up would leave the agent and
 * the conferenced party on it), so the agent is free for the next one, as a real agent with one call at a time.
 */
export const hangUp = (sim: string) => [`curl -s -X POST "${sim}/simulator/calls/$CALL/end"; echo`];

/** The README block: each recipe as a bold title, what happens, and its bash block; then the hang-up line. */
export function renderRecipesMarkdown(): string {
	const block = (lines: string[]) => `   \`\`\`bash\n${lines.map((l) => `   ${l}`).join('\n')}\n   \`\`\`\n`;
	const recipes = RECIPES.map((r, i) => `${i + 1}. **${r.title}.** ${r.outcome}\n\n${block(r.commands(README_SIM_URL))}`);
	const end = `${RECIPES.length + 1}. **Done with a recipe's call:** everybody hangs up, the call ends.\n\n${block(hangUp(README_SIM_URL))}`;
	return [...recipes, end].join('\n');
}

/** The demo's closing text: the same recipes for the simulator it started. */
export function renderRecipesText(sim: string): string {
	const indent = (lines: string[]) => lines.map((l) => `  ${l}`).join('\n');
	const recipes = RECIPES.map((r, i) => `${i + 1}. ${r.title}:\n\n${indent(r.commands(sim))}\n`);
	return [...recipes, `Done with a recipe's call (everybody hangs up, the call ends):\n\n${indent(hangUp(sim))}\n`].join('\n');
}

/** The README's recipe blocks as a shell runs them: the code of each ```bash block in the section, in order. */
export function readmeRecipeBlocks(section: string): string[] {
	return [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) =>
		m[1]
			.split('\n')
			.map((line) => line.replace(/^ {3}/, ''))
			.join('\n'),
	);
}
