import { createDefaultHttpClient, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import type { NetStack } from './net-stack';

/**
 * An `@azure/core-rest-pipeline` HttpClient that routes every request (and every redirect hop,
 * which the pipeline re-sends through here) over the net stack's agent for its URL. The pipeline's
 * own env-reading proxy policy is overridden: the agent chosen here is final.
 */
export function createAzureHttpClient(net: NetStack): HttpClient {
  const inner = createDefaultHttpClient();
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      request.agent = await net.agentFor(request.url);
      request.proxySettings = undefined;
      return inner.sendRequest(request);
    },
  };
}

/** Client options to spread into any `@azure/arm-*` client constructor: `new XClient(cred, sub, { ...azureClientOptions(net) })`. */
export function azureClientOptions(net: NetStack): { httpClient: HttpClient } {
  return { httpClient: createAzureHttpClient(net) };
}
