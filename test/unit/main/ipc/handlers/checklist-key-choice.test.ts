import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerAzureHandlers, type AzureHandlerDeps } from '../../../../../src-main/ipc/handlers/azure-handlers';
import { IpcRouter } from '../../../../../src-main/ipc/router';
import { FileTargets } from '../../../../../src-main/services/files/file-targets';
import type { ChecklistRequest } from '../../../../../src-main/services/checklist/checklist-service';
import { StandInFileDialogs } from '../../../../support/file-dialogs';
import { MemoryLogger } from '../../../../support/memory-logger';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/spoke/providers/Microsoft.ContainerService/managedClusters/aks1';

describe('checklist.run: the private key to compare is chosen by main, never named by the renderer', () => {
  let dir: string;
  let router: IpcRouter;
  let dialogs: StandInFileDialogs;
  const started: ChecklistRequest[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'checklist-key-'));
    started.length = 0;
    dialogs = new StandInFileDialogs();
    router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
    // Only what the checklist.run handler touches; the run itself is the checklist service's own test.
    const checklist = {
      start: async (request: ChecklistRequest) => (started.push(request), { runId: 'r', checks: [] }),
      onDidResult: () => () => undefined,
      onDidFinish: () => () => undefined,
      dispose: () => undefined,
    };
    const azure = { discovery: { onDidChange: () => () => undefined } };
    registerAzureHandlers(router, { azure, checklist, files: new FileTargets(dialogs, dir) } as unknown as AzureHandlerDeps);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const run = (extra: Record<string, unknown>) => router.dispatch('checklist.run', { clusterId: CLUSTER, pathId: 'ssh-jumpbox', ...extra }, sender);

  it('refuses a path from the renderer before anything runs', async () => {
    expect(await run({ privateKeyPath: path.join(dir, 'id') })).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    expect(await run({ privateKey: '/etc/shadow' })).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    expect(started).toEqual([]);
  });

  it('uses ~/.ssh/id_ed25519 by default, or the file picked in the dialog; a UNC answer is refused', async () => {
    expect(await run({ privateKey: 'default' })).toMatchObject({ ok: false, error: { code: 'files.no_default' } });
    await mkdir(path.join(dir, '.ssh'));
    await writeFile(path.join(dir, '.ssh', 'id_ed25519'), 'key');
    expect(await run({ privateKey: 'default' })).toMatchObject({ ok: true });
    dialogs.answer('private-key', '\\\\attacker\\share\\id');
    expect(await run({ privateKey: 'pick' })).toMatchObject({ ok: false, error: { code: 'files.unsafe_path' } });
    dialogs.answer('private-key', path.join(dir, 'picked key'));
    expect(await run({ privateKey: 'pick' })).toMatchObject({ ok: true });
    expect(await run({})).toMatchObject({ ok: true });
    expect(started.map((r) => r.privateKeyPath)).toEqual([path.join(dir, '.ssh', 'id_ed25519'), path.join(dir, 'picked key'), undefined]);
  });
});
