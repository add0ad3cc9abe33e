/**
 * Simulator users from a JSON file (`gws-simulator --users FILE`, or `startSimulator({ users: loadUsersFile(f) })`).
 *
 * The file holds an array of users, or an object `{ "users": [...] }`. Each user:
 *   username     string, required: the login (HTTP basic auth); no spaces, ':', '/', control characters or JavaScript built-in names (users.ts usernameProblem)
 *   password     string, required
 *   phoneNumber  string of digits, required: the user's DN (their device's phoneNumber)
 *   firstName, lastName  strings, optional
 *   roles        optional array of "agent" and/or "supervisor"; default ["agent"]
 * Anything else is an error, so a typo ("phonenumber") does not silently leave a field unset.
 *
 * Every error names where: a JSON syntax error its line and column, a schema error the user (`users[2]`, with the
 * username when there is one) and the field. Passwords never appear in a message.
 */
import { readFileSync } from 'fs';
import type { SimUserConfig } from './api';
import { UNREACHABLE_PREFIX } from './calls/unreachable';
import { findJsonSyntaxError } from './jsonSyntax';
import { usernameProblem } from './users';

const USER_FIELDS = ['username', 'password', 'phoneNumber', 'firstName', 'lastName', 'roles'] as const;
const USER_ROLES = ['agent', 'supervisor'] as const;
/** A file with thousands of mistakes gets the first ones and a count of the rest, not a message of megabytes. */
const MAX_PROBLEMS_LISTED = 20;

export class UsersFileError extends Error {}

const EXAMPLE = '[{"username": "agent1", "password": "agent1pass", "phoneNumber": "15000"}]';

/** Reads and checks a users file; throws UsersFileError naming the file and every problem. */
export function loadUsersFile(file: string): SimUserConfig[] {
	let text: string | undefined;
	let failure: NodeJS.ErrnoException | undefined;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		failure = error as NodeJS.ErrnoException;
	}
	if (text === undefined) {
		const why = failure?.code === 'ENOENT' ? 'no such file' : failure?.code === 'EISDIR' ? 'it is a directory' : failure?.message;
		throw new UsersFileError(`Cannot read the users file ${file}: ${why}`);
	}
	return parseUsers(text, file);
}

/** Parses and checks the text of a users file; `source` names it in errors. */
export function parseUsers(text: string, source = 'users file'): SimUserConfig[] {
	const body = text.replace(/^\uFEFF/, '');
	if (body.trim() === '') throw new UsersFileError(`${source} is empty; it should hold an array of users, e.g. ${EXAMPLE}`);
	let parsed: unknown;
	let syntaxError: Error | undefined;
	try {
		parsed = JSON.parse(body);
	} catch (error) {
		syntaxError = error as Error;
	}
	if (syntaxError) {
		const where = findJsonSyntaxError(body);
		throw new UsersFileError(
			where
				? `${source} is not valid JSON: line ${where.line}, column ${where.column}: ${where.message}`
				: `${source} is not valid JSON: ${syntaxError.message}`,
		);
	}
	const list = usersList(parsed, source);
	const problems: string[] = [];
	const users = list.map((entry, index) => checkUser(entry, index, problems));
	findDuplicates(users, problems);
	if (problems.length === 1) throw new UsersFileError(`${source}: ${problems[0]}`);
	if (problems.length > 1) {
		const listed = problems.slice(0, MAX_PROBLEMS_LISTED);
		const more = problems.length - listed.length;
		throw new UsersFileError(`${source} has ${problems.length} problems:\n  - ${listed.join('\n  - ')}${more > 0 ? `\n  - and ${more} more` : ''}`);
	}
	return users;
}

