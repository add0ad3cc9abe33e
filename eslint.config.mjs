// n8n's community-package rules: the rule sets `n8n-node lint` (@n8n/node-cli's eslint config) and the community
// package scanner apply, assembled here from the same plugins, plus the exceptions this package documents in
// README "Why a runtime dependency". Not @n8n/node-cli itself: its import resolver pulls platform binaries the
// registry here does not serve, which leaves package-lock.json unusable for `npm ci`; its import-x rules are not
// among the scanner's rules.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const community = n8nCommunityNodesPlugin.configs.recommended;
const config = tseslint.config(
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended, community],
		rules: { 'prefer-spread': 'off', 'no-console': 'error' },
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		extends: [community],
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{
		files: ['./credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['./nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
);

// The one place that may import the CometD client (and own the timers its reconnect backoff needs).
const COMETD_ADAPTER = ['nodes/shared/cometd/**/*.ts'];
// Code n8n never loads: the simulator, tests, benchmarks and tooling scripts run as plain Node programs.
const NOT_NODE_CODE = ['simulator/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'];

// Import boundaries: the simulator stands for GWS, so it never shares code with the nodes (a shared mistake would
// then pass every test); the two node folders never import each other (what both use lives in nodes/shared).
const boundary = (files, group, message) => ({
	files,
	rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] },
});

// No runtime import cycle in the code n8n or the simulator runs: a cycle makes module load order matter (a class
// read before its module finished loading is undefined) and ties together files that change for different reasons.
// Type-only imports are erased at compile time and may go both ways.
const noImportCycles = {
	files: ['**/*.ts'],
	plugins: { 'import-x': importX },
	settings: {
		'import-x/extensions': ['.ts'],
		'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
		'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
	},
	rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
};

export default [
	...config,
	noImportCycles,
	boundary(
		['simulator/**/*.ts'],
		['**/nodes/**', '**/credentials/**', 'n8n-workflow', 'n8n-core'],
		'The simulator stands for GWS: it never imports node code (docs/ARCHITECTURE.md).',
	),
	boundary(
		['nodes/GenesysGws/**/*.ts'],
		['**/GenesysGwsTrigger/**'],
		'The action node never imports the trigger: move what both use to nodes/shared.',
	),
	boundary(
		['nodes/GenesysGwsTrigger/**/*.ts'],
		['**/GenesysGws/**'],
		'The trigger never imports the action node: move what both use to nodes/shared.',
	),
	boundary(
		['nodes/shared/**/*.ts', 'credentials/**/*.ts'],
		['**/GenesysGws/**', '**/GenesysGwsTrigger/**'],
		'nodes/shared and credentials serve both nodes and import neither.',
	),
	{ ignores: ['dist/**', 'node_modules/**', '**/*.js', '**/*.cjs', '**/*.mjs', '.n8n-cache/**'] },
	{
		files: ['package.json'],
		rules: {
			// cometd + cometd-nodejs-client are runtime dependencies on purpose (the trigger's Bayeux client);
			// test/package.test.ts asserts they are the only ones.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		files: COMETD_ADAPTER,
		rules: {
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
		},
	},
	{
		files: NOT_NODE_CODE,
		rules: {
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'no-console': 'off',
			'@typescript-eslint/no-require-imports': 'off',
			// Tests and tooling spawn processes (n8n, openssl) and read arbitrary GWS JSON.
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
		},
	},
	{
		// The console page runs in a browser. Its bundle ships in the package, and n8n's scanner lints every .js file
		// there as node code: the page reaches timers through `window` so that the bundle passes that rule too.
		files: ['simulator/console/page/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'error',
			// n8n's error classes are node code; the page shows its errors itself.
			'@n8n/community-nodes/require-node-api-error': 'off',
		},
	},
];
