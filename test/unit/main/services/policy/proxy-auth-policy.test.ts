import { describe, expect, it } from 'vitest';
import { AppConfig } from '../../../../../src-main/config/app-config';
import { applyPolicyToConfig } from '../../../../../src-main/services/policy/effective-policy';
import { PolicyDocument } from '../../../../../src-main/services/policy/policy-schema';
import { NetStack } from '../../../../../src-main/services/net';

describe('policy network.proxyAuth', () => {
  it('reaches the net stack: schemes, service principal, Basic and credential hosts', () => {
    const document = PolicyDocument.parse({
      schemaVersion: 1,
      network: { proxyAuth: { schemes: ['negotiate', 'ntlm'], servicePrincipal: 'HTTP@proxy-svc.corp', allowBasic: false, credentialHosts: ['.corp'] } },
    });
    const config = applyPolicyToConfig(AppConfig.parse({ network: { proxyAuth: { allowBasic: true } } }), { source: 'file', location: 'policy.json', document });
    const net = NetStack.create({ ...config.network, env: {} });
    expect(net.proxyAuth.policy).toEqual({ schemes: ['negotiate', 'ntlm'], servicePrincipal: 'HTTP@proxy-svc.corp', allowBasic: false, credentialHosts: ['.corp'] });
    net.dispose();
  });

  it('refuses a scheme the console does not know and a service principal that is not service@host', () => {
    expect(PolicyDocument.safeParse({ schemaVersion: 1, network: { proxyAuth: { schemes: ['digest'] } } }).success).toBe(false);
    expect(PolicyDocument.safeParse({ schemaVersion: 1, network: { proxyAuth: { servicePrincipal: 'HTTP/proxy corp' } } }).success).toBe(false);
  });

  it('keeps Negotiate, NTLM and Basic with HTTP@{host} when neither policy nor configuration says otherwise', () => {
    const net = NetStack.create({ ...AppConfig.parse({}).network, env: {} });
    expect(net.proxyAuth.policy).toEqual({ schemes: ['negotiate', 'ntlm', 'basic'], servicePrincipal: 'HTTP@{host}', allowBasic: true, credentialHosts: [] });
    net.dispose();
  });
});
