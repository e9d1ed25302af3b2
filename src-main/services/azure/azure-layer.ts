import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { Logger } from '../log';
import { ArmService } from './arm-service';
import type { AzureConfig } from './azure-config';
import { AzureService } from './azure-service';
import { BastionHostCache } from './bastion-host-cache';
import { EgressIpResolver, type TextFetcher } from './egress-ip';
import { JitGrantLedger } from '../jit';

/** What the composition root hands the Azure layer. */
export interface AzureLayerDeps {
  readonly credential: TokenCredential;
  /** ARM endpoint and scope (from the `auth` configuration: one place names the cloud). */
  readonly endpoint: string;
  readonly scope: string;
  readonly config: AzureConfig;
  /** The net stack's Azure HTTP client (proxy + trust store). */
  readonly httpClient: HttpClient;
  /** Fetches the organisation's egress-IP echo endpoint over the net stack (method `url` only). */
  readonly fetchText: TextFetcher;
  /** The AKS server app's scope and the operator's name, for command invoke as the operator (absent: never sends a cluster token). */
  readonly cluster?: { readonly scope: string; operator(): Promise<string | null> };
  readonly log: Logger;
}

/** The Azure layer's services, built together. */
export interface AzureLayer {
  readonly arm: ArmService;
  readonly azure: AzureService;
  /** The organisation's egress-IP resolver (the checklist shares it, so both see one answer). */
  readonly egress: EgressIpResolver;
  /** JIT requests this console made and Azure granted (evidence for the JIT-before-SSH check). */
  readonly jitGrants: JitGrantLedger;
  /** Bastion hosts kept with the inventory (a connect reads them here, not from ARM each time). */
  readonly bastions: BastionHostCache;
  /** Tells the layer which tenant is selected; a change (or sign-out) drops the cached inventory. */
  setTenant(tenantId: string | null): void;
  /** The selected tenant (null: signed out, or not known yet). */
  tenant(): string | null;
}

/** Builds ArmService and the Azure facade over one credential and transport (the composition root builds the checklist on top). */
export function createAzureLayer(deps: AzureLayerDeps): AzureLayer {
  let tenant: string | null = null;
  const arm = new ArmService({
    credential: deps.credential,
    endpoint: deps.endpoint,
    scope: deps.scope,
    httpClient: deps.httpClient,
    retry: deps.config.retry,
    pollIntervalMs: deps.config.pollIntervalMs,
    log: deps.log,
  });
  const egress = new EgressIpResolver(deps.config.egressIp, deps.fetchText);
  const jitGrants = new JitGrantLedger();
  const azure = new AzureService({
    arm: () => arm,
    currentTenant: () => tenant,
    egress,
    log: deps.log,
    fallbackConcurrency: deps.config.discoveryConcurrency,
    onJitAnswer: (a) => jitGrants.record(a.vmId, a.port, a.status, a.endTimeUtc),
    ...(deps.cluster ? { clusterCredential: { credential: deps.credential, scope: deps.cluster.scope, operator: () => deps.cluster!.operator() } } : {}),
  });
  const bastions = new BastionHostCache(arm);
  azure.discovery.onDidChange(() => bastions.clear());
  return {
    arm,
    azure,
    egress,
    jitGrants,
    bastions,
    setTenant(tenantId) {
      if (tenantId !== tenant) {
        azure.discovery.clear();
        bastions.clear();
      }
      tenant = tenantId;
    },
    tenant: () => tenant,
  };
}
