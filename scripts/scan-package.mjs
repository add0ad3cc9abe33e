#!/usr/bin/env node
// Lints the packed tarball the way n8n's community package scanner does (@n8n/scan-community-package's own
// lint config, buildScanConfig). Its provenance step needs a package published from CI, so it cannot run here.
// The findings must be exactly the documented exceptions (README "Why a runtime dependency"); anything else
// fails. Usage: node scripts/scan-package.mjs [path/to/package.tgz]   (default: npm pack of this repo)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import glob from 'fast-glob';
import { buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-scan-'));

let tarball = process.argv[2];
if (!tarball) {
	const out = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: repo, encoding: 'utf8' });
	tarball = path.join(work, out.trim().split('\n').pop());
}
execFileSync('tar', ['xzf', tarball, '-C', work]);
const packageDir = path.join(work, 'package');

// Documented exceptions (README "Why a runtime dependency"): the CometD client is a runtime dependency imported
// (with its timers) only by the adapter; the simulator bin is a plain Node server that n8n never loads; the
// credential test context (ICredentialTestFunctions) offers only helpers.request, and a declarative test would
// make n8n's editor skip the node's test that says why a login failed.
const ALLOWED = [
	// False positive on the contract name `allowUnauthorizedCerts` (a boolean; the rule matches "auth" in it).
	{
		file: /^(dist\/)?credentials\/GenesysGwsApi\.credentials\.(js|ts)$/,
		rules: ['@n8n/community-nodes/credential-password-field'],
	},
	{
		file: /^(dist\/)?nodes\/shared\/credentialTest\.(js|ts)$/,
		rules: ['@n8n/community-nodes/no-deprecated-workflow-functions'],
	},
	{ file: /^package\.json$/, rules: ['@n8n/community-nodes/no-runtime-dependencies'] },
	{
		file: /^(dist\/)?nodes\/shared\/cometd\/[^/]+\.(js|ts)$/,
		rules: ['@n8n/community-nodes/no-restricted-imports', '@n8n/community-nodes/no-restricted-globals'],
	},
	// The console page's browser bundle (dist/simulator/console/app.js) has no exception: it must pass as it is.
	{
		file: /^dist\/simulator\/(?!console\/app\.js$).+\.js$/,
		rules: [
			'@n8n/community-nodes/no-restricted-imports',
			'@n8n/community-nodes/no-restricted-globals',
			'no-console',
		],
	},
];

// The scanner's two legs: the tarball (compiled JS + package.json) and the source it was built from.
const LEGS = [
	{ name: path.basename(tarball), dir: packageDir, patterns: ['**/*.js', '**/*.ts', '**/*.json'], ignore: [] },
	{ name: 'source', dir: repo, patterns: ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'], ignore: ['dist/**'] },
];
let unexpected = 0;
for (const leg of LEGS) {
	// As the scanner: inline eslint-disable comments do not count.
	const eslint = new ESLint({ cwd: leg.dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await buildScanConfig() });
	const files = glob.sync(leg.patterns, { cwd: leg.dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json', ...leg.ignore] });
	const results = await eslint.lintFiles(files);
	const excepted = new Map();
	for (const result of results) {
		const file = path.relative(leg.dir, result.filePath);
		for (const m of result.messages) {
			if (m.severity < 2) continue;
			if (ALLOWED.some((a) => a.file.test(file) && a.rules.includes(m.ruleId))) {
				const key = `${m.ruleId} in ${file.replace(/[^/]+\.(js|ts)$/, '*')}`;
				excepted.set(key, (excepted.get(key) ?? 0) + 1);
			} else {
				unexpected++;
				console.error(`${leg.name}: ${file}:${m.line}:${m.column} ${m.ruleId ?? 'parse'}: ${m.message}`);
			}
		}
	}
	console.log(`scanned ${files.length} files of ${leg.name} with n8n's community package scanner rules`);
	for (const [key, count] of excepted) console.log(`  documented exception: ${key} (${count})`);
}
console.log(unexpected === 0 ? 'scan: no findings beyond the documented exceptions' : `scan: ${unexpected} unexpected finding(s)`);
fs.rmSync(work, { recursive: true, force: true });
process.exit(unexpected === 0 ? 0 : 1);
