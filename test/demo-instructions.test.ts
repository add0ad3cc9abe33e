/**
 * What the demo prints at the end (scripts/lib/demoInstructions.ts): every login it made, and commands that run as
 * pasted. The recipes really running against the real n8n is test/e2e/recipes.test.ts; here, without n8n: no
 * placeholder to fill in, valid shell, every password printed, and the same recipes as the README's.
 */
import { spawnSync } from 'child_process';

import { DEMO_OWNER, demoInstructions } from '../scripts/lib/demoInstructions';
import { RECIPES, hangUp } from '../scripts/lib/recipes';
import { DEMO_USERS } from '../simulator';

const simUrl = 'http://127.0.0.1:8091';
const text = demoInstructions({
	editorUrl: 'http://127.0.0.1:5678',
	owner: DEMO_OWNER,
	simUrl,
	users: DEMO_USERS,
	credentials: { agent: { id: '1', name: 'GWS simulator (agent1)' }, supervisor: { id: '2', name: 'GWS simulator (supervisor1)' } },
	logFile: '/tmp/demo/n8n.log',
});

it('prints every login it made: the n8n owner, each GWS user with its password, and which credential uses which', () => {
	expect(text).toContain(`Login:     ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`);
	for (const user of DEMO_USERS) expect(text).toContain(`${user.username} / ${user.password}  (DN ${user.phoneNumber}`);
	expect(text).toContain('supervisor1 / supervisor1pass  (DN 15002, agent + supervisor; n8n credential "GWS simulator (supervisor1)")');
	expect(text).toContain('agent1 / agent1pass  (DN 15000, agent; n8n credential "GWS simulator (agent1)")');
});

it('prints commands that run as pasted: no placeholder, valid shell, for the simulator it started', () => {
	expect(text).not.toMatch(/<[^>]*>/); // no <callId from above>
	const commands = [...RECIPES.flatMap((r) => r.commands(simUrl)), ...hangUp(simUrl)];
	for (const line of commands) expect(text).toContain(line);
	const script = RECIPES.map((r) => r.commands(simUrl).join('\n')).join('\n');
	const syntax = spawnSync('bash', ['-n', '-c', script], { encoding: 'utf8' });
	expect({ status: syntax.status, stderr: syntax.stderr }).toEqual({ status: 0, stderr: '' });
	expect(text).not.toContain('8090');
	expect(text.match(/simulator\/calls -H/g)).toHaveLength(RECIPES.length);
});
