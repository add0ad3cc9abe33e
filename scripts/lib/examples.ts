/**
 * The example workflows (examples/*.json) as the demo and the e2e suite import them: each Genesys node's credential
 * placeholder pointed at a real credential. The files name two placeholders: the agent's credential (every example)
 * and the supervisor's (the supervisor example: a user with the supervisor role).
 */
import * as fs from 'fs';
import * as path from 'path';

import { REPO_ROOT } from './n8n-process';
import type { WorkflowJson } from './n8n-rest';

interface CredentialRef {
	id: string;
	name: string;
}

export interface ExampleCredentials {
	agent: CredentialRef;
	supervisor?: CredentialRef;
	/** The MCP example's trigger: an httpBearerAuth credential (its token is what MCP clients send). */
	mcpBearer?: CredentialRef;
}

/** The credential ids the example files carry, by role. */
const CREDENTIAL_PLACEHOLDERS: Record<keyof ExampleCredentials, string> = {
	agent: 'REPLACE_WITH_YOUR_CREDENTIAL_ID',
	supervisor: 'REPLACE_WITH_YOUR_SUPERVISOR_CREDENTIAL_ID',
	mcpBearer: 'REPLACE_WITH_YOUR_BEARER_CREDENTIAL_ID',
};

/** Credential types whose placeholders are replaced (others, e.g. a chat model's, are the user's to pick). */
const REPLACED_TYPES = ['genesysGwsApi', 'httpBearerAuth'];

const EXAMPLES = path.join(REPO_ROOT, 'examples');

export function exampleFiles(): string[] {
	return fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
}

/**
 * The call flows: examples a Genesys GWS Trigger starts (the ones the demo's recipes drive), not the AI tool examples,
 * which an MCP client or a chat starts.
 */
export function triggerExampleFiles(): string[] {
	return exampleFiles().filter((file) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) as WorkflowJson;
		return workflow.nodes.some((node) => String(node.type).endsWith('.genesysGwsTrigger'));
	});
}

/** An example with its credential placeholders replaced; a placeholder without a credential given is an error. */
export function readExample(file: string, credentials: ExampleCredentials): WorkflowJson {
	const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) as WorkflowJson;
	for (const node of workflow.nodes) {
		const creds = node.credentials as Record<string, CredentialRef> | undefined;
		for (const type of REPLACED_TYPES.filter((t) => creds && t in creds)) {
			const role = (Object.keys(CREDENTIAL_PLACEHOLDERS) as Array<keyof ExampleCredentials>).find(
				(r) => CREDENTIAL_PLACEHOLDERS[r] === creds![type].id,
			);
			const credential = role && credentials[role];
			if (!credential) {
				throw new Error(`${file}: node "${String(node.name)}" has credential "${creds![type].id}", and no credential was given for it`);
			}
			creds![type] = { id: credential.id, name: credential.name };
		}
	}
	return workflow;
}
