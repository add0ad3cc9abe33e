/**
 * Users from a file (simulator/usersFile.ts): a good file in both shapes, and every kind of bad input with the
 * message a person needs to fix it (line and column for JSON syntax, the user and the field for schema errors).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { findJsonSyntaxError } from '../../simulator/jsonSyntax';
import { loadUsersFile, parseUsers, UsersFileError } from '../../simulator/usersFile';
import { startTestSimulator } from '../helpers/simulator';
import { GwsRestClient } from './helpers';

const GOOD = [
	{ username: 'alice', password: 'alice-pass', phoneNumber: '20001', firstName: 'Alice', lastName: 'Archer' },
	{ username: 'bob', password: 'bob-pass', phoneNumber: '20002' },
	{ username: 'carol', password: 'carol-pass', phoneNumber: '20003', roles: ['agent', 'supervisor'] },
];

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'gws-users-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

function failure(text: string): string {
	try {
		parseUsers(text, 'users.json');
	} catch (error) {
		expect(error).toBeInstanceOf(UsersFileError);
		return (error as Error).message;
	}
	throw new Error('parseUsers accepted a bad file');
}

describe('a good file', () => {
	test('an array of users, or {"users": [...]}, becomes the simulator users (firstName, lastName, roles kept)', () => {
		expect(loadUsersFile(file('array.json', JSON.stringify(GOOD, null, 2)))).toEqual(GOOD);
		expect(loadUsersFile(file('object.json', JSON.stringify({ users: GOOD })))).toEqual(GOOD);
		// A byte-order mark (Windows editors) is not an error.
		expect(parseUsers('\uFEFF' + JSON.stringify(GOOD))).toEqual(GOOD);
	});

	test('a simulator started with them serves exactly those users', async () => {
		const sim = await startTestSimulator({ users: loadUsersFile(file('sim.json', JSON.stringify({ users: GOOD }))) });
		try {
			expect(sim.agents().map((a) => [a.username, a.phoneNumber, a.roles])).toEqual([
				['alice', '20001', ['agent']],
				['bob', '20002', ['agent']],
				['carol', '20003', ['agent', 'supervisor']],
			]);
			const me = await new GwsRestClient(sim.url, 'alice', 'alice-pass').get('/api/v2/me');
			expect(me.body.user).toMatchObject({ userName: 'alice', firstName: 'Alice', lastName: 'Archer' });
			// The demo users are replaced, not added to.
			expect((await new GwsRestClient(sim.url, 'agent1', 'agent1pass').get('/api/v2/me')).status).toBe(401);
		} finally {
			await sim.close();
		}
	});
});

describe('JSON syntax errors name the line and column', () => {
	test.each([
		['a trailing comma', '[\n  {"username": "a", "password": "p", "phoneNumber": "1"},\n]', "line 3, column 1: a comma before ']' (JSON allows no trailing comma)"],
		['a missing comma', '[\n  {"username": "a"}\n  {"username": "b"}\n]', "line 3, column 3: unexpected '{'; expected ',' or ']' after an array element"],
		['a bare word', '{"users": [{"username": agent1}]}', "line 1, column 25: unexpected 'a'; expected a value"],
		['single quotes', "[{'username': 'a'}]", 'line 1, column 3: unexpected single quote (JSON strings use double quotes); expected a property name in double quotes'],
		['a cut-off file', '[{"username": "a",', 'line 1, column 19: unexpected end of the file; expected a property name in double quotes'],
		['an unclosed string', '[{"username": "a}]', 'line 1, column 19: a string that is never closed (missing ")'],
		['a line break in a string', '[{"username": "a\nb"}]', 'line 1, column 17: control character U+000A inside a string'],
		['text after the value', '[]\n]', "line 2, column 1: unexpected ']' after the end of the JSON value"],
	])('%s', (_what, text, expected) => {
		expect(failure(text)).toContain(`users.json is not valid JSON: ${expected}`);
	});

	test('the locator agrees with JSON.parse on valid JSON and finds nothing', () => {
		for (const text of ['[]', '{"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"]}', ' 0 ', '"\\""']) {
			expect(() => JSON.parse(text)).not.toThrow();
			expect(findJsonSyntaxError(text)).toBeUndefined();
		}
	});
});

describe('schema errors name the user and the field', () => {
	const user = (extra: Record<string, unknown>) => ({ username: 'u1', password: 'p1', phoneNumber: '30001', ...extra });
	const list = (...users: unknown[]) => JSON.stringify(users);

	test.each([
		['not an array', '"agent1"', 'users.json must hold an array of users or {"users": [...]}, got a string'],
		['an empty list', '[]', 'users.json lists no users'],
		['an object without users', '{"agents": []}', 'users.json: unknown top-level field "agents"'],
		['users not an array', '{"users": {"username": "a"}}', 'users.json: "users" must be an array of users, got an object'],
		['a user that is not an object', list(user({}), 'bob'), 'users[1] must be an object such as {"username": ..., "password": ..., "phoneNumber": ...}, got a string'],
		['a missing username', list({ password: 'p', phoneNumber: '1' }), 'users[0].username is missing'],
		['a username with a colon', list(user({ username: 'a:b' })), `users[0].username "a:b" contains ':' (HTTP basic auth separates the username from the password with it); pick a plain name such as "agent1"`],
		['a missing password', list(user({ password: undefined })), 'users[0].password (user "u1") is missing'],
		['a number as phoneNumber', list(user({}), user({ username: 'u2', phoneNumber: '30002' }), user({ username: 'u3', phoneNumber: 30003 })), 'users[2].phoneNumber (user "u3") must be a string of digits, e.g. "15000", got 30003 (write it in quotes: "30003")'],
		['a phoneNumber with a dash', list(user({ phoneNumber: '555-1234' })), 'users[0].phoneNumber (user "u1") must be a string of digits, e.g. "15000", got "555-1234"'],
		['a phoneNumber the simulator treats as unreachable', list(user({ phoneNumber: '99912' })), 'users[0].phoneNumber (user "u1") "99912" starts with 999'],
		['an unknown role', list(user({ roles: ['agent', 'admin'] })), 'users[0].roles (user "u1") must be a non-empty array of "agent" and/or "supervisor", got ["agent","admin"]'],
		['a misspelt field', list(user({ phonenumber: '1' })), 'users[0] (user "u1") has an unknown field "phonenumber"; the fields are username, password, phoneNumber, firstName, lastName, roles'],
		['a firstName that is not a string', list(user({ firstName: 7 })), 'users[0].firstName (user "u1") must be a string, got 7'],
		['a duplicate username', list(user({}), user({ phoneNumber: '30002' })), 'users[1].username "u1" is already used by users[0]'],
		['a duplicate DN', list(user({}), user({ username: 'u2' })), 'users[1].phoneNumber "30001" is already the DN of users[0]'],
		['a username that is another user\'s DN', list(user({}), user({ username: '30001', phoneNumber: '30002' })), 'users[1].username "30001" is the phoneNumber of users[0]'],
	])('%s', (_what, text, expected) => {
		expect(failure(text)).toContain(expected);
	});

	test('every problem is listed at once, and a password never appears in a message', () => {
		const message = failure(list({ username: 'a', password: 12345678, phoneNumber: 'x' }, { username: 'a', password: 'sekret-pass', phoneNumber: '1', extra: true }));
		expect(message).toMatch(/^users\.json has 4 problems:\n {2}- /);
		expect(message).toContain('users[0].password (user "a") must be a non-empty string, got a number');
		expect(message).not.toContain('12345678');
		expect(message).not.toContain('sekret-pass');
	});

	// Names that log in but cannot work elsewhere (issue 21): the control API's paths, the terminal, the lookups.
	test.each([
		['a "/"', 'a/b', "contains '/' (the control API's paths /simulator/agents/{username}/... could not reach this user)"],
		['an ANSI escape', 'red\u001b[31m', 'contains a control character (e.g. an ANSI escape), which would be printed raw'],
		['"constructor"', 'constructor', 'is a JavaScript built-in name'],
		['"hasOwnProperty"', 'hasOwnProperty', 'is a JavaScript built-in name'],
		['"__proto__"', '__proto__', 'is a JavaScript built-in name'],
		['"toString"', 'toString', 'is a JavaScript built-in name'],
	])('a username with %s is refused, saying why', (_what, username, why) => {
		expect(failure(list(user({ username })))).toContain(`users[0].username ${JSON.stringify(username)} ${why}`);
		// The same rule when the users come as an option, not a file.
		return expect(startTestSimulator({ users: [{ username, password: 'p', phoneNumber: '30001' }] })).rejects.toThrow(why);
	});

	test('a simulator refused for its users leaves no timer running (its CometD server sweeps every few seconds)', async () => {
		const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
		const before = timers();
		await expect(startTestSimulator({ users: [{ username: 'constructor', password: 'p', phoneNumber: '30001' }] })).rejects.toThrow('built-in name');
		// On the old code the CometD server was made before the users were checked: its sweep timer stayed, and kept
		// jest from exiting after the whole run.
		expect(timers()).toBe(before);
	});

	test('20,000 empty passwords: a short message, the first 20 problems and a count of the rest, worded for an empty string', () => {
		const many = Array.from({ length: 20_000 }, (_, i) => ({ username: `u${i}`, password: '', phoneNumber: String(40000 + i) }));
		const message = failure(JSON.stringify(many));
		expect(message).toMatch(/^users\.json has 20000 problems:\n/);
		expect(message).toContain('users[0].password (user "u0") must be a non-empty string, got an empty string');
		expect(message).toContain('\n  - and 19980 more');
		expect(message.split('\n')).toHaveLength(22);
		expect(message.length).toBeLessThan(3000);
	});

	test('a file that cannot be read says why', () => {
		expect(() => loadUsersFile(join(dir, 'missing.json'))).toThrow(`Cannot read the users file ${join(dir, 'missing.json')}: no such file`);
		expect(() => loadUsersFile(dir)).toThrow('it is a directory');
		expect(() => parseUsers('  \n', 'users.json')).toThrow('users.json is empty');
	});
});
