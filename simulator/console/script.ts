/**
 * The console page's script: its TypeScript modules (page/*.ts) bundled for the browser by esbuild. `npm run build`
 * writes the bundle next to the compiled console modules (dist/simulator/console/app.js, shipped in the package);
 * running from the TypeScript sources (ts-node: `npm run simulator`; jest) bundles them on first use, so the page
 * is never older than its sources and no bundle is ever committed.
 * Build step: `ts-node --transpile-only simulator/console/script.ts <outfile>` (package.json "build:console").
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { BuildOptions } from 'esbuild';

/** The bundle's name beside the compiled console modules. */
const BUNDLE_FILE = 'app.js';
const FROM_SOURCES = __filename.endsWith('.ts');

let script: string | undefined;

/** The script the console page runs (cached: built or read once per process). */
export function consoleScript(): string {
	script ??= FROM_SOURCES ? bundleConsoleScript() : readBundle();
	return script;
}

function readBundle(): string {
	const file = join(__dirname, BUNDLE_FILE);
	if (!existsSync(file)) throw new Error(`The console's script ${file} is missing: build the package with npm run build`);
	return readFileSync(file, 'utf8');
}

/** How esbuild bundles page/main.ts and what it imports into one browser script (plain data: a test passes it on). */
export function consoleBuildOptions(): BuildOptions & { write: false } {
	return {
		entryPoints: [join(__dirname, 'page', 'main.ts')],
		bundle: true,
		write: false,
		// A browser script: node modules cannot be resolved here, so simulator code that reached the page fails the build.
		platform: 'browser',
		format: 'iife',
		target: 'es2020',
		charset: 'utf8',
		legalComments: 'none',
		logLevel: 'silent',
	};
}

/** The bundle (esbuild: a devDependency, so only in the repository; the packed package has the built file). */
function bundleConsoleScript(): string {
	const esbuild = require('esbuild') as typeof import('esbuild');
	return esbuild.buildSync(consoleBuildOptions()).outputFiles[0].text;
}

if (require.main === module) {
	const out = process.argv[2];
	if (!out) throw new Error('usage: ts-node simulator/console/script.ts <outfile>');
	writeFileSync(out, bundleConsoleScript());
}
