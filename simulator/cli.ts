#!/usr/bin/env node
/**
 * `npm run simulator` / `gws-simulator`: the GWS API v2 voice simulator as a standalone server.
 * Flags: --port N (default 8090), --host H (loopback only), --no-csrf, --latency MS, --remote-answer-delay MS,
 * --tls-key FILE --tls-cert FILE, --users FILE (usersFile.ts), --agents-logged-out, --verbose. Prints the URL, the
 * console page and the users (a local fake: their passwords are meant to be printed). A bad flag or users file exits
 * with status 2 and the reason. Stops cleanly on SIGINT/SIGTERM.
 */
import { readFileSync } from 'fs';
import type { SimulatorOptions } from './api';
import { Simulator } from './server';
import { loadUsersFile } from './usersFile';

const USAGE = `Usage: gws-simulator [--port 8090] [--host 127.0.0.1] [--no-csrf] [--latency MS]
                     [--remote-answer-delay MS] [--tls-key key.pem --tls-cert cert.pem]
                     [--users users.json] [--agents-logged-out] [--verbose]`;

export function parseArgs(argv: string[]): SimulatorOptions {
	const opts: SimulatorOptions = { port: 8090 };
	let tlsKey: string | undefined;
	let tlsCert: string | undefined;
	const value = (i: number, flag: string): string => {
		const v = argv[i + 1];
		if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
		return v;
	};
	const number = (text: string, flag: string, min: number): number => {
		const n = Number(text);
		if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be an integer >= ${min} (got '${text}')\n${USAGE}`);
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		switch (flag) {
			case '--port':
				opts.port = number(value(i, flag), flag, 0);
				if (opts.port > 65535) throw new Error(`--port must be 0-65535 (got ${opts.port})`);
				i++;
				break;
			case '--host':
				opts.host = value(i, flag);
				i++;
				break;
			case '--no-csrf':
				opts.csrf = false;
				break;
			case '--latency':
				opts.latencyMs = number(value(i, flag), flag, 0);
				i++;
				break;
			case '--remote-answer-delay':
				opts.remoteAnswerDelayMs = number(value(i, flag), flag, -1);
				i++;
				break;
			case '--tls-key':
				tlsKey = value(i, flag);
				i++;
				break;
			case '--tls-cert':
				tlsCert = value(i, flag);
				i++;
				break;
			case '--agents-logged-out':
				opts.agentsLoggedOut = true;
				break;
			case '--users':
				opts.users = loadUsersFile(value(i, flag));
				i++;
				break;
			case '--verbose':
				opts.verbose = true;
				break;
			case '--help':
			case '-h':
				throw new Error(USAGE);
			default:
				throw new Error(`Unknown option '${flag}'\n${USAGE}`);
		}
	}
	if ((tlsKey === undefined) !== (tlsCert === undefined)) throw new Error(`--tls-key and --tls-cert go together\n${USAGE}`);
	if (tlsKey && tlsCert) opts.tls = { key: readFileSync(tlsKey, 'utf8'), cert: readFileSync(tlsCert, 'utf8') };
	return opts;
}

/** A text as the terminal should show it: control characters (an ANSI escape in a password) escaped, not run. */
function printable(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

async function main(): Promise<void> {
	let opts: SimulatorOptions;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error((error as Error).message);
		process.exit(2);
	}
	let sim: Simulator;
	try {
		sim = new Simulator(opts);
	} catch (error) {
		// A refused option (a non-loopback --host, a bad user): the documented exit status 2 and one line, no stack.
		console.error((error as Error).message);
		process.exit(2);
	}
	try {
		await sim.start();
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		console.error(code === 'EADDRINUSE' ? `Port ${opts.port} is in use; pick another with --port` : `Cannot start: ${(error as Error).message}`);
		process.exit(1);
	}
	// One write, so that a program reading our output never sees the first line without the rest.
	console.log(
		[
			`GWS simulator listening on ${sim.url}`,
			`  Console: ${sim.url}/simulator/console`,
			`  REST:    ${sim.url}/api/v2   CometD: ${sim.url}/api/v2/notifications   control: ${sim.url}/simulator/`,
			`  CSRF ${opts.csrf === false ? 'off' : 'on'}${opts.latencyMs ? `, latency ${opts.latencyMs} ms` : ''}`,
			...(opts.agentsLoggedOut
				? ['  Agents start logged out: POST /api/v2/me {"operationName":"StartContactCenterSession","channels":["voice"]} logs one in']
				: []),
			`  ${opts.users ? 'Users from --users' : 'Demo users'} (username / password / DN):`,
			...sim.users.map((u) => `    ${printable(u.username)} / ${printable(u.password)} / ${u.phoneNumber}${u.roles?.includes('supervisor') ? ' (supervisor)' : ''}`),
		].join('\n'),
	);
	let stopping = false;
	const shutdown = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: stopping the simulator`);
		sim.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) void main();
