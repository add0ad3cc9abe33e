/**
 * The one way this package talks HTTP to GWS (the implementation is in the modules named below):
 * requests in the credential's session (gwsRequests.ts), the credential (credentials.ts), how GWS replies are
 * judged and failures explained (reply.ts, errors.ts, networkFailure.ts), request paths (paths.ts) and the
 * session cache (session.ts).
 */
export { forgetGwsSession, getGwsSession, gwsApiRequest, gwsRawRequest } from './gwsRequests';
export { GWS_CREDENTIAL_TYPE, checkBaseUrl, credentialFields, forgetGwsCredential, readGwsServer } from './credentials';
export type { GwsServer } from './credentials';
export { credentialScrubber, describeTarget, scrubSecrets, type Scrub } from './errors';
export { GWS_STATUS_CODES, gwsReplyError, isNotFound, judgeGwsReply, sessionRejection } from './reply';
export { describeNetworkFailure } from './networkFailure';
export { fillPath, gwsPath, withQuery } from './paths';
export type { GwsContext, GwsRawRequest, GwsRawResponse, GwsRequestOptions, GwsSessionInfo } from './requestTypes';
export { clearGwsSessions } from './session';