function kind(value: unknown): string {
	if (value === null) return 'null';
	if (value === '') return 'an empty string';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function shown(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function usersList(parsed: unknown, source: string): unknown[] {
	if (Array.isArray(parsed)) {
		if (parsed.length === 0) throw new UsersFileError(`${source} lists no users; add at least one, e.g. ${EXAMPLE}`);
		return parsed;
	}
	if (parsed !== null && typeof parsed === 'object') {
		const extra = Object.keys(parsed).filter((k) => k !== 'users');
		if (extra.length) {
			throw new UsersFileError(`${source}: unknown top-level field ${extra.map((k) => JSON.stringify(k)).join(', ')}; the file holds {"users": [...]} or just the array`);
		}
		const users = (parsed as { users?: unknown }).users;
		if (users === undefined) throw new UsersFileError(`${source} has no "users" field; write {"users": ${EXAMPLE}} or just the array`);
		if (!Array.isArray(users)) throw new UsersFileError(`${source}: "users" must be an array of users, got ${kind(users)}`);
		if (users.length === 0) throw new UsersFileError(`${source}: "users" is empty; add at least one user, e.g. ${EXAMPLE}`);
		return users;
	}
	throw new UsersFileError(`${source} must hold an array of users or {"users": [...]}, got ${kind(parsed)}; e.g. ${EXAMPLE}`);
}

function checkUser(entry: unknown, index: number, problems: string[]): SimUserConfig {
	if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
		problems.push(`users[${index}] must be an object such as {"username": ..., "password": ..., "phoneNumber": ...}, got ${kind(entry)}`);
		return {} as SimUserConfig;
	}
	const user = entry as Record<string, unknown>;
	const name = typeof user.username === 'string' && user.username !== '' ? ` (user ${JSON.stringify(user.username)})` : '';
	const at = (field: string) => `users[${index}].${field}${name}`;

	for (const key of Object.keys(user)) {
		if (!(USER_FIELDS as readonly string[]).includes(key)) {
			problems.push(`users[${index}]${name} has an unknown field ${JSON.stringify(key)}; the fields are ${USER_FIELDS.join(', ')}`);
		}
	}
	if (user.username === undefined) problems.push(`users[${index}].username is missing`);
	else if (typeof user.username !== 'string') {
		problems.push(`users[${index}].username must be a non-empty string without spaces, ':' or '/', got ${shown(user.username)}`);
	} else {
		const problem = usernameProblem(user.username);
		if (problem) problems.push(`users[${index}].username ${shown(user.username)} ${problem}; pick a plain name such as "agent1"`);
	}
	if (user.password === undefined) problems.push(`${at('password')} is missing`);
	// The value is never shown: it is a password.
	else if (typeof user.password !== 'string' || user.password === '') problems.push(`${at('password')} must be a non-empty string, got ${kind(user.password)}`);
	if (user.phoneNumber === undefined) problems.push(`${at('phoneNumber')} is missing (the user's DN, e.g. "15000")`);
	else if (typeof user.phoneNumber !== 'string' || !/^\d{1,32}$/.test(user.phoneNumber)) {
		const hint = typeof user.phoneNumber === 'number' ? ` (write it in quotes: "${user.phoneNumber}")` : '';
		problems.push(`${at('phoneNumber')} must be a string of digits, e.g. "15000", got ${shown(user.phoneNumber)}${hint}`);
	} else if (user.phoneNumber.startsWith(UNREACHABLE_PREFIX)) {
		problems.push(`${at('phoneNumber')} ${JSON.stringify(user.phoneNumber)} starts with ${UNREACHABLE_PREFIX}: the simulator treats such numbers as unreachable, so nobody could call this user`);
	}
	for (const field of ['firstName', 'lastName'] as const) {
		if (user[field] !== undefined && typeof user[field] !== 'string') problems.push(`${at(field)} must be a string, got ${shown(user[field])}`);
	}
	if (user.roles !== undefined) {
		const roles = user.roles;
		const valid = Array.isArray(roles) && roles.length > 0 && roles.every((r) => (USER_ROLES as readonly unknown[]).includes(r));
		if (!valid) problems.push(`${at('roles')} must be a non-empty array of "agent" and/or "supervisor", got ${shown(roles)}`);
		else if (new Set(roles).size !== roles.length) problems.push(`${at('roles')} lists a role twice: ${shown(roles)}`);
	}
	const config: SimUserConfig = {
		username: user.username as string,
		password: user.password as string,
		phoneNumber: user.phoneNumber as string,
	};
	if (user.firstName !== undefined) config.firstName = user.firstName as string;
	if (user.lastName !== undefined) config.lastName = user.lastName as string;
	if (user.roles !== undefined) config.roles = [...(user.roles as string[])];
	return config;
}

/** Usernames and DNs must be unique, and a username must not be another user's DN (the control API takes either). */
function findDuplicates(users: SimUserConfig[], problems: string[]): void {
	const byName = new Map<string, number>();
	const byDn = new Map<string, number>();
	users.forEach((user, index) => {
		if (typeof user.username === 'string') {
			const first = byName.get(user.username);
			if (first !== undefined) problems.push(`users[${index}].username ${JSON.stringify(user.username)} is already used by users[${first}]`);
			else byName.set(user.username, index);
		}
		if (typeof user.phoneNumber === 'string') {
			const first = byDn.get(user.phoneNumber);
			if (first !== undefined) problems.push(`users[${index}].phoneNumber ${JSON.stringify(user.phoneNumber)} is already the DN of users[${first}]`);
			else byDn.set(user.phoneNumber, index);
		}
	});
	users.forEach((user, index) => {
		const owner = typeof user.username === 'string' ? byDn.get(user.username) : undefined;
		if (owner !== undefined && owner !== index) {
			problems.push(`users[${index}].username ${JSON.stringify(user.username)} is the phoneNumber of users[${owner}]; a username must not equal another user's DN`);
		}
	});
}
