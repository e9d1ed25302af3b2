/**
 * Command invoke with attached files, through the real router and Azure layer to the ARM stand-in,
 * whose command pod unzips `context` with a reader independent of ours.
 */
import { createHash, randomBytes } from 'node:crypto';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHED_BYTES, MAX_ATTACHED_FILES } from '../../../src-main/ipc/contract/azure';
import { FileTargets } from '../../../src-main/services/files/file-targets';
import { registerAzureHandlers } from '../../../src-main/ipc/handlers/azure-handlers';
import { IpcRouter } from '../../../src-main/ipc/router';
import { startArmStandIn, TENANT_ID, type ArmStandIn } from '../../standins/arm';
import { armServiceFor, azureLayerFor } from '../../standins/arm/client';
import { MemoryLogger } from '../../support/memory-logger';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
const file = (name: string, content: string | Buffer) => ({ name, contentBase64: Buffer.from(content).toString('base64') });
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: walk-files\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: walk-files\ndata:\n  mode: demo\n';

describe('command invoke with attached files against the ARM stand-in', () => {
  let standIn: ArmStandIn;
  let router: IpcRouter;
  let dispose: () => void;
  beforeAll(async () => {
    standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion', fleet: { subscriptions: 1, clustersPerSubscription: 1 } });
    router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
    const layer = azureLayerFor(standIn, TENANT_ID);
    dispose = registerAzureHandlers(router, { ...layer, files: new FileTargets(null) });
  });
  afterAll(async () => {
    dispose();
    await standIn.stop();
  });

  const invoke = (command: string, files?: Array<{ name: string; contentBase64: string }>) =>
    router.dispatch('azure.commandInvoke', { clusterId: standIn.world.meta.clusterId, command, ...(files ? { files } : {}) }, sender);

  it('without files sends an empty context, as before', async () => {
    expect(await invoke('ls')).toMatchObject({ ok: true, data: { exitCode: 0, logs: '' } });
    expect(standIn.runCommands.at(-1)!.files.size).toBe(0);
  });

  it('the files arrive in the command pod, byte for byte, and the command reads them', async () => {
    const binary = randomBytes(300_000);
    const files = [file('ns.yaml', NAMESPACE), file('blob.bin', binary), file('notes.txt', 'hello from the attached file\n')];
    expect(await invoke('ls', files)).toMatchObject({ ok: true, data: { exitCode: 0, logs: 'blob.bin\nnotes.txt\nns.yaml\n' } });
    const received = standIn.runCommands.at(-1)!.files;
    expect(Buffer.compare(received.get('blob.bin')!, binary)).toBe(0);
    expect(await invoke('cat notes.txt', files)).toMatchObject({ ok: true, data: { exitCode: 0, logs: 'hello from the attached file\n' } });
    expect(await invoke('sha256sum blob.bin', files)).toMatchObject({ ok: true, data: { logs: `${createHash('sha256').update(binary).digest('hex')}  blob.bin\n` } });
    expect(await invoke('kubectl apply -f ns.yaml', files)).toMatchObject({ ok: true, data: { exitCode: 0, logs: 'namespace/walk-files created\nconfigmap/settings created\n' } });
    expect(await invoke('kubectl apply -f missing.yaml', files)).toMatchObject({ ok: true, data: { exitCode: 1, logs: 'error: the path "missing.yaml" does not exist\n' } });
  });

  it('takes exactly the limits: 20 files totalling 2 MiB', async () => {
    const share = MAX_ATTACHED_BYTES / MAX_ATTACHED_FILES;
    const files = Array.from({ length: MAX_ATTACHED_FILES }, (_, i) => file(`part-${String(i).padStart(2, '0')}.bin`, randomBytes(share)));
    expect(await invoke('ls', files)).toMatchObject({ ok: true, data: { exitCode: 0 } });
    expect(standIn.runCommands.at(-1)!.files.size).toBe(MAX_ATTACHED_FILES);
  });

  it('refuses too many, too large and duplicate names with a coded error, and sends nothing to ARM', async () => {
    const before = standIn.requests.length;
    const many = Array.from({ length: MAX_ATTACHED_FILES + 1 }, (_, i) => file(`f${i}.txt`, 'x'));
    expect(await invoke('ls', many)).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    const large = [file('a.bin', Buffer.alloc(MAX_ATTACHED_BYTES / 2)), file('b.bin', Buffer.alloc(MAX_ATTACHED_BYTES / 2 + 1))];
    expect(await invoke('ls', large)).toMatchObject({ ok: false, error: { code: 'azure.attached_files_too_large', message: expect.stringContaining('2 MiB') } });
    expect(await invoke('ls', [file('Deploy.yaml', 'a'), file('deploy.yaml', 'b')])).toMatchObject({ ok: false, error: { code: 'azure.attached_file_duplicate', message: expect.stringContaining('deploy.yaml') } });
    expect(await invoke('ls', [file('../escape.sh', 'x')])).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    expect(standIn.requests.length).toBe(before);
  });

  it('the stand-in answers a context that is not a zip with an ARM-shaped 400, which the console reports', async () => {
    const arm = armServiceFor(standIn);
    const notZip = Buffer.from('PK but not really a zip').toString('base64');
    await expect(arm.runCommand(standIn.world.meta.clusterId, 'ls', { context: notZip })).rejects.toMatchObject({ code: 'azure.request_failed', message: expect.stringContaining('InvalidParameter') });
    const raw = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = https.request(`${standIn.url}${standIn.world.meta.clusterId}/runCommand?api-version=2026-07-01`, { method: 'POST', ca: standIn.ca, headers: { authorization: 'Bearer x', 'content-type': 'application/json' } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ command: 'ls', context: notZip, clusterToken: '' }));
    });
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.body)).toEqual({ error: { code: 'InvalidParameter', message: expect.stringContaining("parameter 'context'") } });
  });
});
