/**
 * The hand-written alternative to the auto-conference example workflow (examples/auto-conference-supervisor.json):
 * what a developer would write instead of n8n. A cometd-nodejs-client subscriber on /v2/me/calls and one
 * keep-alive HTTP client with the GWS session (JSESSIONID cookie, CSRF header; bench/lib/raw-gws.ts). When an
 * inbound call of this user becomes Established and the caller is a VIP (same test as the example's IF node), it
 * POSTs SingleStepConference to the supervisor's number, once per call.
 *
 * Runs in its own process (as n8n does), started by reaction.ts: options in BENCH_SCRIPT_OPTIONS (JSON), it sends
 * {ready: true} over IPC once logged in and subscribed, and exits when the parent disconnects.
 */
import { startRawSubscriber } from './raw-cometd';
import { RawGwsClient } from './raw-gws';

interface ScriptOptions {
	baseUrl: string;
	username: string;
	password: string;
	/** The supervisor's number, as in the example workflow. */
	destination: string;
}

interface CallData {
	id?: string;
	state?: string;
	callType?: string;
	ani?: string;
	userData?: Record<string, unknown>;
	participants?: Array<{ phoneNumber?: string }>;
}

const VIP_NUMBERS = ['5551234', '5550100'];

function isVip(call: CallData): boolean {
	const ani = String(call.ani ?? call.participants?.[0]?.phoneNumber ?? '');
	return String(call.userData?.VIP ?? '').toLowerCase() === 'true' || VIP_NUMBERS.includes(ani);
}

async function main(): Promise<void> {
	const options = JSON.parse(process.env.BENCH_SCRIPT_OPTIONS ?? '{}') as ScriptOptions;
	const client = new RawGwsClient({ baseUrl: options.baseUrl, username: options.username, password: options.password });
	await client.login();
	const conferenced = new Set<string>();
	let failures = 0;
	await startRawSubscriber(options.baseUrl, options.username, options.password, (message) => {
		const data = message.data as { notificationType?: string; call?: CallData } | undefined;
		const call = data?.call;
		if (data?.notificationType !== 'StatusChange' || !call?.id) return;
		if (call.state !== 'Established' || call.callType !== 'Inbound' || !isVip(call)) return;
		if (conferenced.has(call.id)) return;
		conferenced.add(call.id);
		client
			.post(`/api/v2/me/calls/${encodeURIComponent(call.id)}`, {
				operationName: 'SingleStepConference',
				destination: { phoneNumber: options.destination },
				userData: { SupervisorConferenced: 'true' },
			})
			.catch((error: Error) => {
				failures++;
				console.error(`conference-script: SingleStepConference on ${call.id} failed (${failures}): ${error.message}`);
			});
	});
	process.send?.({ ready: true });
}

process.on('disconnect', () => process.exit(0));
main().catch((error) => {
	console.error('conference-script failed:', error);
	process.exit(1);
});
