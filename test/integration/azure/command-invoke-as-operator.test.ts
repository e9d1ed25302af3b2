/**
 * `az aks command invoke` as the signed-in operator: on managed-Entra clusters the console sends
 * the operator's token for the AKS server app as `clusterToken`, and the ARM stand-in's command
 * pod runs the real kubectl with it against the API server stand-in, under the operator's Azure
 * RBAC; on local-account clusters no token goes and the command runs with the cluster's admin.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAzureHandlers } from '../../../src-main/ipc/handlers/azure-handlers';
import { FileTargets } from '../../../src-main/services/files/file-targets';
import { IpcRouter } from '../../../src-main/ipc/router';
import { AKS_AAD_SERVER_APP_ID, startApiServerStandin, type AccessScenario, type ApiServerStandIn } from '../../standins/apiserver';
import { assignmentsOf, commandPodOn, grantAksRole, startArmStandIn, type ArmStandIn } from '../../standins/arm';
import { azureLayerFor } from '../../standins/arm/client';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import { EntraStandIn } from '../../standins/entra/entra-standin';
import { makeStandInTls } from '../../standins/entra/standin-tls';
import { MemoryLogger } from '../../support/memory-logger';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
const TENANT = DEFAULT_IDS.contosoTenant;
const AKS_SCOPE = `${AKS_AAD_SERVER_APP_ID}/.default`;
const entraTls = makeStandInTls();
let entra: EntraStandIn;
const stops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  entra = await new EntraStandIn(entraTls).start();
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await entra?.stop();
});

/** Tokens as the Entra stand-in issues them to the signed-in operator; records which scopes and tenants were asked for. */
function operatorCredential(asked: Array<{ scope: string; tenantId?: string }>): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
      const scope = Array.isArray(scopes) ? scopes[0]! : scopes;
      asked.push({ scope, ...(options?.tenantId ? { tenantId: options.tenantId } : {}) });
      return { token: entra.mintAccessToken({ scope, tenantId: options?.tenantId ?? TENANT }), expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

async function world(access: AccessScenario) {
  const box: { arm?: ArmStandIn; api?: ApiServerStandIn } = {};
  const arm = await startArmStandIn({
    scenario: 'private-hub-spoke-bastion',
    tenantId: TENANT,
    access,
    commandOutput: (command, cluster, files, clusterToken) => commandPodOn(box.api!, box.arm!.world.meta.access!)(command, cluster, files, clusterToken),
  });
  box.arm = arm;
  const api = await startApiServerStandin({
    tenantId: TENANT,
    clusterId: arm.world.meta.clusterId,
    access: arm.world.meta.access!,
    entra: { issuer: entra.accessTokenIssuer(TENANT), jwksUrl: entra.jwksUrl(TENANT), ca: entraTls.caPem },
    roleAssignments: () => assignmentsOf(arm.world),
  });
  box.api = api;
  stops.push(() => arm.stop(), () => api.stop());
  const asked: Array<{ scope: string; tenantId?: string }> = [];
  const router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
  const layer = azureLayerFor(arm, TENANT, undefined, { credential: operatorCredential(asked), cluster: { scope: AKS_SCOPE, operator: async () => 'ops.admin@contoso.com' } });
  registerAzureHandlers(router, { ...layer, files: new FileTargets(null) });
  const invoke = (command: string) => router.dispatch('azure.commandInvoke', { clusterId: arm.world.meta.clusterId, command }, sender);
  return { arm, api, asked, invoke };
}

describe('command invoke as the operator', () => {
  it('managed Entra + Azure RBAC: sends an AKS-audience token for the cluster\'s tenant; a reader lists pods, a write is refused until the writer role is granted', async () => {
    const w = await world('entra-azure-rbac');
    const list = await w.invoke('kubectl get pods -n payments');
    expect(list).toMatchObject({ ok: true, data: { exitCode: 0, runAs: { kind: 'operator', username: 'ops.admin@contoso.com' } } });
    expect((list as { data: { logs: string } }).data.logs).toMatch(/^payments-api-\S+\s+1\/1\s+Running/m);
    expect(w.arm.runCommands.at(-1)!.clusterTokenAudience).toBe(AKS_AAD_SERVER_APP_ID);
    expect(w.asked.filter((a) => a.scope === AKS_SCOPE)).toContainEqual({ scope: AKS_SCOPE, tenantId: TENANT });
    expect(w.api.requests().filter((r) => r.path.startsWith('/api/v1/namespaces/payments/pods')).at(-1)).toMatchObject({ user: 'ops.admin@contoso.com', status: 200 });

    const pod = w.api.state.list('pods', 'default')[0]!.metadata.name;
    const refused = await w.invoke(`kubectl delete pod ${pod} -n default`);
    expect(refused).toMatchObject({ ok: true, data: { exitCode: 1, runAs: { kind: 'operator' } } });
    expect((refused as { data: { logs: string } }).data.logs).toContain(`pods "${pod}" is forbidden: User "ops.admin@contoso.com" cannot delete resource "pods" in API group "" in the namespace "default"`);
    expect(w.api.state.get('pods', 'default', pod)).toBeDefined();

    w.arm.mutate((world) => grantAksRole(world, DEFAULT_IDS.operatorOid, 'writer'));
    const deleted = await w.invoke(`kubectl delete pod ${pod} -n default`);
    expect(deleted).toMatchObject({ ok: true, data: { exitCode: 0, logs: `pod "${pod}" deleted\n` } });
    expect(w.api.state.get('pods', 'default', pod)).toBeUndefined();
  });

  it('a local-accounts cluster gets no cluster token and the command runs with the cluster\'s admin credentials', async () => {
    const w = await world('local-accounts');
    const nodes = await w.invoke('kubectl get nodes');
    expect(nodes).toMatchObject({ ok: true, data: { exitCode: 0, runAs: { kind: 'cluster-admin', username: null } } });
    expect((nodes as { data: { logs: string } }).data.logs).toContain('aks-nodepool1-12345678-vmss000000');
    expect(w.arm.runCommands.at(-1)!.clusterTokenAudience).toBeNull();
    expect(w.asked.filter((a) => a.scope === AKS_SCOPE)).toEqual([]);
    expect(w.api.requests().at(-1)).toMatchObject({ user: 'clusterAdmin' });
  });
});
