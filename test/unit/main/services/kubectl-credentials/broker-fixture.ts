import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AuditEvent } from '../../../../../src-main/services/audit/audit-record';
import { ContextRegistry, RegistryDocument } from '../../../../../src-main/services/kubectl-credentials/context-registry';
import { TokenBroker, type TokenSource } from '../../../../../src-main/services/kubectl-credentials/token-broker';
import { JsonFile } from '../../../../../src-main/services/storage/json-file';
import { MemoryLogger } from '../../../../support/memory-logger';

/** The AKS AAD server application's scope. */
export const AKS_SCOPE = '6dae42f8-4368-4678-94ff-3960e28e3630/.default';
/** A cluster id in the official shape. */
export const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
/** The cluster's own tenant. */
export const CLUSTER_TENANT = '11111111-2222-3333-4444-555555555555';

/** A broker over a recording token source (the Entra boundary), a real registry file and a recording audit log. */
export async function brokerFixture() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-broker-'));
  const registry = new ContextRegistry(new JsonFile(path.join(dir, 'kubectl-contexts.json'), RegistryDocument, () => ({ version: 1 as const, contexts: [] })));
  const asked: Array<{ scopes: string; tenantId: string; claims?: string }> = [];
  const audit: AuditEvent[] = [];
  const state = { locked: false, identity: 'signed-in' as 'signed-in' | 'signed-out' | 'needs-sign-in' | 'signing-in' };
  let issued = 0;
  const tokens: TokenSource = {
    getToken: async (scopes, options) => {
      asked.push({ scopes, ...options });
      issued += 1;
      return { token: `aks-token-${issued}-${options.tenantId}`, expiresOnTimestamp: Date.UTC(2030, 0, 1), tokenType: 'Bearer' };
    },
  };
  const log = new MemoryLogger();
  const broker = new TokenBroker({
    tokens,
    state: { isLocked: () => state.locked, identity: async () => state.identity },
    registry,
    audit: { record: async (event) => void audit.push(event) },
    log,
    aksScope: AKS_SCOPE,
  });
  const register = (contextName = 'aks-prod', tenantId = CLUSTER_TENANT) =>
    registry.register({ clusterId: CLUSTER, contextName, tenantId, path: path.join(dir, 'config'), source: 'kubeconfig', writtenAt: new Date().toISOString() });
  return { dir, registry, broker, asked, audit, state, log, register };
}
