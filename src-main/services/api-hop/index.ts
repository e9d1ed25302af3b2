/** The API server hop: TLS, "authenticated as", and the can-i matrix through an open tunnel. */
export { ApiHopProbe, type ApiHopDeps, type ApiHopRequest, type ChallengeSink, type HopTokens } from './api-hop-probe';
export { CAN_I_CHECKS, type ApiHopResult, type CanICheck, type CanIQuestion } from './can-i-checks';
export { postToApiServer, type ApiEndpoint, type ApiPoster, type ApiReply } from './api-https';
