/**
 * @jest-environment jsdom
 *
 * The console page as a user sees it, in jsdom: the real markup and the real bundle, a scripted live feed, the
 * control API requests the page makes. The real browser (chromium, with the real simulator and n8n) is
 * test/e2e/console.test.ts.
 */
import { ID } from '../../../simulator/console/contract';
import { consoleCatalog } from '../../../simulator/console/catalog';
import { consoleHtml } from '../../../simulator/console/html';
import { STYLE_CSS } from '../../../simulator/console/style';
import { agent, call, loadPage, settle, snapshot, URL, type LoadedPage } from './harness';

const CALL = '01RCC3N118B1V0SL8O7GK2LAES000009';
const agents = () => [agent('agent1', '15000'), agent('agent2', '15001'), agent('supervisor1', '15002', { roles: ['agent', 'supervisor'] })];
const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector(selector) as T;
const card = (username: string) => $(`article.agent[data-user="${username}"]`);
const callCard = (username: string, id = CALL) => card(username).querySelector(`.calls > .call[data-call="${id}"]`) as HTMLElement;
const buttons = (root: Element) => [...root.querySelectorAll('button')].map((b) => b.textContent);
const click = (element: Element | null) => (element as HTMLElement).click();
const button = (root: Element, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text)!;

let page: LoadedPage;
beforeEach(() => {
	page = loadPage();
});

test('the markup has every element the script uses, once, and carries the catalog from the simulator', () => {
	const html = consoleHtml(consoleCatalog());
	for (const id of Object.values(ID)) expect({ id, count: html.split(`id="${id}"`).length - 1 }).toEqual({ id, count: 1 });
	const catalog = JSON.parse(document.getElementById(ID.catalog)!.textContent!);
	expect(catalog.callOperations.SingleStepTransfer).toEqual({ destination: { phoneNumber: '' } });
	expect(catalog.callOperations.SendDtmf).toEqual({ digits: '1' });
	expect(catalog.callOperations.Hangup).toEqual({});
	expect(catalog.deviceOperations.ForwardCallsOn).toEqual({ destination: '' });
	expect(page.feedUrl()).toBe('/simulator/events');
});

test('hello: live, the figures, the agents with their state buttons, a ringing call with what it offers', () => {
	page.hello(snapshot(agents(), [call(CALL, 'agent1', { userData: { VIP: 'true' }, dnis: '15000', capabilities: ['Answer', 'UpdateUserData'] })], { cometdSessions: { agent1: 2, agent2: 0, supervisor1: 0 } }));
	expect($('#conn').getAttribute('data-state')).toBe('live');
	expect($('#banner').hidden).toBe(true);
	expect($('#stats').textContent).toContain('1 call leg');
	expect($('#stats').textContent).toContain('2 CometD sessions');
	expect([...document.querySelectorAll('article.agent')].map((a) => a.getAttribute('data-user'))).toEqual(['agent1', 'agent2', 'supervisor1']);
	expect(card('agent1').textContent).toContain('2 CometD sessions');
	// The agent-state route's states: four buttons and the log in / log out toggle.
	expect(buttons(card('agent1').querySelector('.states')!)).toEqual(['Ready', 'Not ready', 'ACW', 'Aux', 'Log out']);
	expect(card('agent1').querySelector('.states .cur')!.textContent).toBe('Not ready');
	expect(buttons(card('agent1').querySelector('.agent-actions')!)).toEqual(expect.arrayContaining(['DND on', 'Forward...', 'device']));
	const ringing = callCard('agent1');
	expect(ringing.getAttribute('data-state')).toBe('Ringing');
	expect(ringing.querySelector('.ud')!.textContent).toBe('VIPtrue');
	// Quick buttons only for what the call's capabilities list; the remote party's hang up.
	expect(buttons(ringing.querySelector('.call-actions')!)).toEqual(['Answer', 'Operation...', 'Hang up', 'details']);
	expect(card('agent2').querySelector('.calls')!.textContent).toBe('No calls.');
	expect([...$<HTMLSelectElement>('#call-to').options].map((o) => o.value)).toEqual(['agent1', 'agent2', 'supervisor1']);
});

