/**
 * Browser check with Debian's chromium driven by playwright-core (never a downloaded browser): log in to the
 * real n8n editor, open each example workflow exactly as examples/ has it (one screenshot each), open the action
 * node's panel (its Call field's hint, its Docs link) and its Operation list, and the supervisor node's panel. Screenshots go to docs/screenshots/ (the
 * README shows them). Fails if a node, its icon or its operations do not render.
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

import { DOCS } from '../../nodes/shared/documentation';
import { exampleFiles, readExample } from '../../scripts/lib/examples';
import { REPO_ROOT } from '../../scripts/lib/n8n-process';
import { OWNER, startStack, type Stack } from './helpers/stack';

const CHROMIUM = process.env.GWS_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

let stack: Stack;
let browser: Browser;
/** The MCP example's trigger credential (created on first use). */
let bearer: { id: string } | undefined;
let page: Page;

beforeAll(async () => {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`No chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set GWS_CHROMIUM`);
	}
	stack = await startStack();
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage', '--disable-gpu'],
	});
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	fs.mkdirSync(SHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
});

async function shot(name: string): Promise<void> {
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Imports an example as it is in examples/ (credentials pointed at the stack's) and opens it; returns its nodes' names. */
async function openExample(file: string): Promise<string[]> {
	bearer ??= await stack.rest.createCredential({ name: 'MCP bearer token', type: 'httpBearerAuth', data: { token: 'browser-test-token' } });
	const workflow = readExample(file, {
		agent: stack.credential,
		supervisor: stack.supervisorCredential,
		mcpBearer: { id: bearer.id, name: 'MCP bearer token' },
	});
	const { id } = await stack.rest.createWorkflow(workflow);
	await page.goto(`${stack.baseUrl}/workflow/${id}`);
	const names = workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => String(n.name));
	for (const name of names) {
		await page.locator(`[data-node-name="${name}"]`).first().waitFor({ state: 'visible', timeout: 30_000 });
	}
	await page.waitForLoadState('networkidle');
	return names;
}

it('logs in and shows every example workflow as examples/ has it, our icons loaded', async () => {
	await page.goto(`${stack.baseUrl}/signin`);
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(OWNER.email);
	await page.locator('input[type="password"]').first().fill(OWNER.password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30_000 });

	const files = exampleFiles();
	expect(files).toContain('supervisor-listen-in-and-barge-in.json');
	for (const file of files) {
		const names = await openExample(file);
		// Icons come from /icons/n8n-nodes-genesys-gws/...: they must load (a broken icon is a packaging bug).
		const icons = await page.locator('img[src*="n8n-nodes-genesys-gws"]').evaluateAll((imgs) =>
			// Runs in the page; typed loosely because this project compiles without the DOM library.
			imgs.map((img) => ({ src: (img as unknown as { src: string }).src, ok: (img as unknown as { naturalWidth: number }).naturalWidth > 0 })),
		);
		expect({ file, icons: icons.length >= 2 }).toEqual({ file, icons: true });
		expect(icons.filter((i) => !i.ok)).toEqual([]);
		expect(names.length).toBeGreaterThanOrEqual(2);
		await page.waitForTimeout(1000); // the canvas fades nodes in
		await shot(`example-${file.replace(/\.json$/, '')}`);
	}
});

it('opens the action node\'s panel and its operations (the VIP example\'s conference node)', async () => {
	await openExample('auto-conference-supervisor.json');
	await page.locator('[data-node-name="Conference supervisor"]').first().dblclick();
	// The node panel shows our parameters: the operation's value and the fields that operation takes.
	await page.getByText('Destination', { exact: true }).first().waitFor({ state: 'visible', timeout: 20_000 });
	const operationSelect = page.locator('[data-test-id="parameter-input-operation"] input').first();
	expect(await operationSelect.inputValue()).toBe('Single Step Conference');
	expect(await page.locator('[data-test-id="parameter-input-resource"] input').first().inputValue()).toBe('Call');
	// The Call field says under it that empty means the incoming item's call; the Docs link opens our README.
	await page.getByText("Empty = the incoming item's call (its call.id, as the trigger outputs it)").first().waitFor({ state: 'visible', timeout: 10_000 });
	expect(await page.locator(`a[href="${DOCS.actionNode}"]`).count()).toBeGreaterThan(0);
	expect(await page.locator('a[href*="docs.genesys.com"]').count()).toBe(0);
	await page.waitForTimeout(500);
	await shot('action-node-panel');

	await operationSelect.click();
	for (const label of ['Answer', 'Hang Up', 'Hold', 'Initiate Conference', 'Complete Conference', 'Attach User Data', 'Set Call Disposition', 'Get']) {
		await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().waitFor({ state: 'visible', timeout: 10_000 });
	}
	const shown = await page.locator('.el-select-dropdown__item:visible .option-headline').allInnerTexts();
	expect(shown.length).toBeGreaterThanOrEqual(20);
	await page.waitForTimeout(300);
	await shot('action-node-operations');
	await page.keyboard.press('Escape');
});

it('opens the supervisor example\'s Listen In node: resource Supervisor, the target mapped from the call, Next Call', async () => {
	await openExample('supervisor-listen-in-and-barge-in.json');
	await page.locator('[data-node-name="Listen in on the agent"]').first().dblclick();
	await page.getByText('Target Device', { exact: true }).first().waitFor({ state: 'visible', timeout: 20_000 });
	expect(await page.locator('[data-test-id="parameter-input-resource"] input').first().inputValue()).toBe('Supervisor');
	expect(await page.locator('[data-test-id="parameter-input-operation"] input').first().inputValue()).toBe('Listen In');
	expect(await page.locator('[data-test-id="parameter-input-supervisorMonitoringMode"] input').first().inputValue()).toBe('Next Call');
	await page.waitForTimeout(500);
	await shot('supervisor-node-panel');
});
