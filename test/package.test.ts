/**
 * The package contract n8n and our users rely on: how n8n finds the nodes, and the one documented exception to
 * n8n's "no runtime dependencies" rule (the CometD client the trigger is built on).
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json', () => {
	it('is a community node package', () => {
		expect(pkg.name).toBe('n8n-nodes-genesys-gws');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.files).toEqual(['dist']);
	});

	it('lists every built node and credential, each backed by a source file', () => {
		const entries: string[] = [...pkg.n8n.credentials, ...pkg.n8n.nodes];
		expect(pkg.n8n.credentials).toEqual(['dist/credentials/GenesysGwsApi.credentials.js']);
		expect(pkg.n8n.nodes).toEqual([
			'dist/nodes/GenesysGws/GenesysGws.node.js',
			'dist/nodes/GenesysGwsTrigger/GenesysGwsTrigger.node.js',
		]);
		for (const entry of entries) {
			const source = entry.replace(/^dist\//, '').replace(/\.js$/, '.ts');
			expect(fs.existsSync(path.join(root, source))).toBe(true);
		}
	});

	it('depends at runtime on the CometD client only', () => {
		expect(Object.keys(pkg.dependencies).sort()).toEqual(['cometd', 'cometd-nodejs-client']);
		// Exact pins: these are the CommonJS releases n8n can require() on Node 20 and 24.
		for (const version of Object.values(pkg.dependencies)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
	});

	it('takes n8n-workflow from the host n8n and pins the test runtime to one release', () => {
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.devDependencies['n8n-core']).toMatch(/^2\.41\.\d+$/);
		expect(pkg.devDependencies['n8n-workflow']).toMatch(/^2\.41\.\d+$/);
		const core = JSON.parse(
			fs.readFileSync(path.join(root, 'node_modules/n8n-core/package.json'), 'utf8'),
		);
		// n8n-core declares the n8n-workflow it was released with: ours must be that one.
		expect(core.dependencies['n8n-workflow']).toBe(pkg.devDependencies['n8n-workflow']);
	});

	it('ships the simulator as a bin', () => {
		expect(pkg.bin['gws-simulator']).toBe('dist/simulator/cli.js');
		expect(fs.existsSync(path.join(root, 'simulator/cli.ts'))).toBe(true);
	});
});
