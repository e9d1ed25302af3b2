import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChunkedBlob } from '../../../src-main/services/secrets/chunked-blob';
import { CACHE_ITEM_NAME } from '../../../src-main/services/secrets/keychain-cache-plugin';
import { KeytarSecretStore } from '../../../src-main/services/secrets/keytar-secret-store';
import { requireTestKeyring } from './keyring-env';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function writer(service: string, lockPath: string, id: string, rounds: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'cache-writer-child.ts'), service, lockPath, id, String(rounds)], { env: process.env, cwd: path.resolve(HERE, '../../..') });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('runs against the private unlocked gnome-keyring', () => requireTestKeyring());

describe('three console processes writing one keychain cache at once', () => {
  beforeAll(() => requireTestKeyring());

  it('loses no update and leaves a cache that verifies (the cross-process lock at work)', async () => {
    const service = `aksc-test-${randomUUID()}`;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-lock-'));
    const lockPath = path.join(dir, 'token-cache.lock');
    const rounds = 4;
    try {
      const runs = await Promise.all(['a', 'b', 'c'].map((id) => writer(service, lockPath, id, rounds)));
      for (const run of runs) expect(run.code, run.stderr.slice(-1500)).toBe(0);
      for (const run of runs) expect(run.stdout).toContain('"mode":"keychain"');
      const read = await new ChunkedBlob(new KeytarSecretStore(service), CACHE_ITEM_NAME).read();
      expect(read.kind).toBe('ok');
      const cache = JSON.parse((read as { value: string }).value) as { AccessToken: Record<string, string> };
      expect(Object.keys(cache.AccessToken).sort()).toEqual(['a', 'b', 'c'].flatMap((id) => Array.from({ length: rounds }, (_, i) => `${id}-${i}`)).sort());
      const items = await new KeytarSecretStore(service).list();
      const generations = new Set(items.filter((k) => k.startsWith(`${CACHE_ITEM_NAME}.`)).map((k) => k.split('.')[1]));
      expect(generations.size).toBe(1);
      await new ChunkedBlob(new KeytarSecretStore(service), CACHE_ITEM_NAME).clear();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
