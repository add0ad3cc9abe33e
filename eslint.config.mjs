// n8n's community-package rules (the same config `n8n-node lint` and the community package scanner apply),
// plus the exceptions this package documents in README "Why a runtime dependency".
import { config } from '@n8n/node-cli/eslint';

// The one place that may import the CometD client (and own the timers its reconnect backoff needs).
const COMETD_ADAPTER = ['nodes/shared/cometd/**/*.ts'];
// Code n8n never loads: the simulator, tests, benchmarks and tooling scripts run as plain Node programs.
const NOT_NODE_CODE = ['simulator/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'];

export default [
	...config,
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
];
