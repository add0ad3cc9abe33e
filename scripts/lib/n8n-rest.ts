/**
 * The slice of n8n's internal REST API (/rest, the one the editor uses) that the demo and the e2e suite
 * need: owner setup, login, credentials (create + the editor's "test" button), workflows (create, activate)
 * and executions. Endpoints and bodies as in n8n 2.41 (n8n/dist/controllers, workflows/, credentials/,
 * executions/); the same calls work on n8n 1.x where noted.
 */

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	/** n8n demands 8+ characters with a number and an uppercase letter. */
	password: string;
}

export interface WorkflowJson {
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished?: boolean;
	startedAt?: string;
	stoppedAt?: string;
}

export interface ExecutionDetail extends ExecutionSummary {
	/** IRunExecutionData, decoded from n8n's flatted encoding. */
	data: {
		resultData: {
			runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: unknown }>>;
			error?: { message?: string };
			lastNodeExecuted?: string;
		};
	};
}

/** A reply as parsed JSON (or text); callers know the shape of the endpoint they called. */
 
export type HttpReply = { status: number; body: any };

class N8nRestError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: unknown,
	) {
		super(message);
	}
}

/**
 * n8n stores execution data with `flatted` (an array; strings inside objects are indexes into it).
 * A tiny decoder, so the suite does not depend on a package it does not declare.
 */
function parseFlatted(text: string): unknown {
	const input = JSON.parse(text) as unknown[];
	const done = new Map<number, unknown>();
	const at = (index: number): unknown => {
		if (done.has(index)) return done.get(index);
		const raw = input[index];
		if (raw === null || typeof raw !== 'object') {
			done.set(index, raw);
			return raw;
		}
		const out: Record<string, unknown> | unknown[] = Array.isArray(raw) ? [] : {};
		done.set(index, out);
		for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
			(out as Record<string, unknown>)[key] = typeof value === 'string' ? at(Number(value)) : value;
		}
		return out;
	};
	return at(0);
}

export class N8nRest {
	private cookie = '';
	/** n8n binds the auth cookie to this header (auth.service validateBrowserId); any stable value works. */
	private readonly browserId = 'gws-e2e-client';

	constructor(readonly baseUrl: string) {}

	async request(method: string, path: string, body?: unknown): Promise<HttpReply> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie?.match(/n8n-auth=[^;]+/);
		if (auth) this.cookie = auth[0];
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// keep the text
		}
		return { status: response.status, body: parsed };
	}

	/** A /rest call that must succeed; returns its `data`. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const { status, body: reply } = await this.request(method, `/rest${path}`, body);
		if (status < 200 || status >= 300) {
			const message = typeof reply === 'object' && reply && 'message' in reply ? String((reply as { message: unknown }).message) : String(reply).slice(0, 300);
			throw new N8nRestError(`n8n ${method} /rest${path} answered ${status}: ${message}`, status, reply);
		}
		return (reply && typeof reply === 'object' && 'data' in reply ? (reply as { data: unknown }).data : reply) as T;
	}

	async setupOwner(owner: Owner): Promise<void> {
		await this.rest('POST', '/owner/setup', owner);
	}

	async login(owner: Pick<Owner, 'email' | 'password'>): Promise<void> {
		// 2.x names the field emailOrLdapLoginId; 1.x accepted `email` (later versions accept both).
		await this.rest('POST', '/login', { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password });
	}

	async createCredential(credential: { name: string; type: string; data: Record<string, unknown> }): Promise<{ id: string }> {
		return await this.rest('POST', '/credentials', credential);
	}

	/**
	 * What the editor's credential "Test" does: { status: 'OK' | 'Error', message }. `id` '' tests unsaved data
	 * (allowed for the owner); a saved credential's id tests it with `data` merged over the stored values.
	 */
	async testCredential(credential: { name: string; type: string; data: Record<string, unknown>; id?: string }): Promise<{ status: string; message: string }> {
		return await this.rest('POST', '/credentials/test', { credentials: { id: '', ...credential } });
	}

	async createWorkflow(workflow: WorkflowJson): Promise<{ id: string; versionId: string }> {
		// A new workflow: n8n assigns the id; activation is a separate, explicit step.
		const body: Record<string, unknown> = { ...workflow, active: false };
		delete body.id;
		return await this.rest('POST', '/workflows', body);
	}

	/** 2.x "publish": POST /workflows/:id/activate with the version to publish; 1.x: PATCH { active: true }. */
	async activateWorkflow(id: string, versionId: string): Promise<void> {
		const reply = await this.request('POST', `/rest/workflows/${id}/activate`, { versionId });
		if (reply.status === 404) {
			await this.rest('PATCH', `/workflows/${id}`, { active: true, versionId });
			return;
		}
		if (reply.status >= 300) throw new N8nRestError(`activating workflow ${id} failed (${reply.status}): ${JSON.stringify(reply.body).slice(0, 500)}`, reply.status, reply.body);
	}

	async deactivateWorkflow(id: string): Promise<void> {
		const reply = await this.request('POST', `/rest/workflows/${id}/deactivate`, {});
		if (reply.status === 404) {
			const current = await this.rest<{ versionId: string }>('GET', `/workflows/${id}`);
			await this.rest('PATCH', `/workflows/${id}`, { active: false, versionId: current.versionId });
			return;
		}
		if (reply.status >= 300) throw new N8nRestError(`deactivating workflow ${id} failed (${reply.status})`, reply.status, reply.body);
	}

	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const data = await this.rest<{ results: ExecutionSummary[] }>('GET', `/executions?filter=${filter}&limit=100`);
		return data.results;
	}

	async execution(id: string): Promise<ExecutionDetail> {
		const raw = await this.rest<ExecutionSummary & { data: string }>('GET', `/executions/${id}`);
		return { ...raw, data: parseFlatted(raw.data) as ExecutionDetail['data'] };
	}

	/** Polls until `count` executions of the workflow have finished (any status), or throws. */
	async waitForExecutions(workflowId: string, count: number, timeoutMs = 30_000): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		let last: ExecutionSummary[] = [];
		while (Date.now() < deadline) {
			last = await this.executions(workflowId);
			const finished = last.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (finished.length >= count) return finished;
			await new Promise((r) => setTimeout(r, 300));
		}
		throw new Error(
			`workflow ${workflowId}: expected ${count} finished executions within ${timeoutMs} ms, saw ${last.length}: ` +
				JSON.stringify(last.map((e) => ({ id: e.id, status: e.status }))),
		);
	}

	/**
	 * POST to a production webhook of an active workflow; returns what the workflow answered. n8n 2.x registers
	 * a published workflow's webhooks shortly after the activate call returns, so a 404 "not registered" is
	 * retried for a few seconds. Sent without our login cookie, as an outside caller would.
	 */
	async callWebhook(path: string, body: unknown, registerTimeoutMs = 15_000): Promise<HttpReply> {
		const deadline = Date.now() + registerTimeoutMs;
		for (;;) {
			const response = await fetch(`${this.baseUrl}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const text = await response.text();
			let parsed: unknown = text;
			try {
				parsed = text ? JSON.parse(text) : undefined;
			} catch {
				// keep the text
			}
			if (response.status !== 404 || !/not registered/.test(text) || Date.now() > deadline) {
				return { status: response.status, body: parsed };
			}
			await new Promise((r) => setTimeout(r, 250));
		}
	}
}