test('the buttons act through the control API: answer as the agent, set a state, hang up as the remote party', async () => {
	page.hello(snapshot(agents(), [call(CALL, 'agent1')]));
	click(button(callCard('agent1'), 'Answer'));
	click(button(card('agent2'), 'Ready'));
	click(button(callCard('agent1'), 'Hang up'));
	await settle();
	expect(page.requests).toEqual([
		{ method: 'POST', path: `/simulator/agents/agent1/calls/${CALL}`, body: { operationName: 'Answer' } },
		{ method: 'POST', path: '/simulator/agents/agent2/state', body: { state: 'Ready' } },
		{ method: 'POST', path: `/simulator/calls/${CALL}/hangup`, body: { number: '5551234' } },
	]);
	expect($('#toasts').textContent).toContain('agent1: Answer sent');
});

test("a call's labels get a column as wide as the longest (monitoredUserMuted overlapped its value in 92 px)", () => {
	page.hello(snapshot(agents(), [call(CALL, 'agent1', { state: 'Established', monitoredUserMuted: true, heardBy: ['5551234'] })]));
	const labels = [...callCard('agent1').querySelectorAll('.call-body .k')].map((k) => k.textContent);
	expect(labels).toEqual(expect.arrayContaining(['monitoredUserMuted', 'heardBy']));
	// jsdom lays nothing out: the stylesheet the page links (style.ts) says how wide the label column is.
	const rule = /^\.call-body \{([^}]*)\}/m.exec(STYLE_CSS)?.[1] ?? '';
	expect(rule).toContain('grid-template-columns: minmax(92px, max-content) minmax(0, 1fr);');
});

test("the supervisor's badge says BargeIn once they switched on the call, though the device still says ListenIn", () => {
	const supervisor = agent('supervisor1', '15002', { roles: ['agent', 'supervisor'] });
	supervisor.device.supervisorMonitoringState = { state: 'ListenIn', mode: 'NextCall', scope: 'Call', targetDeviceUri: `${URL}/api/v2/devices/device-agent1` };
	const leg = (mode: string) =>
		call(CALL, 'supervisor1', { state: 'Established', participants: ['5559000', '15000'], monitoring: { mode, scope: 'Call', monitoredUser: 'agent1', monitoredUserMuted: false } });
	const badge = () => [...card('supervisor1').querySelectorAll('.agent-meta .pill')].map((p) => p.textContent).find((t) => t!.startsWith('Monitoring'));
	page.hello(snapshot([agent('agent1', '15000'), supervisor], []));
	expect(badge()).toBe('Monitoring: ListenIn / NextCall / Call of agent1 (15000)');
	page.snapshot(snapshot([agent('agent1', '15000'), supervisor], [leg('ListenIn')]));
	expect(badge()).toBe('Monitoring: ListenIn / NextCall / Call of agent1 (15000)');
	page.snapshot(snapshot([agent('agent1', '15000'), supervisor], [leg('BargeIn')]));
	expect(badge()).toBe('Monitoring: BargeIn / NextCall / Call of agent1 (15000) (switched on the call; the device says ListenIn)');
});

test('a conference offers Hang up for every remote party, each naming its number', async () => {
	const conference = call(CALL, 'agent1', { state: 'Established', participants: ['5553000', '5557000', '15002'], capabilities: ['Hangup'] });
	page.hello(snapshot(agents(), [conference]));
	const actions = callCard('agent1').querySelector('.call-actions')!;
	expect([...actions.querySelectorAll('.who')].map((w) => w.textContent)).toEqual(['As agent1:', 'Remote 5553000:', 'Remote 5557000:']);
	const hangups = [...actions.querySelectorAll('button.op-Hangup')] as HTMLButtonElement[];
	expect(hangups.map((b) => b.title)).toEqual([
		`POST /api/v2/me/calls/${CALL} {"operationName":"Hangup"} as agent1`,
		`5553000 hangs up (POST /simulator/calls/${CALL}/hangup {"number":"5553000"})`,
		`5557000 hangs up (POST /simulator/calls/${CALL}/hangup {"number":"5557000"})`,
	]);
	click(hangups[2]);
	await settle();
	expect(page.requests).toEqual([{ method: 'POST', path: `/simulator/calls/${CALL}/hangup`, body: { number: '5557000' } }]);
	expect($('#toasts').textContent).toContain('5557000 hung up');
});

