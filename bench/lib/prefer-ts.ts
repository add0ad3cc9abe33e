/**
 * Under ts-node, `import '.../GenesysGws.node'` resolves to the codex file GenesysGws.node.json: Node tries
 * require.extensions in insertion order (.js, .json, .node, then ts-node's .ts). Jest prefers .ts, ts-node does
 * not. Re-insert .json and .node after .ts so the node's TypeScript source wins. Must be the first import.
 */
const Module = require('module') as { _extensions: Record<string, unknown> };

const ext = Module._extensions;
if (ext['.ts']) {
	for (const name of ['.json', '.node']) {
		const handler = ext[name];
		if (!handler) continue;
		delete ext[name];
		ext[name] = handler;
	}
}
