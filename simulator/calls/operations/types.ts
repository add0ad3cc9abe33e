/** What an operation handler gets, and the small helper that types its parameters. */
import type { SimUser } from '../../users';
import type { CallEngine } from '../engine';
import type { Call, Leg } from '../model';
import type { Body } from '../params';
import { failsAsUnreachable as unreachable } from '../unreachable';

export interface OpContext {
	engine: CallEngine;
	user: SimUser;
	call: Call;
	leg: Leg;
	operationName: string;
}

/** What an operation reads from the request body. */
export interface BodyParams<P> {
	/** Parses and checks the body (400 errors) before the state check. */
	read(body: Body): P;
	/** The fields it reads, blank or with a sample value: the console's operation dialog starts from it. */
	form: Body;
}

export interface Operation {
	params: BodyParams<unknown>;
	run(ctx: OpContext, params: unknown): void;
}

export function op<P>(params: BodyParams<P>, run: (ctx: OpContext, params: P) => void): Operation {
	return { params, run: run as (ctx: OpContext, params: unknown) => void };
}

export const bodyParams = <P>(read: (body: Body) => P, form: Body): BodyParams<P> => ({ read, form });

export const noParams = bodyParams((): undefined => undefined, {});

/** Unreachable destinations are accepted, then fail asynchronously (unreachable.ts). */
export function failsAsUnreachable(ctx: OpContext, destination: string): boolean {
	return unreachable(ctx.engine, ctx.user.username, ctx.operationName, destination, ctx.call.id);
}
