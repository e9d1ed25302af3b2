import { ArmService } from '../services/azure/arm-service';
import type { AzureLayer } from '../services/azure/azure-layer';
import { AzureService } from '../services/azure/azure-service';
import { EgressIpResolver } from '../services/azure/egress-ip';
import { ChecklistService } from '../services/checklist/checklist-service';
import type { JumpBoxProbe } from '../services/checklist/jump-box-probe';
import { JitGrantLedger } from '../services/jit/jit-grants';
import { createGroupPimService, createPimService, FreshTokensAfterChange, type GroupPimService, type PimService } from '../services/pim';
import { createAzureHttpClient } from '../services/net/azure-http-client';
import type { DisposableStore } from './disposable-store';
import type { Foundation } from './foundation';
import type { Identity } from './identity';

/** The Azure layer without its checklist (which needs the sessions' probe), plus PIM. */
export interface AzureStage extends Omit<AzureLayer, 'checklist'> {
  readonly egress: EgressIpResolver;
  readonly pim: PimService;
  readonly groups: GroupPimService;
  /** A PIM group change makes the next AKS token fresh (group claims live in the token). */
  readonly freshTokens: FreshTokensAfterChange;
}

/** ArmService, inventory and JIT evidence over the one credential and ARM transport, following the selected tenant. */
export function buildAzure({ options, net, armHttp }: Foundation, { auth, audit }: Identity, store: DisposableStore): AzureStage {
  const { armEndpoint: endpoint, armScope: scope, graphEndpoint, graphScope } = options.config.auth;
  const { retry, pollIntervalMs } = options.config.azure;
  const arm = new ArmService({ credential: auth, endpoint, scope, httpClient: armHttp, retry, pollIntervalMs, log: options.log });
  store.add(() => arm.dispose());
  const egress = new EgressIpResolver(options.config.azure.egressIp, async (url, signal) => (await net.request(url, { signal })).body.toString('utf8'));
  const jitGrants = new JitGrantLedger();
  let tenant: string | null = null;
  const azure = new AzureService({
    arm: () => arm,
    currentTenant: () => tenant,
    egress,
    log: options.log,
    fallbackConcurrency: options.config.azure.discoveryConcurrency,
    onJitAnswer: (a) => jitGrants.record(a.vmId, a.port, a.status, a.endTimeUtc),
    clusterCredential: { credential: auth, scope: auth.aksScope, operator: async () => (await auth.status()).account?.username ?? null },
  });
  const setTenant = (tenantId: string | null) => {
    if (tenantId !== tenant) azure.discovery.clear();
    tenant = tenantId;
  };
  store.add(auth.onDidChangeState((status) => setTenant(status.state === 'signed-out' ? null : (status.tenantId ?? null))));
  void auth.status().then((status) => setTenant(status.tenantId ?? null), () => undefined);
  const pim = createPimService({ credential: auth, tenant: () => tenant, endpoint, scope, httpClient: armHttp, retry, pollIntervalMs, audit, log: options.log });
  const freshTokens = new FreshTokensAfterChange(auth, auth.aksScope);
  const groups = createGroupPimService({ credential: auth, tenant: () => tenant, graphEndpoint, graphScope, armScope: scope, httpClient: createAzureHttpClient(net), audit, membershipChanged: () => freshTokens.renew() });
  return { arm, azure, jitGrants, egress, setTenant, tenant: () => tenant, pim, groups, freshTokens };
}

/** The access checklist: ARM facts, the egress IP and, for checks that run on the jump box, the sessions' probe. */
export function buildChecklist({ options }: Foundation, { arm, egress }: AzureStage, probe: JumpBoxProbe): ChecklistService {
  return new ChecklistService({ arm: () => arm, egress, probe: () => probe, settings: { ...options.config.azure.checklist, portal: options.config.azure.portalUrl }, log: options.log });
}
