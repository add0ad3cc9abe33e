/**
 * What n8n's log says about a GWS restart, through the real trigger in n8n-core and a real simulator restart: for
 * each affected workflow ONE "reconnecting" line naming the workflow and the GWS user, and ONE "connected again
 * after N s" line; the attempts in between go to debug (a few seconds' outage is dozens of attempts at the
 * shortened backoff used here, a dozen at the production one).
 */
import { NOTIFICATION_CLIENT_DEFAULTS } from '../../nodes/shared/cometd';
import { activateTrigger, n8nLogger, type ActiveTrigger } from './harness';
import { useSimulator } from '../helpers/simulator';
import { agent1, agent2 } from '../helpers/users';
import { until } from '../helpers/wait';

const sim = useSimulator();
const open: ActiveTrigger[] = [];
const savedDefaults = { ...NOTIFICATION_CLIENT_DEFAULTS };
type Level = 'error' | 'warn' | 'info' | 'debug';
const lines: Array<{ level: Level; message: string }> = [];

beforeAll(() => {
	// Fast retries (many attempts in a short outage); the lasting-failure limit stays out of reach.
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, { backoffIncrementMs: 50, maxBackoffMs: 100, failureAfterMs: 60_000 });
	const logger = n8nLogger();
	for (const level of ['error', 'warn', 'info', 'debug'] as const) {
		jest.spyOn(logger, level).mockImplementation((...args: unknown[]) => void lines.push({ level, message: String(args[0]) }));
	}
});
afterEach(async () => {
	await Promise.all(open.splice(0).map((t) => t.close()));
});
afterAll(() => {
	Object.assign(NOTIFICATION_CLIENT_DEFAULTS, savedDefaults);
	jest.restoreAllMocks();
});

const about = (workflow: string, user: string) =>
	lines.filter((l) => l.message.includes(`workflow "${workflow}"`) && l.message.includes(`GWS user ${user}`));

it('a simulator restart with a 1.5 s outage: per workflow one "reconnecting" line and one "connected again after N s"', async () => {
	const vip = await activateTrigger({ credential: agent1(sim), workflowName: 'VIP calls', parameters: { events: ['StatusChange'] } });
	open.push(vip);
	const desk = await activateTrigger({ credential: agent2(sim), workflowName: 'Help desk', parameters: { events: ['StatusChange'] } });
	open.push(desk);
	lines.splice(0);

	const failed = vip.failedPolls + desk.failedPolls;
	await sim.restart(1500);
	await until(
		'both workflows connected again',
		() => lines.filter((l) => l.message.includes('connected again after')).length >= 2,
		10_000,
	);
	// The outage was real: both triggers' polls and handshakes were refused many times.
	expect(vip.failedPolls + desk.failedPolls - failed).toBeGreaterThanOrEqual(6);

	for (const [workflow, user] of [
		['VIP calls', 'agent1'],
		['Help desk', 'agent2'],
	]) {
		const own = about(workflow, user);
		const shown = own.filter((l) => l.level !== 'debug');
		expect(shown.map((l) => l.level)).toEqual(['info', 'info']);
		expect(shown[0].message).toMatch(
			new RegExp(`^Genesys GWS Trigger \\(workflow "${workflow}" \\(id wf-trigger-\\d+\\), GWS user ${user}\\): reconnecting to GWS notifications \\(attempt 1\\): .+`),
		);
		const back = /connected again after (\d+\.\d) s \((\d+) attempts\)$/.exec(shown[1].message);
		expect(back).not.toBeNull();
		expect(Number(back![1])).toBeGreaterThanOrEqual(1.2);
		expect(Number(back![1])).toBeLessThan(10);
		// the attempts in between are there for whoever turns debug on, and only there
		const retries = own.filter((l) => l.message.includes('reconnecting') && l.level === 'debug');
		expect(retries.length).toBeGreaterThanOrEqual(2);
		expect(retries.length + 1).toBe(Number(back![2]));
	}
	expect(lines.filter((l) => l.level === 'error')).toEqual([]);
	expect(vip.errors).toEqual([]);
	expect(desk.errors).toEqual([]);
	// live again: a call reaches the trigger
	await sim.placeInboundCall({ to: 'agent1', from: '5551234' });
	await until('the Ringing call after the restart', () => vip.items.some((i) => (i.call as { state?: string }).state === 'Ringing'));
});
