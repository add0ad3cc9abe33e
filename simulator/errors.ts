/**
 * The GWS error shape {"statusCode":N,"statusMessage":"..."} and the codes we use
 * (https://enu.docs.genesys.com/Documentation:HTCC:API:ReturnValues:8.5.2 ; HTTP statuses: docs/FIDELITY.md E1-E8).
 */

export const STATUS = {
	ok: 0,
	missingParameter: 1,
	invalidForState: 2,
	forbidden: 3,
	internal: 4,
	noPermission: 5,
	notFound: 6,
	inputValidation: 10,
	notAuthenticated: 20,
} as const;

/** Thrown by handlers; rest.ts turns it into an HTTP reply. Messages must never carry secrets. */
export class GwsError extends Error {
	constructor(
		readonly httpStatus: number,
		readonly statusCode: number,
		message: string,
	) {
		super(message);
	}

	body(): { statusCode: number; statusMessage: string } {
		return { statusCode: this.statusCode, statusMessage: this.message };
	}
}

export const missingParameter = (name: string, expected: string): GwsError =>
	new GwsError(400, STATUS.missingParameter, `Missing required parameter '${name}': expected ${expected}`);

export const invalidParameter = (name: string, value: unknown, expected: string): GwsError =>
	new GwsError(
		400,
		STATUS.inputValidation,
		`Invalid parameter '${name}': ${describe(value)} is not valid; expected ${expected}`,
	);

/**
 * An operation the call's current state does not allow. Choice (docs silent on the HTTP status): HTTP 409 Conflict,
 * statusCode 2 ("parameter not valid for the current state").
 */
export const invalidForState = (message: string): GwsError => new GwsError(409, STATUS.invalidForState, message);

export const notFound = (message: string): GwsError => new GwsError(404, STATUS.notFound, message);

/** A short, safe rendering of a client value for an error message. */
function describe(value: unknown): string {
	if (value === undefined) return 'undefined';
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = String(value);
	}
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
