import { describe, expect, it } from 'vitest';
import { readinessEndpoints } from '../../../../../src-main/services/readiness';

const auth = { authorityHost: 'https://login.example', signInTenant: 'organizations', armEndpoint: 'https://arm.example' };

describe('readinessEndpoints', () => {
  it('names Entra ID and ARM, the egress echo when it is a URL, and Logs Ingestion when forwarding is configured', () => {
    const config = { auth, azure: { egressIp: { method: 'url', url: 'https://echo.example/ip' } } } as unknown as Parameters<typeof readinessEndpoints>[0];
    const endpoints = readinessEndpoints(config, 'https://dce.example');
    expect(endpoints.map((e) => [e.id, e.url])).toEqual([
      ['entra', 'https://login.example/organizations/v2.0/.well-known/openid-configuration'],
      ['arm', 'https://arm.example/subscriptions?api-version=2022-12-01'],
      ['egress-ip', 'https://echo.example/ip'],
      ['audit-forwarding', 'https://dce.example'],
    ]);
    expect(endpoints.find((e) => e.id === 'arm')?.expect).toEqual([200, 401]);
  });

  it('leaves out the URLs the configuration has none for', () => {
    const config = { auth, azure: { egressIp: { method: 'none' } } } as unknown as Parameters<typeof readinessEndpoints>[0];
    const urls = Object.fromEntries(readinessEndpoints(config, null).map((e) => [e.id, e.url]));
    expect(urls['egress-ip']).toBeNull();
    expect(urls['audit-forwarding']).toBeNull();
  });
});
