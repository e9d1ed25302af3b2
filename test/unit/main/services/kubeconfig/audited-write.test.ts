import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../../src-main/services/audit/audit-record';
import { FileTargets } from '../../../../../src-main/services/files/file-targets';
import { FileChangePlanner } from '../../../../../src-main/services/files/file-change';
import { KnownHostsStore } from '../../../../../src-main/services/ssh/known-hosts-store';
import { SshConfigExporter } from '../../../../../src-main/services/ssh/ssh-config-export';
import { ed25519Key } from '../ssh/test-keys';

const endpoint = { hostName: '10.1.0.4', port: 22, hostIds: ['10.1.0.4'] };

async function exporterWithAudit() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'audited-write-'));
  const store = new KnownHostsStore(path.join(dir, 'app'));
  await store.add('10.1.0.4', 'ssh-ed25519', ed25519Key().blob, 'operator');
  const audit: AuditEvent[] = [];
  const exporter = new SshConfigExporter(store, new FileChangePlanner(), path.join(dir, 'app'), new FileTargets(null, dir), { record: async (e) => void audit.push(e) });
  return { dir, audit, exporter, target: path.join(dir, '.ssh', 'config') };
}

describe('writes to the operator\'s files are audited whether they succeed or not', () => {
  it('a write refused because the file changed after the preview is recorded as a failure, and the file keeps its content', async () => {
    const { audit, exporter, target } = await exporterWithAudit();
    const preview = await exporter.preview({ hostAlias: 'jump1', endpoint, username: 'azureuser' });
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, 'Host other\n');
    await expect(exporter.apply(preview.previewId)).rejects.toMatchObject({ code: 'files.changed_since_preview' });
    await expect.poll(() => audit).toEqual([expect.objectContaining({ type: 'sshconfig.write', outcome: 'failure', target, details: { error: 'files.changed_since_preview' } })]);
    expect(await readFile(target, 'utf8')).toBe('Host other\n');
  });

  it('a successful write is recorded once, as a success', async () => {
    const { audit, exporter, target } = await exporterWithAudit();
    const preview = await exporter.preview({ hostAlias: 'jump1', endpoint, username: 'azureuser' });
    await exporter.apply(preview.previewId);
    await expect.poll(() => audit).toEqual([expect.objectContaining({ type: 'sshconfig.write', outcome: 'success', target })]);
  });
});
