/**
 * The optional filters. All set filters must match (AND); within a list any value matches (OR).
 * Call filters look at the notification's `call`; notifications without a call (device state, most
 * ErrorMessages) are not subject to them and always pass.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { digitsOf, numbersOfCall } from '../shared/participants';
import { MONITORED_CALLS, MonitoringLegs, isListenedIn } from './monitoredCalls';

export interface FilterParameters {
	callStates?: string[];
	callTypes?: string[];
	numbers?: string;
	userDataKey?: string;
	userDataValue?: string;
	userDataKeyAbsent?: string;
	monitoredCalls?: string;
}

/** Own keys only: "constructor" or "__proto__" must not match every object through its prototype. */
function hasUserDataKey(call: IDataObject, key: string): boolean {
	const userData = call.userData;
	return !!userData && typeof userData === 'object' && Object.prototype.hasOwnProperty.call(userData, key);
}

export type CallFilter = (call: IDataObject) => boolean;

/**
 * Whether a call passes. Call it with every call notification, selected or not (eventSelection.ts): the Monitored
 * Calls check remembers the legs it recognised.
 */
export function compileCallFilter(node: INode, params: FilterParameters): CallFilter {
	const checks: CallFilter[] = [];
	if (params.callStates?.length) {
		const states = new Set(params.callStates);
		checks.push((call) => states.has(String(call.state)));
	}
	if (params.callTypes?.length) {
		const types = new Set(params.callTypes);
		checks.push((call) => types.has(String(call.callType)));
	}
	const numberText = params.numbers?.trim();
	if (numberText) {
		const wanted = numberText.split(',').map((n) => n.trim()).filter((n) => n !== '');
		const wantedDigits = wanted.map(digitsOf);
		const bad = wanted.find((n, i) => wantedDigits[i] === '');
		if (bad !== undefined) {
			throw new NodeOperationError(
				node,
				`Filter "DNIS or Participant Number" has "${bad}", which contains no digit`,
				{ description: 'Enter phone numbers separated by commas, e.g. 5551234, 15001' },
			);
		}
		checks.push((call) => numbersOfCall(call).some((n) => wantedDigits.includes(n)));
	}
	const key = params.userDataKey?.trim();
	if (key) {
		const value = params.userDataValue;
		checks.push((call) => {
			if (!hasUserDataKey(call, key)) return false;
			// An empty value only asks for the key to be present.
			if (value === undefined || value === '') return true;
			const actual = (call.userData as IDataObject)[key];
			// AttachUserData can duplicate a key; GWS then shows an array of the values: any may match.
			const values = Array.isArray(actual) ? actual : [actual];
			return values.some((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)) === value);
		});
	} else if (params.userDataValue) {
		throw new NodeOperationError(
			node,
			`Filter "User Data Value" is "${params.userDataValue}" but "User Data Key" is empty`,
			{ description: 'Set the user data key to compare with, or remove the value' },
		);
	}
	// The flag a flow attaches when it has acted (SupervisorConferenced, Escalated): a call that has it is left
	// alone, so a call Established again after a Hold or a consult does not start the flow a second time.
	const absent = (params.userDataKeyAbsent ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
	if (absent.length) checks.push((call) => !absent.some((k) => hasUserDataKey(call, k)));
	const monitored = params.monitoredCalls ?? 'include';
	const values: readonly string[] = MONITORED_CALLS.map((m) => m.value);
	if (!values.includes(monitored)) {
		throw new NodeOperationError(node, `Filter "Monitored Calls" has an unknown value "${monitored}"`, {
			description: `Use one of: ${values.join(', ')}.`,
		});
	}
	if (monitored === 'listenedIn') checks.push(isListenedIn);
	if (monitored !== 'exclude' && monitored !== 'only') return (call) => checks.every((check) => check(call));
	// Stateful (monitoredCalls.ts): asked first, for every call, so a leg recognised once stays recognised even while
	// the other filters drop its notifications.
	const legs = new MonitoringLegs();
	const wantLeg = monitored === 'only';
	return (call) => legs.isMonitoringLeg(call) === wantLeg && checks.every((check) => check(call));
}
