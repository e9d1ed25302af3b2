import { createHttpHeaders, createPipelineRequest, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { WebResource } from '@azure/ms-rest-js';
import { describe, expect, it } from 'vitest';
import { msRestHttpClient, pinnedHttpClient } from '../../../../../src-main/services/azure/arm-transport';

function recorder(): HttpClient & { seen: PipelineRequest[] } {
  const seen: PipelineRequest[] = [];
  return {
    seen,
    async sendRequest(request) {
      seen.push(request);
      return { request, status: 200, headers: createHttpHeaders({ 'retry-after': '3' }), bodyAsText: '{"ok":true}' };
    },
  };
}

describe('pinnedHttpClient', () => {
  it('sends requests to the configured ARM origin', async () => {
    const inner = recorder();
    const client = pinnedHttpClient('https://management.azure.com', inner);
    await client.sendRequest(createPipelineRequest({ url: 'https://management.azure.com/subscriptions?api-version=2022-12-01' }));
    expect(inner.seen).toHaveLength(1);
  });

  it('refuses a nextLink or poll URL on any other origin before it is sent (the token never leaves)', async () => {
    const inner = recorder();
    const client = pinnedHttpClient('https://management.azure.com', inner);
    for (const url of ['https://evil.example/subscriptions', 'http://management.azure.com/subscriptions', 'https://management.azure.com:8443/x']) {
      await expect(client.sendRequest(createPipelineRequest({ url }))).rejects.toMatchObject({ code: 'azure.foreign_origin' });
    }
    expect(inner.seen).toHaveLength(0);
  });
});

describe('msRestHttpClient', () => {
  it('carries method, headers, body and abort signal across and maps the response back', async () => {
    const inner = recorder();
    const client = msRestHttpClient(inner);
    const resource = new WebResource('https://management.azure.com/providers/Microsoft.ResourceGraph/resources', 'POST', { query: 'Resources' });
    resource.headers.set('authorization', 'Bearer x');
    const response = await client.sendRequest(resource);
    expect(inner.seen[0]).toMatchObject({ method: 'POST', body: '{"query":"Resources"}' });
    expect(inner.seen[0]!.headers.get('authorization')).toBe('Bearer x');
    expect(response.status).toBe(200);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.bodyAsText).toBe('{"ok":true}');
  });
});
