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
