/**
 * Item 3 of issue 13: `ssh.requireJitBeforeSsh` was shown and documented but never enforced. It is
 * enforced in main for every route that reaches a VM (shells, reconnects, SSH forwards, Bastion
 * tunnels to a VM, kubeconfig contexts through a jump box), also when it comes from the safe
 * fallback policy, with evidence of an active JIT grant: the console's own granted request, or the
 * JIT policy's `requests` as ARM reports them (here the ARM stand-in).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleCore } from '../../../src-main/core';
import { registerSshHandlers } from '../../../src-main/ipc/handlers/ssh-handlers';
import { IpcRouter } from '../../../src-main/ipc/router';
import { ArmJitGrants, armVmAddresses, JitGrantLedger, JitGuard } from '../../../src-main/services/jit';
import { createConnectivity, type Connectivity } from '../../../src-main/services/sessions/connectivity';
import { parsePublicKeyLine } from '../../../src-main/services/ssh/host-key';
import { openSshHostToken } from '../../../src-main/services/ssh/host-id';
import { startArmStandIn, TENANT_ID, type ArmStandIn } from '../../standins/arm';
import { azureLayerFor } from '../../standins/arm/client';
import { testCoreOptions } from '../../support/core-options';
import { startSshd, type TestSshd } from '../../support/sshd';
import { MemoryLogger } from '../../support/memory-logger';
import { MemorySecretStore } from '../../support/memory-secret-store';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/spoke/providers/Microsoft.ContainerService/managedClusters/aks1';
const KUBECONFIG = `apiVersion: v1\nkind: Config\nclusters:\n- name: aks1\n  cluster:\n    server: https://aks1-x.privatelink.japaneast.azmk8s.io:443\n    certificate-authority-data: Q0E=\ncontexts:\n- name: aks1\n  context: {cluster: aks1, user: u}\ncurrent-context: aks1\nusers:\n- name: u\n  user:\n    token: t0ken\n`;

let sshd: TestSshd;
let dir: string;

beforeAll(async () => {
  sshd = await startSshd();
  dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-jit-'));
});
afterAll(async () => {
  await sshd?.close();
  await rm(dir, { recursive: true, force: true });
});

async function trustAndKey(connectivity: Connectivity): Promise<string> {
  const key = parsePublicKeyLine(sshd.hostPublicKey)!;
  await connectivity.knownHosts.add(openSshHostToken(sshd.host, sshd.port), key.keyType, key.blob, 'operator');
  return (await connectivity.keys.import('k', sshd.clientKey)).keyId;
}

describe('JIT before SSH in the composed core', () => {
  it('the safe fallback policy (an unreadable policy file) refuses SSH to a VM without a JIT grant, before anything connects', async () => {
    const appDataDir = await mkdtemp(path.join(dir, 'core-'));
    await mkdir(path.join(appDataDir, 'policy'));
    await writeFile(path.join(appDataDir, 'policy', 'policy.json'), '{ not json', { mode: 0o644 });
    const core = createConsoleCore(testCoreOptions({ appDataDir, log: new MemoryLogger(), isTrustedSender: () => true }, { secretStore: new MemorySecretStore() }));
    try {
      expect(core.policy.effective().requireJitBeforeSsh).toBe(true);
      const keyId = await trustAndKey(core.connectivity);
      const vm = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/hub/providers/Microsoft.Compute/virtualMachines/jump1';
      const target = { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'key', keyId }, vmResourceId: vm };
      const before = (await sshd.log()).length;
      const shell = await core.router.dispatch('ssh.open', { target, cols: 80, rows: 24 }, sender);
      expect(shell).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^jit\./) } });
      const tunnel = await core.router.dispatch('tunnels.open', { name: 'api', via: { kind: 'ssh', target, remoteHost: '127.0.0.1', remotePort: 443 } }, sender);
      expect(tunnel).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^jit\./) } });
      const unknownVm = await core.router.dispatch('ssh.open', { target: { ...target, vmResourceId: undefined }, cols: 80, rows: 24 }, sender);
      expect(unknownVm).toMatchObject({ ok: false, error: { code: 'jit.vm_unknown' } });
      expect(core.connectivity.manager.listSessions()).toEqual([]);
      expect(core.connectivity.manager.listTunnels()).toEqual([]);
      expect((await sshd.log()).slice(before)).not.toMatch(/Connection from/);
      const denied = (await core.audit.list({ types: ['ssh.open', 'tunnel.open'] })).records;
      expect(denied.map((r) => [r.type, r.outcome])).toEqual([['ssh.open', 'denied'], ['tunnel.open', 'denied'], ['ssh.open', 'denied']]);
    } finally {
      await core.dispose();
    }
  });
});

describe('JIT evidence: the console\'s own grants and ARM\'s JIT requests', () => {
  let standIn: ArmStandIn;
  beforeAll(async () => {
    standIn = await startArmStandIn({ scenario: 'broken-nsg-blocks-ssh' });
  });
  afterAll(async () => standIn?.stop());

  it('refuses without a grant; with the console\'s own grant the shell, the forward and a kubeconfig context through it are allowed until it ends', async () => {
    let clock = Date.now();
    const ledger = new JitGrantLedger(() => clock);
    const layer = azureLayerFor(standIn, TENANT_ID);
    const appDataDir = await mkdtemp(path.join(dir, 'conn-'));
    const access = new JitGuard({ required: () => true, sources: [ledger, new ArmJitGrants(layer.arm, async () => 'operator@contoso.example')], log: new MemoryLogger() });
    const connectivity = createConnectivity({ appDataDir, homeDir: appDataDir, secrets: new MemorySecretStore(), log: new MemoryLogger(), access, azure: { readVmHostKeys: async () => [], listClusterUserCredential: async () => KUBECONFIG } });
    const router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
    const off = registerSshHandlers(router, connectivity);
    try {
      const keyId = await trustAndKey(connectivity);
      const vm = standIn.world.meta.jumpBoxId!;
      const target = { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'key', keyId }, vmResourceId: vm };
      const shell = () => router.dispatch('ssh.open', { target, cols: 80, rows: 24 }, sender);
      expect(await shell()).toMatchObject({ ok: false, error: { code: 'jit.required', message: expect.stringContaining(`port ${sshd.port}`) } });

      ledger.record(vm, sshd.port, 'Initiated', new Date(clock + 3_600_000).toISOString());
      expect(await shell()).toMatchObject({ ok: true, data: { state: 'connecting' } });
      expect(await router.dispatch('tunnels.open', { name: 'api', via: { kind: 'ssh', target, remoteHost: '127.0.0.1', remotePort: 443 } }, sender)).toMatchObject({ ok: true });
      const preview = { clusterId: CLUSTER, tunnelName: 'api', contextName: 'aks1-via-jump', target: 'default' };
      expect(await router.dispatch('kubeconfig.preview', preview, sender)).toMatchObject({ ok: true });

      clock += 3_600_001; // the grant has ended: a context through the jump box is refused again
      expect(await router.dispatch('kubeconfig.preview', preview, sender)).toMatchObject({ ok: false, error: { code: 'jit.required' } });
    } finally {
      off();
      await connectivity.dispose();
    }
  });

  it('reads a VM\'s addresses from ARM, and the guard refuses a grant for that VM on a connection to another host', async () => {
    const layer = azureLayerFor(standIn, TENANT_ID);
    const vm = standIn.world.meta.jumpBoxId!;
    const addresses = armVmAddresses(layer.arm);
    expect(await addresses(vm)).toEqual(['10.0.2.4']);
    const ledger = new JitGrantLedger();
    ledger.record(vm, 22, 'Initiated', new Date(Date.now() + 3_600_000).toISOString());
    const guard = new JitGuard({ required: () => true, sources: [ledger], log: new MemoryLogger(), vmAddresses: addresses });
    const target = (host: string) => ({ route: { kind: 'direct' as const, host, port: 22 }, username: 'azureuser', auth: { method: 'agent' as const }, vmResourceId: vm });
    await expect(guard.assertMayOpen({ kind: 'session', target: target('10.0.2.4') })).resolves.toBeUndefined();
    await expect(guard.assertMayOpen({ kind: 'session', target: target('10.0.2.5') })).rejects.toMatchObject({ code: 'jit.vm_mismatch' });
  });

  it('reads the operator\'s active requests from the JIT policy as ARM reports them', async () => {
    const layer = azureLayerFor(standIn, TENANT_ID);
    const vm = standIn.world.meta.jumpBoxId!;
    const arm = (operator: string | null) => new ArmJitGrants(layer.arm, async () => operator);
    expect(await arm('operator@contoso.example').activeGrant(vm, 22)).toBeNull();
    await layer.azure.requestJit({ vmId: vm, port: 22, durationMinutes: 60 });
    expect(await arm('operator@contoso.example').activeGrant(vm, 22)).toMatchObject({ source: 'arm', port: 22 });
    expect(await arm(null).activeGrant(vm, 22)).toMatchObject({ source: 'arm' });
    expect(await arm('someone.else@contoso.example').activeGrant(vm, 22)).toBeNull();
    expect(await arm('operator@contoso.example').activeGrant(vm, 2222)).toBeNull();
    expect(await layer.jitGrants.activeGrant(vm, 22)).toMatchObject({ source: 'console' });
  });
});
