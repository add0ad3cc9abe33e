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

describe('the editor\'s Docs links', () => {
	const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	// GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes.
	const anchors = new Set(
		[...readme.matchAll(/^#{2,4} (.+)$/gm)].map((m) =>
			m[1]
				.trim()
				.toLowerCase()
				.replace(/[^\w\- ]/g, '')
				.replace(/ /g, '-'),
		),
	);
	const repo = String(pkg.homepage).replace(/#readme$/, '');
	const inReadme = (url: string) => {
		const [base, anchor] = url.split('#');
		return base === repo && anchors.has(anchor ?? '');
	};

	it('point at this package\'s README sections, in the descriptions n8n uses as they are and in the codex files', async () => {
		const { GenesysGws } = await import('../nodes/GenesysGws/GenesysGws.node');
		const { GenesysGwsTrigger } = await import('../nodes/GenesysGwsTrigger/GenesysGwsTrigger.node');
		const { GenesysGwsApi } = await import('../credentials/GenesysGwsApi.credentials');
		const urls = {
			action: new GenesysGws().description.documentationUrl!,
			trigger: new GenesysGwsTrigger().description.documentationUrl!,
			credential: new GenesysGwsApi().documentationUrl,
		};
		expect(urls.action).toBe(`${repo}#operations-genesys-gws-node`);
		expect(urls.trigger).toBe(`${repo}#genesys-gws-trigger`);
		expect(urls.credential).toBe(`${repo}#credentials`);
		for (const url of Object.values(urls)) expect({ url, inReadme: inReadme(url) }).toEqual({ url, inReadme: true });
		for (const codex of ['nodes/GenesysGws/GenesysGws.node.json', 'nodes/GenesysGwsTrigger/GenesysGwsTrigger.node.json']) {
			const { resources } = JSON.parse(fs.readFileSync(path.join(root, codex), 'utf8'));
			const listed = [...(resources.primaryDocumentation ?? []), ...(resources.credentialDocumentation ?? [])];
			expect(listed.length).toBeGreaterThan(0);
			for (const { url } of listed) expect({ codex, url, inReadme: inReadme(url) }).toEqual({ codex, url, inReadme: true });
		}
		expect(JSON.parse(fs.readFileSync(path.join(root, 'nodes/GenesysGws/GenesysGws.node.json'), 'utf8')).resources.primaryDocumentation[0].url).toBe(urls.action);
	});
});

describe('.npmrc', () => {
	it('cites nothing outside the repository (a user of the clone has no such file)', () => {
		const npmrc = fs.readFileSync(path.join(root, '.npmrc'), 'utf8');
		expect(npmrc).not.toMatch(/\.\.\//);
		expect(npmrc).toMatch(/^ignore-scripts=true$/m);
	});
});
