import https from 'node:https';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { ArmService } from '../../../src-main/services/azure/arm-service';
import { AzureConfig } from '../../../src-main/services/azure/azure-config';
import { createAzureLayer, type AzureLayer } from '../../../src-main/services/azure/azure-layer';
import { createChecklistService, type ChecklistService } from '../../../src-main/services/checklist';
import type { Logger } from '../../../src-main/services/log/logger';
import type { ArmStandIn } from './server';
import { DEFAULT_IDS } from '../entra/directory';
import { MemoryLogger } from '../../support/memory-logger';

/**
 * A credential for the stand-in (which only checks that a bearer token is present). The token is
 * 'stand-in-token' followed by a JWT-style payload naming the default operator's `oid`, so readers
 * that need the operator's object id (role assignments) find one.
 */
export const standInCredential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    const payload = Buffer.from(JSON.stringify({ oid: DEFAULT_IDS.operatorOid })).toString('base64url');
    return { token: `stand-in-token.${payload}.unsigned`, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

/** An HTTP client that trusts the stand-in's test CA (and nothing else extra). */
export function standInHttpClient(standIn: Pick<ArmStandIn, 'ca'>): HttpClient {
  const agent = new https.Agent({ ca: standIn.ca, keepAlive: true });
  const inner = createDefaultHttpClient();
  return {
    sendRequest(request) {
      request.agent = agent;
      return inner.sendRequest(request);
    },
  };
}

/** An ArmService wired to a running stand-in with fast retries and polls. */
export function armServiceFor(standIn: Pick<ArmStandIn, 'ca' | 'url'>, log: Logger = new MemoryLogger()): ArmService {
  return new ArmService({
    credential: standInCredential,
    endpoint: standIn.url,
    scope: 'https://management.azure.com/.default',
    httpClient: standInHttpClient(standIn),
    retry: { maxRetries: 3, retryDelayInMs: 20, maxRetryDelayInMs: 200 },
    pollIntervalMs: 10,
    log,
  });
}

/** Extra wiring of `azureLayerFor`: a real token source and the AKS scope, for command invoke as the operator. */
export interface LayerOptions {
  readonly credential?: TokenCredential;
  readonly cluster?: { readonly scope: string; operator(): Promise<string | null> };
}

/** The Azure layer plus the checklist built on it, as the composition root wires them. */
export type StandInAzureLayer = AzureLayer & { readonly checklist: ChecklistService };

/** The whole Azure layer (and its checklist, without a jump-box probe) over a running stand-in, signed in to its tenant, with fast retries and polls and a fixed egress IP. */
export function azureLayerFor(standIn: Pick<ArmStandIn, 'ca' | 'url'>, tenantId: string, egressIp = '203.0.113.10', options: LayerOptions = {}): StandInAzureLayer {
  const config = AzureConfig.parse({ egressIp: { method: 'url', url: 'https://egress.contoso.example' }, pollIntervalMs: 10, retry: { maxRetries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 50 } });
  const log = new MemoryLogger();
  const layer = createAzureLayer({
    credential: options.credential ?? standInCredential,
    ...(options.cluster ? { cluster: options.cluster } : {}),
    endpoint: standIn.url,
    scope: 'https://management.azure.com/.default',
    config,
    httpClient: standInHttpClient(standIn),
    fetchText: async (url) => (url === 'https://egress.contoso.example' ? egressIp : 'unexpected'),
    log,
  });
  layer.setTenant(tenantId);
  return { ...layer, checklist: createChecklistService({ azure: layer, config, probe: () => null, log }) };
}
