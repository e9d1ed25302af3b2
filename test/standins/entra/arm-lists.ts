import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StandInDirectory } from './directory';
import { b64url, json, type EntraFaults, type IssuedAccessToken } from './entra-standin';

/** What the ARM lists need from the Entra stand-in: who a token belongs to, and the directory. */
export interface ArmListSource {
  readonly directory: StandInDirectory;
  readonly faults: EntraFaults;
  validateAccessToken(token: string): IssuedAccessToken | undefined;
}

/**
 * ARM `GET /tenants` and `GET /subscriptions` as the console's tenant directory calls them,
 * answering only to access tokens the Entra stand-in issued for ARM (and, when the knob is set,
 * with one CAE claims challenge first).
 */
export function serveArmLists(req: IncomingMessage, res: ServerResponse, url: URL, standIn: ArmListSource): void {
  const auth = req.headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? standIn.validateAccessToken(auth.slice(7)) : undefined;
  if (!token || !token.scopes.some((s) => s.startsWith('https://management.azure.com/'))) {
    return json(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } }, { 'www-authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token"' });
  }
  if (standIn.faults.armClaimsChallenge) {
    standIn.faults.armClaimsChallenge = false;
    const claims = b64url(JSON.stringify({ access_token: { nbf: { essential: true, value: String(Math.floor(Date.now() / 1000)) } } }));
    return json(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Continuous access evaluation resulted in challenge.' } }, { 'www-authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/common", error="insufficient_claims", claims="${claims}"` });
  }
  const user = standIn.directory.users.find((u) => u.oid === token.oid)!;
  const page = standIn.faults.armNextLink ? { nextLink: standIn.faults.armNextLink } : {};
  if (url.pathname === '/tenants') {
    const value = standIn.directory.tenants
      .filter((t) => user.tenantIds.includes(t.tenantId))
      .map((t) => ({ id: `/tenants/${t.tenantId}`, tenantId: t.tenantId, displayName: t.displayName, defaultDomain: t.defaultDomain, tenantCategory: t.tenantId === user.homeTenantId ? 'Home' : 'ProjectedBy' }));
    return json(res, 200, { value, ...page });
  }
  if (url.pathname === '/subscriptions') {
    const tenant = standIn.directory.tenants.find((t) => t.tenantId === token.tenantId);
    const value = (tenant?.subscriptions ?? []).map((s) => ({ id: `/subscriptions/${s.subscriptionId}`, ...s, tenantId: token.tenantId, authorizationSource: 'RoleBased' }));
    return json(res, 200, { value, ...page });
  }
  json(res, 404, { error: { code: 'NotFound', message: `no route ${url.pathname}` } });
}
