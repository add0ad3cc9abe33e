/**
 * The one reading of a call's parties. Current GWS builds list `participants` as objects
 * {phoneNumber, digits, e164Number, formattedPhoneNumber}; older builds as plain strings (the Dial page's history:
 * https://en.docs.genesys.com/index.php?diff=prev&oldid=90896&title=Documentation%3AHTCC%3AAPI%3ACallsDial%3A8.5.2).
 */
import type { IDataObject } from 'n8n-workflow';

export interface Party {
	/** What to show: phoneNumber, else digits, else formattedPhoneNumber. */
	display: string;
	/** Every number the party is shown with (non-empty texts). */
	numbers: string[];
}

const NUMBER_FIELDS = ['phoneNumber', 'digits', 'formattedPhoneNumber', 'e164Number'];

function text(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export function partiesOf(call: IDataObject): Party[] {
	const participants = Array.isArray(call.participants) ? call.participants : [];
	const parties: Party[] = [];
	for (const p of participants) {
		const numbers =
			p && typeof p === 'object'
				? NUMBER_FIELDS.map((field) => text((p as IDataObject)[field])).filter((n) => n !== '')
				: [text(p)].filter((n) => n !== '');
		if (numbers.length > 0) parties.push({ display: numbers[0], numbers });
	}
	return parties;
}

/** Digits only, so "+1 555-1234" and "15551234" compare equal; empty when the value has no digit. */
export function digitsOf(value: unknown): string {
	return text(value).replace(/\D/g, '');
}

/** The digits of every number a call shows: dnis, ani and each party's numbers (no duplicates). */
export function numbersOfCall(call: IDataObject): string[] {
	const all = [text(call.dnis), text(call.ani), ...partiesOf(call).flatMap((p) => p.numbers)];
	return [...new Set(all.map(digitsOf).filter((d) => d !== ''))];
}

/**
 * Whether a dialled number is among a call's parties. Compared on digits and by suffix, because GWS may show it
 * with an outside-line or country prefix (or without the one the user dialled).
 */
export function showsDialledNumber(call: IDataObject, dialled: string): boolean {
	const wanted = digitsOf(dialled);
	return partiesOf(call).some((party) =>
		party.numbers.some((n) => {
			const digits = digitsOf(n);
			return digits !== '' && (digits.endsWith(wanted) || wanted.endsWith(digits));
		}),
	);
}
