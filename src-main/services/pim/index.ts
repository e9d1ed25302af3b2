import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { AuditRecorder } from '../audit';
import type { Logger } from '../log';
import { createPimClient } from './pim-client';
import { PimService } from './pim-service';
import { createGraphClient } from './graph-client';
import { GroupPimService } from './group-pim-service';

export { PimService, type PimServiceOptions } from './pim-service';
export { createPimClient, type PimClient } from './pim-client';
export { GroupPimService, type ActiveGroup, type EligibleGroup } from './group-pim-service';
export { FreshTokensAfterChange } from './fresh-tokens';
export { watchTerminalForbidden, type TerminalForbidden } from './terminal-forbidden-watch';

/** What the composition root hands the PIM service. */
export interface PimDeps {
  readonly credential: TokenCredential;
  /** The selected tenant: PIM requests are made with that tenant's ARM token. */
  readonly tenant: () => string | null;
  readonly endpoint: string;
  readonly scope: string;
  readonly httpClient?: HttpClient | undefined;
  readonly retry: { readonly maxRetries: number; readonly retryDelayInMs: number; readonly maxRetryDelayInMs: number };
  readonly pollIntervalMs: number;
  readonly audit: AuditRecorder;
  readonly log: Logger;
  /** The console's interactive step-up sign-in for a claims challenge (AuthService.stepUp). */
  readonly stepUp?: (claims: string) => Promise<void>;
}

/** A credential that asks for tokens in the selected tenant (the operator's own requests must be made there). */
function tenantBound(credential: TokenCredential, tenant: () => string | null): TokenCredential {
  return {
    getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const tenantId = tenant();
      return credential.getToken(scopes, { ...options, ...(tenantId ? { tenantId } : {}) });
    },
  };
}

/** The `oid` claim of an access token (the operator's object id in the token's tenant, guests included); null if unreadable. */
export function oidOf(token: AccessToken | null): string | null {
  try {
    const claims = JSON.parse(Buffer.from(token?.token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { oid?: unknown };
    return typeof claims.oid === 'string' ? claims.oid : null;
  } catch {
    return null;
  }
}

/** Builds the PIM service over the official SDK with the console's credential and transport. */
export function createPimService(deps: PimDeps): PimService {
  const credential = tenantBound(deps.credential, deps.tenant);
  const client = () => createPimClient({ credential, endpoint: deps.endpoint, scope: deps.scope, httpClient: deps.httpClient, retry: deps.retry });
  const stepUp = deps.stepUp;
  return new PimService({
    client: client(),
    // A new client after a step-up: the SDK's pipeline keeps its token until near expiry, so only a new one asks for the stepped-up token.
    ...(stepUp ? { stepUp: async (claims: string) => { await stepUp(claims); return client(); } } : {}),
    // The principal of a self request is the caller as ARM sees it: the oid of the selected tenant's ARM token.
    principalId: async () => oidOf(await credential.getToken(deps.scope).catch(() => null)),
    audit: deps.audit,
    log: deps.log.child('pim'),
    pollIntervalMs: deps.pollIntervalMs,
    settleTimeoutMs: 60_000,
  });
}

/** What the composition root hands the group PIM service. */
export interface GroupPimDeps {
  readonly credential: TokenCredential;
  readonly tenant: () => string | null;
  readonly graphEndpoint: string;
  readonly graphScope: string;
  /** The ARM scope, whose token's `oid` names the operator. */
  readonly armScope: string;
  readonly httpClient?: HttpClient | undefined;
  readonly audit: AuditRecorder;
  /** Group claims changed: AKS-scope tokens minted before must not be handed out again. */
  readonly membershipChanged: () => void;
}

/** Builds PIM for groups over Microsoft Graph with the selected tenant's token. */
export function createGroupPimService(deps: GroupPimDeps): GroupPimService {
  const credential = tenantBound(deps.credential, deps.tenant);
  return new GroupPimService({
    graph: createGraphClient({ credential, endpoint: deps.graphEndpoint, scope: deps.graphScope, httpClient: deps.httpClient }),
    principalId: async () => oidOf(await credential.getToken(deps.armScope).catch(() => null)),
    audit: deps.audit,
    membershipChanged: async () => deps.membershipChanged(),
  });
}
