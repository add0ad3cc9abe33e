/** Request paths and query strings: every id URL-encoded, so `/`, `?` or `#` in it cannot change the path. */
import type { IDataObject } from 'n8n-workflow';

import { isDotSegment } from '../callReference';

function encodeId(id: string): string {
	// A dot-segment id cannot be encoded safely (the URL parser also treats %2E%2E as ".."), so it is refused here
	// as a last guard; the node refuses it earlier with the parameter's name.
	if (isDotSegment(id)) {
		throw new Error(`The id "${id}" would change the request path; an id cannot be "." or ".."`);
	}
	return encodeURIComponent(id);
}

/** Builds `/api/v2/...` paths from a template literal whose values are ids. */
export function gwsPath(strings: TemplateStringsArray, ...ids: string[]): string {
	return strings.reduce((path, part, i) => path + part + (i < ids.length ? encodeId(ids[i]) : ''), '');
}

/** Fills a path template such as `/api/v2/me/calls/{callId}` with ids; a missing id is a programming error. */
export function fillPath(template: string, ids: Record<string, string | undefined>): string {
	return template.replace(/\{(\w+)\}/g, (_whole, slot: string) => {
		const id = ids[slot];
		if (id === undefined) throw new Error(`No value for {${slot}} in ${template}`);
		return encodeId(id);
	});
}

/** Appends the query string (empty values left out), as every request is sent. */
export function withQuery(url: string, qs?: IDataObject): string {
	if (!qs) return url;
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(qs)) {
		if (value !== undefined && value !== null && value !== '') params.append(name, String(value));
	}
	const query = params.toString();
	return query ? `${url}?${query}` : url;
}
