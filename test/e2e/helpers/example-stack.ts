/**
 * What the example-workflow files share: one stack per file (the real n8n with the agent's and the supervisor's
 * credentials), the agent's own GWS client (what a softphone does), and the trigger activations. Call at the top of
 * the file; read the fields inside tests and hooks.
 */
import { TriggerActivations } from './activation';
import { AgentPhone } from './agent-phone';
import { AGENT, startStack, type Stack } from './stack';

export interface ExampleStack {
	stack: Stack;
	phone: AgentPhone;
	triggers: TriggerActivations;
}

export function useExampleStack(): ExampleStack {
	const current = {} as ExampleStack;
	beforeAll(async () => {
		current.stack = await startStack();
		current.phone = new AgentPhone(current.stack.sim.url, AGENT.username, AGENT.password);
		current.triggers = new TriggerActivations(current.stack, AGENT.username);
	}, 240_000);
	afterAll(async () => {
		await current.stack?.stop();
	});
	return current;
}
