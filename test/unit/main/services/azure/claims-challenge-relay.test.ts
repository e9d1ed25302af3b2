import { createHttpHeaders, createPipelineRequest, type HttpClient } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { ClaimsChallengeRelay } from '../../../../../src-main/services/azure/claims-challenge-relay';

const CAE = 'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnt9fQ=="';

function answering(status: number, wwwAuthenticate?: string): HttpClient {
  return { sendRequest: async (request) => ({ request, status, headers: createHttpHeaders(wwwAuthenticate ? { 'www-authenticate': wwwAuthenticate } : {}) }) };
}

describe('ClaimsChallengeRelay', () => {
  it('tells listeners of a 401 carrying a CAE claims challenge and passes the response on unchanged', async () => {
    const relay = new ClaimsChallengeRelay();
    const heard: string[] = [];
    const stop = relay.onDidSeeChallenge((header) => heard.push(header));
    const client = relay.wrap(answering(401, CAE));
    const response = await client.sendRequest(createPipelineRequest({ url: 'https://management.azure.com/subscriptions' }));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(CAE);
    expect(heard).toEqual([CAE]);
    stop();
    await client.sendRequest(createPipelineRequest({ url: 'https://management.azure.com/subscriptions' }));
    expect(heard).toHaveLength(1);
  });

  it.each([
    ['a 401 that is not a claims challenge', 401, 'Bearer error="invalid_token"'],
    ['a 401 without the header', 401, undefined],
    ['a success that happens to carry the header', 200, CAE],
  ])('stays silent on %s', async (_name, status, header) => {
    const relay = new ClaimsChallengeRelay();
    const heard: string[] = [];
    relay.onDidSeeChallenge((h) => heard.push(h));
    await relay.wrap(answering(status, header)).sendRequest(createPipelineRequest({ url: 'https://management.azure.com/' }));
    expect(heard).toEqual([]);
  });
});
