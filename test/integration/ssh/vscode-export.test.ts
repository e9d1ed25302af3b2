import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectivity, type Connectivity } from '../../../src-main/services/sessions/connectivity';
import { parsePublicKeyLine } from '../../../src-main/services/ssh/host-key';
import { azureHostId, openSshHostToken } from '../../../src-main/services/ssh/host-id';
import { startBastionStandIn, type BastionStandIn } from '../../standins/bastion/bastion-standin';
import { clientForStandIn, IDS, loopbackRouter, STANDIN_ARM_TOKEN } from '../../standins/bastion/harness';
import { startSshd, type TestSshd } from '../../support/sshd';
import { FileTargets } from '../../../src-main/services/files/file-targets';
import { StandInFileDialogs } from '../../support/file-dialogs';
import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { MemoryLogger } from '../../support/memory-logger';
import { MemorySecretStore } from '../../support/memory-secret-store';

let sshd: TestSshd;
let standIn: BastionStandIn;
let wired: ReturnType<typeof clientForStandIn>;
let connectivity: Connectivity;
let dir: string;
const dialogs = new StandInFileDialogs();

beforeAll(async () => {
  sshd = await startSshd();
  standIn = await startBastionStandIn({ route: loopbackRouter(sshd.port), acceptToken: (t) => t === STANDIN_ARM_TOKEN });
  wired = clientForStandIn(standIn);
  dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-vscode-'));
  // App data with a space, as on macOS (~/Library/Application Support): the exported paths must stay one argument each.
  connectivity = createConnectivity({ appDataDir: path.join(dir, 'Application Support'), homeDir: dir, secrets: new MemorySecretStore(), log: new MemoryLogger(), bastion: wired.client, files: new FileTargets(dialogs, dir) });
});
afterAll(async () => {
  await connectivity?.dispose();
  await wired?.dispose();
  await standIn?.close();
  await sshd?.close();
  await rm(dir, { recursive: true, force: true });
});

function openssh(configPath: string, alias: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('ssh', ['-F', configPath, '-o', 'BatchMode=yes', alias, 'echo reached-$((6*7))'], { timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 255) : 0, stdout, stderr }),
    );
  });
}

describe('VS Code Remote-SSH export, checked with the real OpenSSH client', () => {
  it('a direct entry lets OpenSSH in with strict host-key checking against the console-verified key, with a space in the app data and key paths', async () => {
    const key = parsePublicKeyLine(sshd.hostPublicKey)!;
    await connectivity.knownHosts.add(openSshHostToken(sshd.host, sshd.port), key.keyType, key.blob, 'operator');
    const configPath = path.join(dir, 'ssh_config');
    const keyPath = path.join(dir, 'my keys', 'id 1');
    await mkdir(path.dirname(keyPath));
    await copyFile(sshd.clientKeyPath, keyPath);
    await chmod(keyPath, 0o600);
    dialogs.answer('ssh-config', configPath);
    const preview = await connectivity.sshConfig.preview({
      hostAlias: 'jump-direct',
      endpoint: { hostName: sshd.host, port: sshd.port, hostIds: [openSshHostToken(sshd.host, sshd.port)] },
      username: sshd.user,
      identityFile: keyPath,
      target: 'pick',
    });
    await connectivity.sshConfig.apply(preview.previewId);
    const result = await openssh(configPath, 'jump-direct');
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('reached-42\n');
  });

  it('an entry through a console Bastion tunnel works while the tunnel is open; a different server key is refused by OpenSSH', async () => {
    const key = parsePublicKeyLine(sshd.hostPublicKey)!;
    await connectivity.knownHosts.add(azureHostId(IDS.jumpBox, 22), key.keyType, key.blob, 'azure');
    const tunnel = await connectivity.manager.openTunnel('jump-ssh', { kind: 'bastion', bastionId: IDS.bastion, targetResourceId: IDS.jumpBox, port: 22 });
    const configPath = path.join(dir, 'ssh_config_tunnel');
    dialogs.answer('ssh-config', configPath);
    const preview = await connectivity.sshConfig.preview({
      hostAlias: 'jump-bastion',
      endpoint: { hostName: '127.0.0.1', port: tunnel.localPort, hostIds: [azureHostId(IDS.jumpBox, 22)] },
      username: sshd.user,
      identityFile: sshd.clientKeyPath,
      target: 'pick',
    });
    expect(preview.diff).toContain(`+  Port ${tunnel.localPort}`);
    await connectivity.sshConfig.apply(preview.previewId);
    expect((await openssh(configPath, 'jump-bastion')).stdout).toBe('reached-42\n');
    await sshd.rotateHostKey();
    const refused = await openssh(configPath, 'jump-bastion');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
    await connectivity.manager.closeTunnel('jump-ssh');
    await standIn.waitFor(() => standIn.undeleted().length === 0, 10_000);
  });
});
