import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ed25519Key } from './test-keys';
import type { AuditEvent } from '../../../../../src-main/services/audit/audit-record';
import { AppError } from '../../../../../src-main/services/errors/app-error';
import { AzureHostKeySeeder } from '../../../../../src-main/services/ssh/azure-host-keys';
import { fingerprintOfBlob } from '../../../../../src-main/services/ssh/host-key';
import { KnownHostsStore } from '../../../../../src-main/services/ssh/known-hosts-store';

const VM = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hub/providers/Microsoft.Compute/virtualMachines/vm-jump';

async function seederWith(read: () => Promise<string[]>) {
  const store = new KnownHostsStore(await mkdtemp(path.join(os.tmpdir(), 'seed-')));
  const audit: AuditEvent[] = [];
  const seeder = new AzureHostKeySeeder({ readVmHostKeys: read }, store, { record: async (e) => void audit.push(e) });
  return { store, audit, seeder };
}

describe('host keys read from Azure are a trust change, audited like an import', () => {
  it('records the VM, the addresses and the fingerprints it now trusts', async () => {
    const key = ed25519Key();
    const { seeder, audit } = await seederWith(async () => [`${key.line} root@vm-jump`]);
    await seeder.seed(VM, [{ host: '10.0.1.4', port: 22 }]);
    expect(audit).toEqual([
      expect.objectContaining({ type: 'hostkey.seed', outcome: 'success', target: VM, details: expect.objectContaining({ fingerprints: [fingerprintOfBlob(key.blob)], addresses: ['10.0.1.4:22'] }) }),
    ]);
  });

  it('records a failed read, and trusts nothing', async () => {
    const { seeder, audit, store } = await seederWith(async () => {
      throw new AppError('azure.forbidden', 'Run Command is not allowed.');
    });
    await expect(seeder.seed(VM, [{ host: '10.0.1.4', port: 22 }])).rejects.toThrow('Run Command');
    expect(audit).toEqual([expect.objectContaining({ type: 'hostkey.seed', outcome: 'failure', target: VM, details: { error: 'azure.forbidden' } })]);
    expect(await store.list()).toEqual([]);
  });
});

describe('ssh.open seeds host keys from Azure itself, once per VM', () => {
  const direct = (host: string) => ({ route: { kind: 'direct' as const, host, port: 22 }, username: 'azureuser', auth: { method: 'agent' as const }, vmResourceId: VM });

  it('runs one Run Command for two opens of the same VM, and still trusts a new address of it', async () => {
    const key = ed25519Key();
    let runCommands = 0;
    const { seeder, store, audit } = await seederWith(async () => {
      runCommands++;
      return [`${key.line} root@vm-jump`];
    });
    await seeder.seedForOpen(direct('10.0.1.4'));
    await seeder.seedForOpen(direct('10.0.1.4'));
    expect(runCommands).toBe(1);
    expect(audit).toHaveLength(1);
    await seeder.seedForOpen(direct('10.0.1.5'));
    expect(runCommands).toBe(1);
    const hosts = (await store.list()).map((r) => r.hostId);
    expect(hosts).toEqual(expect.arrayContaining([expect.stringContaining('10.0.1.4'), expect.stringContaining('10.0.1.5')]));
  });

  it('never fails the open when Azure cannot tell, and asks Azure again on the next open', async () => {
    let runCommands = 0;
    const { seeder, audit } = await seederWith(async () => {
      runCommands++;
      throw new AppError('azure.forbidden', 'Run Command is not allowed.');
    });
    await expect(seeder.seedForOpen(direct('10.0.1.4'))).resolves.toBeUndefined();
    await seeder.seedForOpen(direct('10.0.1.4'));
    expect(runCommands).toBe(2);
    expect(audit.map((e) => e.outcome)).toEqual(['failure', 'failure']);
  });

  it('does nothing for a target with no VM, and reads afresh when asked to seed explicitly', async () => {
    const key = ed25519Key();
    let runCommands = 0;
    const { seeder } = await seederWith(async () => {
      runCommands++;
      return [key.line];
    });
    await seeder.seedForOpen({ ...direct('10.0.1.4'), vmResourceId: undefined });
    expect(runCommands).toBe(0);
    await seeder.seedForOpen(direct('10.0.1.4'));
    await seeder.seed(VM, []);
    expect(runCommands).toBe(2);
  });
});
