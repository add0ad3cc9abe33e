/**
 * The agent's own GWS client in the e2e tests (what a softphone would do): basic auth, the JSESSIONID cookie and
 * the CSRF token from a first GET (https://docs.genesys.com/Documentation/HTCC/latest/API/CSRFProtection), then call operations. Used to act on calls outside n8n
 * (e.g. put a call on hold) so the example workflows have something to react to.
 */
export class AgentPhone {
	private cookie = '';
	private csrf: Record<string, string> = {};

	constructor(
		private readonly baseUrl: string,
		private readonly username: string,
		private readonly password: string,
	) {}

	private headers(): Record<string, string> {
		return {
			authorization: `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`,
			'content-type': 'application/json',
			...(this.cookie ? { cookie: this.cookie } : {}),
			...this.csrf,
		};
	}

	private async login(): Promise<void> {
		const response = await fetch(`${this.baseUrl}/api/v2/me`, { headers: this.headers() });
		if (!response.ok) throw new Error(`GET /api/v2/me as ${this.username}: HTTP ${response.status}`);
		const cookie = response.headers.get('set-cookie')?.match(/JSESSIONID=[^;]+/);
		if (cookie) this.cookie = cookie[0];
		const name = response.headers.get('x-csrf-header');
		const token = response.headers.get('x-csrf-token');
		if (name && token) this.csrf = { [name]: token };
		await response.text();
	}

	/** POST /api/v2/me/calls/{callId} {operationName, ...}; throws unless GWS answers statusCode 0. */
	async callOperation(callId: string, operationName: string, params: Record<string, unknown> = {}): Promise<void> {
		if (!this.cookie) await this.login();
		const response = await fetch(`${this.baseUrl}/api/v2/me/calls/${encodeURIComponent(callId)}`, {
			method: 'POST',
			headers: this.headers(),
			body: JSON.stringify({ operationName, ...params }),
		});
		const body = (await response.json()) as { statusCode?: number; statusMessage?: string };
		if (!response.ok || body.statusCode !== 0) {
			throw new Error(`${operationName} on ${callId}: HTTP ${response.status} ${JSON.stringify(body)}`);
		}
	}
}
