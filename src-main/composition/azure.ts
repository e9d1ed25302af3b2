import { operatorOf } from '../services/auth/auth-ports';
import { createAzureLayer } from '../services/azure/azure-layer';
import type { JumpBoxProbe } from '../services/azure-model';
import { createChecklistService, type ChecklistService } from '../services/checklist';
import type { DisposableStore } from '../services/events';
import { createAzureHttpClient } from '../services/net/azure-http-client';
import { createGroupPimService, createPimService, FreshTokensAfterChange } from '../services/pim';
import type { Foundation } from './foundation';
import type { Identity } from './identity';

/** The Azure layer (ARM, inventory, egress IP, JIT evidence) plus PIM, and `freshTokens`: a PIM group change makes the next AKS token fresh. */
export type AzureStage = ReturnType<typeof buildAzure>;

/** The Azure layer over the one credential and ARM transport, following the selected tenant, and PIM. */
export function buildAzure({ options, net, armHttp }: Foundation, { auth, audit }: Identity, store: DisposableStore) {
  const { armEndpoint: endpoint, armScope: scope, graphEndpoint, graphScope } = options.config.auth;
  const { retry, pollIntervalMs } = options.config.azure;
  const fetchText = async (url: string, signal?: AbortSignal) => (await net.request(url, { signal })).body.toString('utf8');
  const cluster = { scope: auth.aksScope, operator: operatorOf(auth) };
  const layer = createAzureLayer({ credential: auth, endpoint, scope, config: options.config.azure, httpClient: armHttp, fetchText, cluster, log: options.log });
  store.add(() => layer.arm.dispose());
  store.add(auth.onDidChangeState((status) => layer.setTenant(status.state === 'signed-out' ? null : (status.tenantId ?? null))));
  void auth.status().then((status) => layer.setTenant(status.tenantId ?? null), () => undefined);
  const pim = createPimService({ credential: auth, tenant: layer.tenant, endpoint, scope, httpClient: armHttp, retry, pollIntervalMs, audit, log: options.log, stepUp: (claims) => auth.stepUp(claims) });
  const freshTokens = new FreshTokensAfterChange(auth, auth.aksScope);
  const groups = createGroupPimService({ credential: auth, tenant: layer.tenant, graphEndpoint, graphScope, armScope: scope, httpClient: createAzureHttpClient(net), audit, membershipChanged: () => freshTokens.renew() });
  return { ...layer, pim, groups, freshTokens };
}

/** The access checklist: ARM facts, the egress IP and, for checks that run on the jump box, the sessions' probe. */
export function buildChecklist({ options }: Foundation, azure: AzureStage, probe: JumpBoxProbe): ChecklistService {
  return createChecklistService({ azure, config: options.config.azure, probe: () => probe, log: options.log });
}
