/**
 * Where the editor's Docs links go: this package's README, at the section about the node or credential (not the
 * vendor's API pages, which say nothing about the nodes' fields). n8n uses a description's `documentationUrl` as it
 * is; the codex files (*.node.json) and the credential carry the same addresses as literals, and
 * test/package.test.ts checks them all against the README's headings.
 */
const README = 'https://github.com/n8n-nodes-genesys-gws/n8n-nodes-genesys-gws';

/** README sections the editor links to, by what links there. */
export const DOCS = {
	actionNode: `${README}#operations-genesys-gws-node`,
	triggerNode: `${README}#genesys-gws-trigger`,
} as const;
