/**
 * The workstation check through the real core, NetStack and a real CONNECT proxy on loopback: what
 * a PAW operator sees when the proxy lets everything through, when its allow-list lacks ARM, when it
 * wants credentials, when it is down, and when a TLS-inspecting proxy's CA is missing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleCore } from '../../../src-main/core';
import { startArmStandIn, type ArmStandIn } from '../../standins/arm';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';
import { freePort } from '../../support/sshd';
import { startAuthFixture, type AuthFixture } from '../auth/auth-fixture';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: 'test' };
let f: AuthFixture | undefined;
let proxy: ConnectProxy | undefined;
let arm: ArmStandIn | undefined;
afterEach(async () => {
  await f?.close();
  await proxy?.close();
  await arm?.stop();
  f = proxy = arm = undefined;
});

type Report = { checkedAt: string; results: Array<{ id: string; status: string; code: string; host: string | null; via: string | null; httpStatus: number | null; detail: string | null; skewSeconds: number | null }> };

async function check(core: ConsoleCore): Promise<Report> {
  const answer = await core.router.dispatch('readiness.run', undefined, sender);
  expect(answer.ok).toBe(true);
  return (answer as { data: Report }).data;
}

function byId(report: Report, id: string) {
  return report.results.find((r) => r.id === id)!;
}

/** A core whose ARM endpoint is the ARM stand-in (its own host:port), behind `proxyUrl`. */
async function coreWithArm(proxyUrl: string): Promise<ConsoleCore> {
  arm = await startArmStandIn({ scenario: 'private-hub-spoke-bastion' });
  f = await startAuthFixture({ auth: { armEndpoint: arm.url }, config: { network: { proxyUrl, noProxy: [], mode: 'auto', caBundleFile: null } } });
  return f.restart({ extraCaPem: `${f.tls.caPem}\n${arm.ca}` });
}

describe('workstation check (readiness.run)', () => {
  it('passes through a proxy that allows everything, and shows the proxy it went through', async () => {
    proxy = await startConnectProxy();
    const core = await coreWithArm(proxy.url);
    const report = await check(core);
    expect(report.results.map((r) => r.id)).toEqual(['entra', 'arm', 'egress-ip', 'audit-forwarding', 'clock', 'keychain']);
    expect(byId(report, 'entra')).toMatchObject({ status: 'pass', code: 'reachable', httpStatus: 200, via: `127.0.0.1:${proxy.port}` });
    expect(byId(report, 'arm')).toMatchObject({ status: 'pass', code: 'reachable', httpStatus: 401, host: new URL(arm!.url).host });
    expect(byId(report, 'egress-ip')).toMatchObject({ status: 'skip', code: 'not-configured' });
    expect(byId(report, 'clock')).toMatchObject({ status: 'pass', code: 'clock-ok' });
    expect(Math.abs(byId(report, 'clock').skewSeconds!)).toBeLessThanOrEqual(2);
    expect(byId(report, 'keychain')).toMatchObject({ status: 'pass', code: 'keychain-ok' });
    expect(proxy.tunnelsTo(f!.entra.knownAuthority)).toBeGreaterThanOrEqual(1);
    expect(proxy.tunnelsTo(new URL(arm!.url).host)).toBeGreaterThanOrEqual(1);
    expect([...f!.keychain.items.keys()]).not.toContain('readiness-probe');
  });

  it('names ARM as the host the proxy allow-list refuses, while Entra ID still passes', async () => {
    const armHost = { value: '' };
    proxy = await startConnectProxy({ allow: (target) => target !== armHost.value });
    const core = await coreWithArm(proxy.url);
    armHost.value = new URL(arm!.url).host;
    const before = arm!.requests.length;
    const report = await check(core);
    expect(byId(report, 'entra')).toMatchObject({ status: 'pass' });
    expect(byId(report, 'arm')).toMatchObject({ status: 'fail', code: 'proxy-refused', host: armHost.value, via: `127.0.0.1:${proxy.port}`, detail: expect.stringContaining('403') });
    expect(arm!.requests.length).toBe(before);
  });

  it('tells a proxy that cannot reach ARM apart from a proxy that refuses it', async () => {
    proxy = await startConnectProxy();
    const core = await coreWithArm(proxy.url);
    await arm!.stop();
    const report = await check(core);
    expect(byId(report, 'entra')).toMatchObject({ status: 'pass' });
    expect(byId(report, 'arm')).toMatchObject({ status: 'fail', code: 'proxy-upstream-failed', detail: expect.stringContaining('502') });
    arm = undefined;
  });

  it('says the proxy wants credentials, and never shows the credentials of a proxy URL', async () => {
    proxy = await startConnectProxy({ credentials: { user: 'ops', pass: 'proxy-pass-do-not-show' } });
    const core = await coreWithArm(proxy.url.replace('http://', 'http://ops:wrong-pass-do-not-show@'));
    const report = await check(core);
    expect(byId(report, 'entra')).toMatchObject({ status: 'fail', code: 'proxy-auth-required', via: `127.0.0.1:${proxy.port}` });
    expect(JSON.stringify(report)).not.toMatch(/do-not-show|ops:/);
  });

  it('says the proxy itself is unreachable when nothing listens there', async () => {
    const core = await coreWithArm(`http://127.0.0.1:${await freePort()}`);
    const report = await check(core);
    expect(byId(report, 'entra')).toMatchObject({ status: 'fail', code: 'proxy-unreachable' });
    expect(byId(report, 'arm')).toMatchObject({ status: 'fail', code: 'proxy-unreachable' });
    expect(byId(report, 'clock')).toMatchObject({ status: 'skip', code: 'clock-unknown' });
  });

  it('checks the Logs Ingestion endpoint the enterprise policy forwards the audit log to', async () => {
    proxy = await startConnectProxy();
    const core = await coreWithArm(proxy.url);
    // Any HTTPS server stands in for the data collection endpoint: the check proves the route, not the API.
    const policyDir = await mkdtemp(path.join(os.tmpdir(), 'aksc-readiness-policy-'));
    const policyFile = path.join(policyDir, 'policy.json');
    const forwarding = { endpoint: `${arm!.url}/`, dcrImmutableId: `dcr-${'0'.repeat(32)}`, streamName: 'Custom-AksConsoleAudit' };
    await writeFile(policyFile, JSON.stringify({ schemaVersion: 1, audit: { forwarding } }));
    const withPolicy = f!.restart({ extraCaPem: `${f!.tls.caPem}\n${arm!.ca}`, policySources: { filePath: policyFile } });
    expect(byId(await check(core), 'audit-forwarding')).toMatchObject({ status: 'skip', code: 'not-configured' });
    expect(byId(await check(withPolicy), 'audit-forwarding')).toMatchObject({ status: 'pass', host: new URL(arm!.url).host, via: `127.0.0.1:${proxy.port}` });
    await rm(policyDir, { recursive: true, force: true });
  });

  it('says TLS is not trusted when the CA in front of the endpoints is not in the trust store', async () => {
    proxy = await startConnectProxy();
    f = await startAuthFixture({ config: { network: { proxyUrl: proxy.url, noProxy: [], mode: 'auto', caBundleFile: null } } });
    const report = await check(f.restart({ extraCaPem: '' }));
    expect(byId(report, 'entra')).toMatchObject({ status: 'fail', code: 'tls-untrusted' });
  });
});
