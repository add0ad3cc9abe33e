/** A control request names an agent, a call or a route that does not exist: HTTP 404 (controlRoute.ts). */
export class ControlNotFound extends Error {}