test('the operation dialog offers what the call lists and also accepts, starting from the catalog form; a refusal stays on it', async () => {
	const established = call(CALL, 'agent1', { state: 'Established', capabilities: ['Hold', 'SingleStepTransfer', 'Hangup'], alsoAccepted: ['MuteMonitoredUser'] });
	page.hello(snapshot(agents(), [established]));
	click(button(callCard('agent1'), 'Operation...'));
	expect($<HTMLDialogElement>('#op-dialog').open).toBe(true);
	expect([...$<HTMLSelectElement>('#op-name').options].map((o) => o.value)).toEqual(['Hold', 'SingleStepTransfer', 'Hangup', 'MuteMonitoredUser']);
	const name = $<HTMLSelectElement>('#op-name');
	name.value = 'SingleStepTransfer';
	name.dispatchEvent(new Event('change'));
	expect(JSON.parse($<HTMLTextAreaElement>('#op-params').value)).toEqual({ destination: { phoneNumber: '' } });
	expect($('#op-wire').textContent).toBe(`What agent1's GWS client would send:\nPOST /api/v2/me/calls/${CALL}\n{"operationName":"SingleStepTransfer","destination":{"phoneNumber":""}}`);
	page.reply(400, { error: 'GWS refused SingleStepTransfer for agent1 (HTTP 400, statusCode 10)' });
	$('#op-form').dispatchEvent(new Event('submit', { cancelable: true }));
	await settle();
	expect(page.requests.at(-1)).toEqual({ method: 'POST', path: `/simulator/agents/agent1/calls/${CALL}`, body: { destination: { phoneNumber: '' }, operationName: 'SingleStepTransfer' } });
	expect($('#op-msg').textContent).toContain('GWS refused SingleStepTransfer');
	expect($<HTMLDialogElement>('#op-dialog').open).toBe(true);
	$<HTMLTextAreaElement>('#op-params').value = '["x"]';
	$('#op-form').dispatchEvent(new Event('submit', { cancelable: true }));
	expect($('#op-msg').textContent).toBe('Parameters must be a JSON object, e.g. {"destination": {"phoneNumber": "15002"}}');
});

test("a supervisor's monitoring operation opens the dialog with another agent's device; DND is sent at once", async () => {
	const supervisor = agent('supervisor1', '15002', { roles: ['agent', 'supervisor'] });
	supervisor.device.capabilities = ['DoNotDisturbOn', 'ForwardCallsOn', 'ListenIn', 'Coach', 'BargeIn'];
	page.hello(snapshot([agent('agent1', '15000'), supervisor], []));
	expect(buttons(card('supervisor1').querySelector('.agent-actions')!)).toEqual(expect.arrayContaining(['Listen in...', 'Coach...', 'Barge in...']));
	click(button(card('supervisor1'), 'Listen in...'));
	expect(JSON.parse($<HTMLTextAreaElement>('#op-params').value)).toEqual({ targetDeviceUri: `${URL}/api/v2/devices/device-agent1`, supervisorMonitoringScope: 'Call', supervisorMonitoringMode: 'AllCalls' });
	click(button(card('supervisor1'), 'DND on'));
	await settle();
	expect(page.requests).toEqual([{ method: 'POST', path: '/simulator/agents/supervisor1/device', body: { operationName: 'DoNotDisturbOn' } }]);
});

test('recently ended calls are the simulator\'s: a reload (a new hello) shows them again', () => {
	const ended = { call: call(CALL, 'agent1', { state: 'Established', userData: { VIP: 'true' } }), endedAt: Date.parse('2026-12-02T10:00:00Z') };
	page.hello(snapshot(agents(), [call(CALL, 'agent1')]));
	page.snapshot(snapshot(agents(), [], { ended: [ended] }));
	expect(callCard('agent1')).toBeNull();
	const shown = () => card('agent1').querySelector('.ended-list');
	expect(shown()!.querySelector('summary')!.textContent).toBe('Recently ended (1)');
	expect(shown()!.querySelector('.call')!.getAttribute('data-state')).toBe('Released');
	expect(shown()!.querySelector('.ud')!.textContent).toBe('VIPtrue');
	expect(buttons(shown()!.querySelector('.call-actions')!)).toEqual(['details']);
	// the page reloaded: nothing of the old page is left, the simulator's snapshot has them
	page = loadPage();
	page.hello(snapshot(agents(), [], { ended: [ended] }));
	expect(shown()!.querySelector('summary')!.textContent).toBe('Recently ended (1)');
	expect(card('agent2').querySelector('.ended-list')).toBeNull();
	// a reset: the simulator forgets them, and so does the page
	page.hello(snapshot(agents(), []));
	expect(shown()).toBeNull();
});

