/** The page's requests to the control API, and how it reports their outcome (toasts, form messages). */
import type { ElementKey } from '../contract';
import { el, h } from './dom';
import { isObject } from './format';

export type Kind = 'ok' | 'bad' | '';

export function toast(text: string, kind: Kind = ''): void {
	const note = h('div', { class: 'toast ' + kind, role: kind === 'bad' ? 'alert' : 'status', text });
	el('toasts').appendChild(note);
	window.setTimeout(() => note.remove(), kind === 'bad' ? 8000 : 3500);
}

/** A form's message line. */
export function say(key: Extract<ElementKey, 'callMessage' | 'faultMessage' | 'opMessage'>, text = '', kind: Kind = ''): void {
	const line = el(key);
	line.textContent = text;
	line.className = 'msg' + (kind ? ' ' + kind : '');
}

/** A control API call; rejects with the simulator's own message ({"error": ...}). */
export async function api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
	const init: RequestInit = { method, headers: {} };
	if (body !== undefined) init.headers = { 'Content-Type': 'application/json' };
	if (body !== undefined) init.body = JSON.stringify(body);
	let res: Response;
	try {
		res = await fetch(path, init);
	} catch (error) {
		throw new Error(`The simulator did not answer (${(error as Error).message}). Is it still running?`);
	}
	const text = await res.text();
	let data: unknown = {};
	try {
		data = text ? JSON.parse(text) : {};
	} catch {
		data = { error: text };
	}
	const reply = isObject(data) ? data : {};
	if (!res.ok) throw new Error((reply.error as string) || `HTTP ${res.status}`);
	return reply;
}

/** Runs a page action: disables the button meanwhile, reports the outcome as a toast. */
export async function act(button: HTMLButtonElement | null, request: Promise<unknown>, okText?: string): Promise<void> {
	if (button) button.disabled = true;
	try {
		await request;
		if (okText) toast(okText, 'ok');
	} catch (error) {
		toast((error as Error).message, 'bad');
	}
	if (button) button.disabled = false;
}
