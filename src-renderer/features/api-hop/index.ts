/** The API server hop: TLS, "authenticated as", and the can-i matrix through the open tunnel. */
export { ApiHopPanel } from './api-hop-panel';
