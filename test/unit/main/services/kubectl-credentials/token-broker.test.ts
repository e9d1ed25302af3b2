import { describe, expect, it } from 'vitest';
import { claimsFromChallenge } from '../../../../../src-main/services/kubectl-credentials/token-broker';
import { AKS_SCOPE, brokerFixture, CLUSTER, CLUSTER_TENANT } from './broker-fixture';

const caller = { pid: 4242, exe: '/usr/bin/kubectl' };

describe('TokenBroker', () => {
  it("issues an AKS-scope token in the cluster's own tenant for a registered context, and audits it without the token", async () => {
    const f = await brokerFixture();
    await f.register();
    const token = await f.broker.issue({ clusterId: CLUSTER, context: 'aks-prod', caller });
    expect(token).toEqual({ token: `aks-token-1-${CLUSTER_TENANT}`, expiresOn: Date.UTC(2030, 0, 1) });
    expect(f.asked).toEqual([{ scopes: AKS_SCOPE, tenantId: CLUSTER_TENANT }]);
    expect(f.audit).toEqual([
      expect.objectContaining({ type: 'kubectl.token', outcome: 'success', target: CLUSTER, details: expect.objectContaining({ context: 'aks-prod', callerPid: 4242, callerExe: '/usr/bin/kubectl', tenant: CLUSTER_TENANT }) }),
    ]);
    expect(JSON.stringify(f.audit)).not.toContain('aks-token-');
  });

  it('matches the cluster id case-insensitively (ARM ids are) but the context name exactly', async () => {
    const f = await brokerFixture();
    await f.register();
    await expect(f.broker.issue({ clusterId: CLUSTER.toUpperCase(), caller })).resolves.toMatchObject({ token: expect.any(String) });
    await expect(f.broker.issue({ clusterId: CLUSTER, context: 'AKS-PROD', caller })).rejects.toMatchObject({ code: 'kubectl.unknown_cluster' });
  });

  it.each([
    ['locked', (f: Awaited<ReturnType<typeof brokerFixture>>) => void (f.state.locked = true), 'kubectl.locked', /locked: unlock it/],
    ['signed out', (f: Awaited<ReturnType<typeof brokerFixture>>) => void (f.state.identity = 'signed-out'), 'kubectl.signed_out', /signed out: sign in/],
    ['needing a new sign-in', (f: Awaited<ReturnType<typeof brokerFixture>>) => void (f.state.identity = 'needs-sign-in'), 'kubectl.sign_in_required', /sign in again/],
  ])('refuses while %s, asks Entra for nothing and records the refusal', async (_name, arrange, code, message) => {
    const f = await brokerFixture();
    await f.register();
    arrange(f);
    await expect(f.broker.issue({ clusterId: CLUSTER, caller })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    expect(f.asked).toEqual([]);
    expect(f.audit).toEqual([expect.objectContaining({ type: 'kubectl.token', outcome: 'denied', details: expect.objectContaining({ reason: code }) })]);
  });

  it('refuses a cluster the console wrote no context for', async () => {
    const f = await brokerFixture();
    await expect(f.broker.issue({ clusterId: CLUSTER, caller })).rejects.toMatchObject({ code: 'kubectl.unknown_cluster', message: expect.stringContaining('write the kubeconfig from the console first') });
    expect(f.asked).toEqual([]);
  });

  it('forgets a context that was unregistered (a closed terminal tab)', async () => {
    const f = await brokerFixture();
    await f.register('tab-1');
    await f.registry.unregister('tab-1', `${f.dir}/config`);
    await expect(f.broker.issue({ clusterId: CLUSTER, context: 'tab-1', caller })).rejects.toMatchObject({ code: 'kubectl.unknown_cluster' });
  });

  it('passes a CAE claims challenge the console met to the next token request for that cluster, once', async () => {
    const f = await brokerFixture();
    await f.register();
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}';
    const header = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${Buffer.from(claims).toString('base64')}"`;
    expect(f.broker.noteChallenge(CLUSTER, header)).toBe(true);
    await f.broker.issue({ clusterId: CLUSTER, caller });
    await f.broker.issue({ clusterId: CLUSTER, caller });
    expect(f.asked.map((a) => a.claims)).toEqual([claims, undefined]);
  });

  it("passes a CAE challenge from Resource Manager to each cluster's next token, once per cluster", async () => {
    const f = await brokerFixture();
    await f.register();
    const other = CLUSTER.replace('aks-prod', 'aks-other');
    await f.registry.register({ clusterId: other, contextName: 'aks-other', tenantId: CLUSTER_TENANT, path: `${f.dir}/config`, source: 'kubeconfig', writtenAt: new Date().toISOString() });
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}';
    expect(f.broker.noteArmChallenge('Bearer error="invalid_token"')).toBe(false);
    expect(f.broker.noteArmChallenge(`Bearer error="insufficient_claims", claims="${Buffer.from(claims).toString('base64')}"`)).toBe(true);
    for (const clusterId of [CLUSTER, CLUSTER, other, other]) await f.broker.issue({ clusterId, caller });
    expect(f.asked.map((a) => a.claims)).toEqual([claims, undefined, claims, undefined]);
  });

  it('reads only insufficient_claims challenges', () => {
    expect(claimsFromChallenge('Bearer error="invalid_token", claims="e30="')).toBeUndefined();
    expect(claimsFromChallenge('Bearer error="insufficient_claims", claims="{}"')).toBe('{}');
  });
});
