 
/**
 * Runs once before the e2e files: installs the real n8n (cached; minutes on a fresh machine) and builds + packs
 * this package. Nothing is skipped: if n8n cannot be installed, the suite fails here with the reason.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ensureN8n, n8nVersion, REPO_ROOT } from '../../../scripts/lib/n8n-process';
import { spawnSync } from 'child_process';

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	process.stderr.write(`\n[e2e] installing n8n ${n8nVersion()} (cached after the first run)\n`);
	process.env.GWS_E2E_N8N = ensureN8n();

	process.stderr.write('[e2e] building and packing the package\n');
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gws-e2e-pack-'));
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
	if (build.status !== 0) throw new Error('npm run build failed; the e2e suite tests the built, packed package');
	const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const name = (pack.stdout ?? '').trim().split('\n').pop() ?? '';
	const tarball = path.join(packDir, name);
	if (pack.status !== 0 || !name || !fs.existsSync(tarball)) throw new Error('npm pack failed');
	process.env.GWS_E2E_TARBALL = tarball;
	process.stderr.write(`[e2e] ready in ${Math.round((Date.now() - started) / 1000)} s: ${tarball}\n`);
}
