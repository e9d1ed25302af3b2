import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTargets } from '../../../../../src-main/services/files/file-targets';
import { FileChangePlanner } from '../../../../../src-main/services/files/file-change';
import { KnownHostsStore } from '../../../../../src-main/services/ssh/known-hosts-store';
import { SshConfigExporter } from '../../../../../src-main/services/ssh/ssh-config-export';
import { ed25519Key } from './test-keys';
import { sshG } from '../../../../support/ssh-g';

describe('ssh_config export: every value reaches the file as exactly one directive', () => {
  let dir: string;
  let exporter: SshConfigExporter;
  const endpoint = { hostName: '10.1.0.4', port: 22, hostIds: ['10.1.0.4'] };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sshcfg export-'));
    const store = new KnownHostsStore(path.join(dir, 'app  data'));
    const key = ed25519Key();
    await store.add('10.1.0.4', 'ssh-ed25519', key.blob, 'operator');
    exporter = new SshConfigExporter(store, new FileChangePlanner(), path.join(dir, 'app  data'), new FileTargets(null, dir));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('refuses an identity file that would close its quote and add a Match exec directive (nothing written)', async () => {
    const target = path.join(dir, '.ssh', 'config');
    const hostile = '/tmp/k"\nMatch exec "touch /tmp/pwned';
    await expect(exporter.preview({ hostAlias: 'jump1', endpoint, username: 'azureuser', identityFile: hostile })).rejects.toMatchObject({ code: 'files.unsafe_value' });
    for (const bad of ['/tmp/a\u2028b', '/tmp/a\u0085b', '/tmp/a\u0000b', '/tmp/a\u007fb', '/tmp/a\tb', '/tmp/a"b']) {
      await expect(exporter.preview({ hostAlias: 'jump1', endpoint, username: 'azureuser', identityFile: bad })).rejects.toMatchObject({ code: 'files.unsafe_value' });
    }
    await expect(readFile(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('quotes every path, so OpenSSH reads paths with spaces (two in a row would show a split), % and a backslash back exactly', async () => {
    const target = path.join(dir, '.ssh', 'config');
    const identityFile = path.join(dir, 'keys  dir', 'id 50%\\x');
    const preview = await exporter.preview({ hostAlias: 'jump1', endpoint, username: 'azureuser', identityFile });
    await exporter.apply(preview.previewId);
    const text = await readFile(target, 'utf8');
    expect(text.split('\n').filter((l) => /^\s*(Match|Host)\b/i.test(l))).toEqual(['Host jump1']);
    const read = sshG(target, 'jump1');
    expect(read.get('userknownhostsfile')).toEqual([exporter.knownHostsPath]);
    // `ssh -G` prints IdentityFile before %-expansion: the escaped %% stands for one literal %.
    expect(read.get('identityfile')?.map((v) => v.replace(/%%/g, '%'))).toEqual([identityFile]);
    expect(read.get('hostname')).toEqual(['10.1.0.4']);
    expect(read.get('user')).toEqual(['azureuser']);
    expect(read.get('stricthostkeychecking')).toEqual(['true']);
  });
});
