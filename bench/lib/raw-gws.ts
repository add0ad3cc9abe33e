/**
 * The raw REST baseline: what an engineer would hand-write with axios. Keep-alive agent, one login
 * (GET /api/v2/me with Basic auth -> JSESSIONID cookie + X-CSRF-HEADER/X-CSRF-TOKEN), then the same requests
 * our node sends: Basic auth + cookie on every request, the CSRF header on POSTs
 * (https://docs.genesys.com/Documentation/HTCC/latest/API/CSRFProtection).
 */
import axios, { type AxiosInstance } from 'axios';
import * as http from 'http';

export interface RawCredential {
	baseUrl: string;
	username: string;
	password: string;
}

export class RawGwsClient {
	private readonly http: AxiosInstance;
	private cookie = '';
	private csrf: Record<string, string> = {};
	readonly agent: http.Agent;

	/**
	 * @param freshConnections a new http.Agent (so a new TCP connection) per request, as n8n-core 2.41's
	 * httpRequest does (backend-network buildNodeAgents): the diagnostic baseline that isolates that cost.
	 */
	constructor(
		cred: RawCredential,
		private readonly freshConnections = false,
	) {
		this.agent = new http.Agent({ keepAlive: !freshConnections, maxSockets: 8 });
		this.http = axios.create({
			baseURL: cred.baseUrl,
			httpAgent: this.agent,
			auth: { username: cred.username, password: cred.password },
			headers: { Accept: 'application/json' },
			validateStatus: () => true,
		});
	}

	async login(): Promise<void> {
		const res = await this.http.get('/api/v2/me');
		if (res.status !== 200) throw new Error(`raw login failed: HTTP ${res.status}`);
		const setCookie = res.headers['set-cookie'] ?? [];
		this.cookie = setCookie.map((c) => c.split(';', 1)[0]).join('; ');
		const name = res.headers['x-csrf-header'] as string | undefined;
		const token = res.headers['x-csrf-token'] as string | undefined;
		this.csrf = name && token ? { [name]: token } : {};
	}

	/** The session a login got (for the diagnostic floor node). */
	session(): { cookie: string; csrfHeader: string; csrfToken: string } {
		const [csrfHeader = '', csrfToken = ''] = Object.entries(this.csrf)[0] ?? [];
		return { cookie: this.cookie, csrfHeader, csrfToken };
	}

	async post(path: string, body: unknown): Promise<Record<string, unknown>> {
		const res = await this.http.post(path, body, {
			headers: { Cookie: this.cookie, ...this.csrf },
			...(this.freshConnections ? { httpAgent: new http.Agent({ keepAlive: false }) } : {}),
		});
		const data = res.data as Record<string, unknown>;
		if (res.status !== 200 || (data && data.statusCode !== undefined && data.statusCode !== 0)) {
			throw new Error(`raw POST ${path} failed: HTTP ${res.status} ${JSON.stringify(data)}`);
		}
		return data;
	}

	async get(path: string): Promise<Record<string, unknown>> {
		const res = await this.http.get(path, {
			headers: { Cookie: this.cookie },
			...(this.freshConnections ? { httpAgent: new http.Agent({ keepAlive: false }) } : {}),
		});
		if (res.status !== 200) throw new Error(`raw GET ${path} failed: HTTP ${res.status}`);
		return res.data as Record<string, unknown>;
	}

	close(): void {
		this.agent.destroy();
	}
}
