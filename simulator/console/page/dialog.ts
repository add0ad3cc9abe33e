/**
 * Acting as an agent: agent state, call and device operations (the control API's /simulator/agents/... routes), and
 * the operation dialog, whose operations and starting parameters come from the simulator (the call's capabilities
 * and what it also accepts; the catalog's forms).
 */
import type { SimAgentSnapshot } from '../../api';
import type { ControlAgentState } from '../../agentControl';
import type { CallOperationName } from '../../calls/operations';
import type { DeviceOperationName } from '../../devices';
import type { ConsoleCall } from '../snapshot';
import { act, api, say, toast } from './api';
import { add, clear, el, h } from './dom';
import { isObject, json, parseJson } from './format';
import { state } from './state';

const agentPath = (username: string): string => '/simulator/agents/' + encodeURIComponent(username);

export function setAgentState(button: HTMLButtonElement, username: string, target: ControlAgentState): Promise<void> {
	return act(button, api('POST', agentPath(username) + '/state', { state: target }), username + ': ' + target);
}

export function callOperation(button: HTMLButtonElement, username: string, callId: string, body: { operationName: CallOperationName }): Promise<void> {
	return act(button, api('POST', agentPath(username) + '/calls/' + encodeURIComponent(callId), body), username + ': ' + body.operationName + ' sent');
}

/** A device operation that takes parameters opens the dialog; one that takes none is sent at once. */
export function deviceOperation(button: HTMLButtonElement, agent: SimAgentSnapshot, op: DeviceOperationName | string): void {
	const form = state.catalog.deviceOperations[op];
	if (form && Object.keys(form).length) {
		openDialog({ kind: 'device', agent, ops: [op], op, forms: { [op]: deviceForm(form, agent) } });
		return;
	}
	void act(button, api('POST', agentPath(agent.username) + '/device', { operationName: op }), agent.username + ': ' + op + ' sent');
}

/** A monitoring form names the first other agent's device. */
function deviceForm(form: Record<string, unknown>, supervisor: SimAgentSnapshot): Record<string, unknown> {
	if (!('targetDeviceUri' in form)) return form;
	const snap = state.snap;
	const target = (snap?.agents || []).find((a) => a.username !== supervisor.username);
	return { ...form, targetDeviceUri: target && snap ? snap.url + '/api/v2/devices/' + target.deviceId : '' };
}

/** The call's operations: its capabilities, then what it also accepts. */
export function openCallDialog(agent: SimAgentSnapshot, call: ConsoleCall): void {
	const ops = [...(call.capabilities || [])];
	for (const op of call.alsoAccepted || []) if (!ops.includes(op)) ops.push(op);
	if (!ops.length) {
		toast('This call offers no operation in state ' + call.state, 'bad');
		return;
	}
	openDialog({ kind: 'call', agent, call, ops, op: ops[0], forms: state.catalog.callOperations });
}

function openDialog(dialog: NonNullable<typeof state.dialog>): void {
	state.dialog = dialog;
	el('opTitle').textContent = 'Run an operation as ' + dialog.agent.username;
	el('opSub').textContent =
		dialog.kind === 'call' && dialog.call
			? 'on call ' + dialog.call.id + ' (' + dialog.call.state + ', ' + dialog.call.callType + ')'
			: 'on the device of ' + dialog.agent.username + ' (DN ' + dialog.agent.phoneNumber + ')';
	const select = el('opName');
	clear(select);
	for (const name of dialog.ops) add(select, h('option', { value: name, text: name }));
	select.value = dialog.op;
	fillForm();
	say('opMessage', '');
	el('opDialog').showModal();
	el('opParams').focus();
}

/** The chosen operation's starting parameters. */
export function fillForm(): void {
	const dialog = state.dialog;
	if (!dialog) return;
	el('opParams').value = json(dialog.forms[el('opName').value] || {});
	showWire();
}

function opPath(): string {
	const dialog = state.dialog!;
	return dialog.kind === 'call' ? '/api/v2/me/calls/' + dialog.call!.id : '/api/v2/me/devices/' + dialog.agent.deviceId;
}

/** The request the agent's GWS client would send, as the parameters stand. */
export function showWire(): void {
	const dialog = state.dialog;
	if (!dialog) return;
	const params = parseJson(el('opParams').value, 'Parameters');
	const operationName = el('opName').value;
	const body = params.ok && isObject(params.value) ? { operationName, ...params.value } : { operationName };
	el('opWire').textContent = 'What ' + dialog.agent.username + "'s GWS client would send:\nPOST " + opPath() + '\n' + JSON.stringify(body);
}

export async function runDialog(ev: Event): Promise<void> {
	ev.preventDefault();
	const dialog = state.dialog;
	if (!dialog) return;
	const params = parseJson(el('opParams').value || '{}', 'Parameters');
	if (!params.ok) {
		say('opMessage', params.error, 'bad');
		return;
	}
	if (!isObject(params.value)) {
		say('opMessage', 'Parameters must be a JSON object, e.g. {"destination": {"phoneNumber": "15002"}}', 'bad');
		return;
	}
	const body = { ...params.value, operationName: el('opName').value };
	const path = dialog.kind === 'call' ? agentPath(dialog.agent.username) + '/calls/' + encodeURIComponent(dialog.call!.id) : agentPath(dialog.agent.username) + '/device';
	const button = el('opRun');
	button.disabled = true;
	try {
		await api('POST', path, body);
		el('opDialog').close();
		toast(dialog.agent.username + ': ' + body.operationName + ' sent', 'ok');
	} catch (error) {
		say('opMessage', (error as Error).message, 'bad');
	}
	button.disabled = false;
}
