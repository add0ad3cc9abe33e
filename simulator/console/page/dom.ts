/** The page's DOM helpers: its elements by their declared id, and elements built with text, never parsed as HTML. */
import { ID, type ElementKey } from '../contract';

/** The kind of each element the script reads or writes a property of (others are plain HTMLElements). */
interface Elements extends Record<ElementKey, HTMLElement> {
	restartDown: HTMLSelectElement;
	callForm: HTMLFormElement;
	callTo: HTMLSelectElement;
	callFrom: HTMLInputElement;
	callDnis: HTMLInputElement;
	callQueue: HTMLInputElement;
	userDataJson: HTMLTextAreaElement;
	callSubmit: HTMLButtonElement;
	faultForm: HTMLFormElement;
	faultCount: HTMLInputElement;
	faultMode: HTMLSelectElement;
	faultStatus: HTMLInputElement;
	faultMethod: HTMLSelectElement;
	faultPath: HTMLInputElement;
	faultBody: HTMLTextAreaElement;
	faultSubmit: HTMLButtonElement;
	latency: HTMLInputElement;
	filterUser: HTMLSelectElement;
	filterCall: HTMLInputElement;
	filterCometd: HTMLInputElement;
	filterRest: HTMLInputElement;
	opDialog: HTMLDialogElement;
	opForm: HTMLFormElement;
	opName: HTMLSelectElement;
	opParams: HTMLTextAreaElement;
	opRun: HTMLButtonElement;
}

/** The page's element with this declared id (contract.ts ID). */
export function el<K extends ElementKey>(key: K): Elements[K] {
	const found = document.getElementById(ID[key]);
	if (!found) throw new Error(`The console page has no element #${ID[key]}`);
	return found as Elements[K];
}

type Handler = (event: Event) => void;
/** `class`, `text` (set as textContent), `on<event>` handlers, other attributes (true = present, false/null/undefined = absent). */
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;
export type Child = Node | string | number | null | undefined | false | Child[];

/** h('div', {class: 'x', text: 'y', onclick: fn}, child, ...): strings become text nodes, never HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(attrs ?? {})) {
		if (value === undefined || value === null || value === false) continue;
		if (name === 'class') element.className = String(value);
		else if (name === 'text') element.textContent = String(value);
		else if (name.startsWith('on')) element.addEventListener(name.slice(2), value as Handler);
		else element.setAttribute(name, value === true ? '' : String(value));
	}
	for (const child of children) add(element, child);
	return element;
}

export function add(parent: Node, child: Child): void {
	if (child === undefined || child === null || child === false) return;
	if (Array.isArray(child)) {
		for (const c of child) add(parent, c);
		return;
	}
	parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
}

export function clear(element: Node): void {
	while (element.firstChild) element.removeChild(element.firstChild);
}

/** The button an event came from (handlers are set on buttons). */
export const buttonOf = (event: Event): HTMLButtonElement => event.currentTarget as HTMLButtonElement;