test('the log: newest first, a call id filters it, a row opens to the full notification', () => {
	page.hello(snapshot(agents(), [call(CALL, 'agent1')]));
	page.log({
		notifications: [
			{ seq: 1, time: 100, username: 'agent1', channel: '/v2/me/calls', data: { notificationType: 'StatusChange', call: { id: CALL, state: 'Ringing', callType: 'Inbound' } } },
			{ seq: 2, time: 300, username: 'agent2', channel: '/v2/me/devices', data: { messageType: 'DeviceStateChangeMessage', devices: [{ userState: { displayName: 'Ready' } }] } },
		],
		requests: [{ seq: 1, time: 200, method: 'POST', url: `/api/v2/me/calls/${CALL}`, path: `/api/v2/me/calls/${CALL}`, username: 'agent1', headers: {}, status: 409, body: { operationName: 'Hold' } }],
	});
	const rows = () => [...document.querySelectorAll('#log .entry')] as HTMLElement[];
	expect(rows().map((r) => r.getAttribute('data-key'))).toEqual(['n2', 'r1', 'n1']);
	expect(rows()[1].querySelector('.status')!.className).toBe('status bad');
	click(rows()[2].querySelector('.cid'));
	expect($<HTMLInputElement>('#f-call').value).toBe(CALL);
	expect(rows().map((r) => r.getAttribute('data-key'))).toEqual(['r1', 'n1']);
	click(rows()[1].querySelector('.line'));
	expect(JSON.parse(rows()[1].querySelector('pre.json')!.textContent!)).toMatchObject({ channel: '/v2/me/calls', data: { call: { id: CALL } } });
});

test('placing a call: bad user data stays on the page with what to fix; a good one is sent', async () => {
	page.hello(snapshot(agents(), []));
	const form = $('#call-form');
	$<HTMLTextAreaElement>('#ud-json').value = '["VIP"]';
	form.dispatchEvent(new Event('submit', { cancelable: true }));
	expect($('#call-msg').textContent).toBe('User data must be a JSON object of key/value pairs, e.g. {"VIP": "true"}');
	$<HTMLInputElement>('#call-from').value = '';
	$<HTMLTextAreaElement>('#ud-json').value = '{"VIP": "true"}';
	form.dispatchEvent(new Event('submit', { cancelable: true }));
	expect($('#call-msg').textContent).toBe("Enter the caller's number (From), e.g. 5551234.");
	expect(page.requests).toEqual([]);
	$<HTMLInputElement>('#call-from').value = '5557777';
	page.reply(200, { callId: CALL, offeredTo: 'agent1' });
	form.dispatchEvent(new Event('submit', { cancelable: true }));
	await settle();
	expect(page.requests).toEqual([{ method: 'POST', path: '/simulator/calls', body: { to: 'agent1', from: '5557777', userData: { VIP: 'true' } } }]);
	expect($('#call-msg').textContent).toBe(`Call ${CALL} is ringing at agent1.`);
	// A number that is not one: the simulator's refusal (HTTP 400, test/simulator/control.test.ts) on the page.
	$<HTMLInputElement>('#call-from').value = 'abc';
	const refusal = 'placeInboundCall: "from" must be a phone number (digits, optionally with a leading + and spaces, -, ., parentheses), got "abc"; e.g. "5551234"';
	page.reply(400, { error: refusal });
	form.dispatchEvent(new Event('submit', { cancelable: true }));
	await settle();
	expect(page.requests.at(-1)).toEqual({ method: 'POST', path: '/simulator/calls', body: { to: 'agent1', from: 'abc', userData: { VIP: 'true' } } });
	expect($('#call-msg').textContent).toBe(refusal);
	expect($('#call-msg').className).toBe('msg bad');
});

test('user data as key/value rows keeps what was typed as JSON, and back', () => {
	page.hello(snapshot(agents(), []));
	$<HTMLTextAreaElement>('#ud-json').value = '{"VIP": "true", "Tier": 2}';
	click(document.querySelector('#ud-mode [data-mode="kv"]'));
	const inputs = () => [...document.querySelectorAll<HTMLInputElement>('#ud-kv input')].map((i) => i.value);
	expect(inputs()).toEqual(['VIP', 'true', 'Tier', '2', '', '']);
	click(document.querySelector('#ud-mode [data-mode="json"]'));
	expect($<HTMLTextAreaElement>('#ud-json').value).toBe('{"VIP":"true","Tier":"2"}');
});
