 
/**
 * Runs once before the e2e files: installs the real n8n (cached; minutes on a fresh machine) and builds + packs
 * this package. Nothing is skipped: if n8n cannot be installed, the suite fails here with the reason.
 */
import { buildAndPack, ensureN8n, n8nVersion } from '../../../scripts/lib/n8n-process';

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	process.stderr.write(`\n[e2e] installing n8n ${n8nVersion()} (cached after the first run)\n`);
	process.env.GWS_E2E_N8N = ensureN8n();

	process.stderr.write('[e2e] building and packing the package\n');
	const tarball = buildAndPack('the e2e suite');
	process.env.GWS_E2E_TARBALL = tarball;
	process.stderr.write(`[e2e] ready in ${Math.round((Date.now() - started) / 1000)} s: ${tarball}\n`);
}
