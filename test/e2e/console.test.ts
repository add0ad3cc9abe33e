/**
 * The simulator console in a real browser (Debian's chromium through playwright-core, never a downloaded browser)
 * with the real n8n running the example workflows against the simulator: a flow builder places a VIP call from
 * the page and watches the flow answer it and conference the supervisor in, and reads what GWS sent, all on the
 * page. Bad input on the page gets a message there. Saves docs/screenshots/simulator-console.png (README).
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

import { REPO_ROOT } from '../../scripts/lib/n8n-process';
import { TriggerActivations } from './helpers/activation';
import { AGENT, startStack, type Stack } from './helpers/stack';
import { loadExample } from './helpers/workflows';

const CHROMIUM = process.env.GWS_CHROMIUM ?? '/usr/bin/chromium';
const SHOT = path.join(REPO_ROOT, 'docs', 'screenshots', 'simulator-console.png');

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`No chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set GWS_CHROMIUM`);
	}
	stack = await startStack();
	const triggers = new TriggerActivations(stack, AGENT.username);
	await triggers.activate(loadExample('answer-inbound-calls.json', stack.credential));
	await triggers.activate(loadExample('auto-conference-supervisor.json', stack.credential));
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage', '--disable-gpu'],
	});
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	page.on('pageerror', (error) => pageErrors.push(error.message));
	page.on('console', (message) => {
		// A control request the simulator refuses (a test below makes one on purpose) is logged by the browser as a
		// failed resource; the page shows the refusal itself.
		if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
	});
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
});

const agentCard = (username: string): Locator => page.locator(`article.agent[data-user="${username}"]`);
const callCard = (username: string, callId: string): Locator => agentCard(username).locator(`.calls > .call[data-call="${callId}"]`);

it('places a VIP call from the page, shows the flow answer it and conference the supervisor, and what GWS sent', async () => {
	await page.goto(`${stack.sim.url}/simulator/console`);
	await page.locator('#conn[data-state="live"]').waitFor({ timeout: 10_000 });
	// Both example triggers are connected as agent1: the page says so.
	await agentCard('agent1').getByText('2 CometD sessions').waitFor({ timeout: 10_000 });

	// Bad input stays on the page: nothing is sent.
	await page.selectOption('#call-to', 'agent1');
	await page.fill('#call-from', '5557777');
	await page.fill('#ud-json', '{"VIP": tru}');
	await page.click('#call-submit');
	await waitForText(page.locator('#call-msg'), /User data is not valid JSON/);
	await page.fill('#ud-json', '["VIP"]');
	await page.click('#call-submit');
	await waitForText(page.locator('#call-msg'), /User data must be a JSON object/);
	await page.fill('#call-from', '');
	await page.fill('#ud-json', '{"VIP":"true"}');
	await page.click('#call-submit');
	await waitForText(page.locator('#call-msg'), /Enter the caller's number/);
	expect(stack.sim.calls()).toEqual([]);

	// The VIP call.
	await page.fill('#call-from', '5557777');
	await page.click('#call-submit');
	await waitForText(page.locator('#call-msg'), /Call \w+ is ringing at agent1/);
	const callId = /Call (\w+) is ringing/.exec((await page.locator('#call-msg').textContent()) ?? '')![1];
	expect(stack.sim.calls('agent1').map((c) => c.id)).toEqual([callId]);

	// The flow answers and conferences the supervisor in; the page shows it on both agents.
	const call = callCard('agent1', callId);
	await call.locator('xpath=self::*[@data-state="Established"]').waitFor({ timeout: 30_000 });
	await call.getByText('15002 (supervisor1)').waitFor({ timeout: 30_000 });
	await call.locator('.ud td', { hasText: 'SupervisorConferenced' }).waitFor({ timeout: 15_000 });
	expect(await call.locator('.ud').innerText()).toMatch(/VIP\s+true/);
	expect(await call.locator('.callid').first().innerText()).toBe(callId);
	await callCard('supervisor1', callId).locator('xpath=self::*[@data-state="Established"]').waitFor({ timeout: 10_000 });

	// What GWS received and sent for this call: click its id to filter the log.
	await call.locator('.callid').first().click();
	expect(await page.inputValue('#f-call')).toBe(callId);
	const log = page.locator('#log');
	await log.locator('.entry.kind-rest', { hasText: 'SingleStepConference' }).first().waitFor({ timeout: 10_000 });
	expect(await log.locator('.entry.kind-rest', { hasText: 'Answer' }).first().locator('.status').innerText()).toBe('200');
	await log.locator('.entry.kind-cometd', { hasText: 'ParticipantsUpdated' }).first().waitFor({ timeout: 10_000 });
	await log.locator('.entry.kind-cometd', { hasText: 'StatusChange Ringing' }).first().waitFor();
	// Every entry shown belongs to this call: its requests (Answer, SingleStepConference) and both agents' notifications.
	const shown = await log.locator('.entry').evaluateAll((rows) =>
		rows.map((r) => (r as unknown as { dataset: { kind: string; calls: string } }).dataset),
	);
	expect(shown.length).toBeGreaterThanOrEqual(6);
	expect(shown.filter((row) => !row.calls.split(' ').includes(callId))).toEqual([]);
	expect(new Set(shown.map((row) => row.kind))).toEqual(new Set(['rest', 'cometd']));
	// Open the notification that brought the supervisor in: exactly what agent1's trigger received.
	const participants = log.locator('.entry.kind-cometd', { hasText: 'ParticipantsUpdated' }).filter({ hasText: 'agent1' }).first();
	await participants.locator('.line').click();
	const json = JSON.parse(await participants.locator('pre.json').innerText());
	expect(json.channel).toBe('/v2/me/calls');
	expect(json.data).toMatchObject({ notificationType: 'ParticipantsUpdated', messageType: 'CallStateChangeMessage', call: { id: callId } });
	expect(json.data.call.participants.map((p: { phoneNumber: string }) => p.phoneNumber)).toEqual(expect.arrayContaining(['15002', '5557777']));

	await page.waitForTimeout(1600); // the "new" highlights fade out
	fs.mkdirSync(path.dirname(SHOT), { recursive: true });
	await page.screenshot({ path: SHOT });
	expect(pageErrors).toEqual([]);
});

it('sets an agent state and hangs up as the remote party from the page; GWS refusals show on the page', async () => {
	await agentCard('agent2').getByRole('button', { name: 'Ready', exact: true }).click();
	await agentCard('agent2').locator('.astate', { hasText: 'Ready' }).waitFor({ timeout: 5000 });
	expect(stack.sim.agents().find((a) => a.username === 'agent2')?.device.userState).toMatchObject({ state: 'Ready' });

	const [{ id: callId }] = stack.sim.calls('agent1');
	// An operation GWS refuses (no destination number): the dialog says why and stays open.
	await callCard('agent1', callId).getByRole('button', { name: 'Operation...' }).click();
	await page.selectOption('#op-name', 'SingleStepTransfer');
	await page.click('#op-run');
	await waitForText(page.locator('#op-msg'), /GWS refused SingleStepTransfer for agent1 \(HTTP 400, statusCode 10\).*destination\.phoneNumber/);
	await page.fill('#op-params', '{"destination": ');
	await page.click('#op-run');
	await waitForText(page.locator('#op-msg'), /Parameters is not valid JSON/);
	await page.click('#op-cancel');

	// The caller hangs up: agent1 stays on with the supervisor, the caller leaves the participants.
	await callCard('agent1', callId).getByRole('button', { name: 'Hang up' }).last().click();
	await callCard('agent1', callId).locator('.call-body', { hasNotText: '5557777' }).waitFor({ timeout: 10_000 });
	await callCard('agent1', callId).getByRole('button', { name: 'Hang up' }).first().click();
	await agentCard('agent1').locator('.ended-list summary', { hasText: 'Recently ended (1)' }).waitFor({ timeout: 10_000 });
	expect(stack.sim.calls('agent1')).toEqual([]);
	expect(pageErrors).toEqual([]);
});

/** Waits until the locator's text matches (the page updates asynchronously). */
async function waitForText(locator: Locator, pattern: RegExp, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let text = '';
	while (Date.now() < deadline) {
		text = (await locator.textContent()) ?? '';
		if (pattern.test(text)) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`expected ${pattern} in the page, found ${JSON.stringify(text)}`);
}
