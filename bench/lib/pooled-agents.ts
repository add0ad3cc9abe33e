/**
 * Diagnostic "what if" (bench only): n8n-core 2.41's HTTP helper builds a new http.Agent for every request
 * (@n8n/backend-network axios/utils.js setAxiosAgents -> buildNodeAgents), so no connection is ever reused.
 * While installed, this patch hands every such request one shared keep-alive agent instead, leaving the rest
 * of n8n's helper (credentials, axios config, redirects) as it is. Measures what pooling alone would give.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as path from 'path';

type SetAgents = (config: { httpAgent?: unknown; httpsAgent?: unknown }, ...rest: unknown[]) => void;

function utilsModules(): Array<{ setAxiosAgents: SetAgents }> {
	const core = path.dirname(require.resolve('n8n-core/package.json'));
	const candidates = [
		path.join(core, 'node_modules/@n8n/backend-network/dist/http/axios/utils.js'),
		path.join(core, '..', '@n8n/backend-network/dist/http/axios/utils.js'),
	];
	return candidates.filter((p) => fs.existsSync(p)).map((p) => require(p) as { setAxiosAgents: SetAgents });
}

export async function withPooledAgents<T>(fn: () => Promise<T>): Promise<T> {
	const httpAgent = new http.Agent({ keepAlive: true });
	const httpsAgent = new https.Agent({ keepAlive: true });
	const mods = utilsModules();
	const originals = mods.map((m) => m.setAxiosAgents);
	for (const m of mods) {
		m.setAxiosAgents = (config) => {
			if (config.httpAgent || config.httpsAgent) return;
			config.httpAgent = httpAgent;
			config.httpsAgent = httpsAgent;
		};
	}
	try {
		return await fn();
	} finally {
		mods.forEach((m, i) => (m.setAxiosAgents = originals[i]));
		httpAgent.destroy();
		httpsAgent.destroy();
	}
}
