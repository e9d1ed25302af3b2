/**
 * PIM activation in the stand-in world: time from "activate" (PimService, the official SDK against
 * the ARM stand-in) to the first allowed kubectl call (`auth can-i delete pods` answering yes from
 * the API server stand-in), printed beside the stand-in's own provisioning delay. Baseline measured
 * in the same run: one kubectl call the reader may already make (`auth can-i get pods`).
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { createPimClient } from '../src-main/services/pim/pim-client';
import { PimService } from '../src-main/services/pim/pim-service';
import { startApiServerStandin } from '../test/standins/apiserver';
import { ageActivations, assignmentsOf, makeEligible, MINIMUM_ACTIVE_MS, pimOf, startArmStandIn } from '../test/standins/arm';
import { standInHttpClient } from '../test/standins/arm/client';
import { DEFAULT_IDS } from '../test/standins/entra/directory';
import { EntraStandIn } from '../test/standins/entra/entra-standin';
import { makeStandInTls } from '../test/standins/entra/standin-tls';
import { runProgram } from '../test/integration/kubectl/connectivity-world';
import { kubectlClients, tokenKubeconfig } from '../test/integration/kubectl/kubectl-clients';
import { MemoryLogger } from '../test/support/memory-logger';

const TENANT = DEFAULT_IDS.contosoTenant;
const tls = makeStandInTls();
const entra = await new EntraStandIn(tls).start();
const arm = await startArmStandIn({ scenario: 'private-hub-spoke-bastion', tenantId: TENANT, access: 'entra-azure-rbac' });
const api = await startApiServerStandin({
  tenantId: TENANT,
  clusterId: arm.world.meta.clusterId,
  access: arm.world.meta.access!,
  entra: { issuer: entra.accessTokenIssuer(TENANT), jwksUrl: entra.jwksUrl(TENANT), ca: tls.caPem },
  roleAssignments: () => assignmentsOf(arm.world),
});
const credential: TokenCredential = {
  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    return { token: entra.mintAccessToken({ scope: Array.isArray(scopes) ? scopes[0]! : scopes, tenantId: options?.tenantId ?? TENANT }), expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};
const pim = new PimService({
  client: createPimClient({ credential, endpoint: arm.url, scope: 'https://management.azure.com/.default', httpClient: standInHttpClient(arm), retry: { maxRetries: 0, retryDelayInMs: 10, maxRetryDelayInMs: 20 } }),
  principalId: async () => DEFAULT_IDS.operatorOid,
  audit: { record: async () => undefined },
  log: new MemoryLogger(),
  pollIntervalMs: 50,
  settleTimeoutMs: 30_000,
});
makeEligible(arm.world, DEFAULT_IDS.operatorOid, 'writer', { policy: { justification: true } });
const kubeconfig = await tokenKubeconfig(api.url, api.ca, entra.mintAccessToken({ scope: '6dae42f8-4368-4678-94ff-3960e28e3630/.default', tenantId: TENANT }));
const kubectl = kubectlClients().dispatcher;
const canI = async (verb: string) => (await runProgram(kubectl, ['--kubeconfig', kubeconfig.file, 'auth', 'can-i', verb, 'pods', '-n', 'default'])).stdout.trim() === 'yes';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
try {
  const baseline: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    if (!(await canI('get'))) throw new Error('the reader cannot get pods: the world is wrong');
    baseline.push(performance.now() - t0);
  }
  console.log(`baseline: one allowed kubectl call (can-i get pods)    median ${median(baseline).toFixed(0).padStart(6)} ms  (n=5)`);
  for (const delay of [0, 500, 2000]) {
    pimOf(arm.world).provisioningDelayMs = delay;
    const total: number[] = [];
    const arming: number[] = [];
    for (let i = 0; i < 3; i++) {
      const role = (await pim.access([arm.world.meta.clusterId])).eligible[0]!;
      if (await canI('delete')) throw new Error('delete was allowed before the activation');
      const t0 = performance.now();
      await pim.activate({ eligibilityId: role.eligibilityId, durationMinutes: 30, justification: 'bench' });
      const activated = performance.now();
      while (!(await canI('delete'))) { /* the first allowed call ends the measurement */ }
      total.push(performance.now() - t0);
      arming.push(activated - t0);
      const active = (await pim.access([arm.world.meta.clusterId])).active[0]!;
      ageActivations(arm.world, MINIMUM_ACTIVE_MS);
      await pim.access([arm.world.meta.clusterId]);
      await pim.deactivate(active.instanceId);
    }
    const t = median(total);
    console.log(
      `stand-in provisioning delay ${String(delay).padStart(5)} ms: activate → first allowed kubectl call median ${t.toFixed(0).padStart(6)} ms ` +
        `(activation settled after ${median(arming).toFixed(0)} ms; ${(t / median(baseline)).toFixed(1)}x one kubectl call; overhead over the delay ${(t - delay).toFixed(0)} ms)  (n=3)`,
    );
  }
} finally {
  await kubeconfig.dispose();
  await api.stop();
  await arm.stop();
  await entra.stop();
}
