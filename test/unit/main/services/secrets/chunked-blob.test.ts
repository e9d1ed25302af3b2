import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_FORMAT_VERSION, ChunkedBlob, KEYCHAIN_ITEM_LIMIT_BYTES } from '../../../../../src-main/services/secrets/chunked-blob';
import { MemorySecretStore } from '../../../../support/memory-secret-store';

describe('ChunkedBlob', () => {
  it('round-trips any text with every item under the Windows Credential Manager limit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 12000 }), async (text) => {
        const store = new MemorySecretStore(KEYCHAIN_ITEM_LIMIT_BYTES);
        const blob = new ChunkedBlob(store, 'cache');
        await blob.write(text);
        expect(await blob.read()).toMatchObject({ kind: 'ok', value: text });
      }),
      { numRuns: 40 },
    );
  });

  it('reports absent, then skips the chunk reads when the generation is unchanged', async () => {
    const store = new MemorySecretStore();
    const blob = new ChunkedBlob(store, 'cache');
    expect(await blob.read()).toEqual({ kind: 'absent' });
    const generation = await blob.write('x'.repeat(7000));
    const reads: string[] = [];
    const get = store.get.bind(store);
    store.get = async (account) => {
      reads.push(account);
      return get(account);
    };
    expect(await blob.read(generation)).toEqual({ kind: 'unchanged', generation });
    expect(reads).toEqual(['cache']);
  });

  it('keeps the old value readable when a write fails half-way, and sweeps the orphans later', async () => {
    const store = new MemorySecretStore();
    const blob = new ChunkedBlob(store, 'cache');
    await blob.write('old value');
    const set = store.set.bind(store);
    let writes = 0;
    store.set = async (account, value) => {
      if (++writes === 2) throw new Error('keychain went away');
      return set(account, value);
    };
    await expect(blob.write('n'.repeat(9000))).rejects.toThrow('keychain went away');
    store.set = set;
    expect(await blob.read()).toMatchObject({ kind: 'ok', value: 'old value' });
    expect(store.items.size).toBe(3);
    await blob.sweepOrphans();
    expect(store.items.size).toBe(2);
  });

  it.each([
    ['not JSON', () => 'garbage', /not JSON/],
    ['another format version', (m: Record<string, unknown>) => JSON.stringify({ ...m, v: CHUNK_FORMAT_VERSION + 1 }), /format version/],
    ['a wrong length', (m: Record<string, unknown>) => JSON.stringify({ ...m, bytes: 3 }), /length/],
    ['a wrong checksum', (m: Record<string, unknown>) => JSON.stringify({ ...m, sha256: '0'.repeat(64) }), /integrity/],
    ['an absurd chunk count', (m: Record<string, unknown>) => JSON.stringify({ ...m, chunks: 100000 }), /chunk count/],
  ])('rejects a manifest with %s', async (_name, tamper, reason) => {
    const store = new MemorySecretStore();
    const blob = new ChunkedBlob(store, 'cache');
    await blob.write('value');
    const manifest = JSON.parse(store.items.get('cache')!) as Record<string, unknown>;
    store.items.set('cache', tamper(manifest));
    expect(await blob.read()).toEqual({ kind: 'corrupt', reason: expect.stringMatching(reason) });
  });

  it('clear removes the manifest and chunks of every generation but nothing else', async () => {
    const store = new MemorySecretStore();
    await store.set('audit.chain-head', 'keep me');
    await store.set('cache.deadbeef.0', 'orphan');
    const blob = new ChunkedBlob(store, 'cache');
    await blob.write('v'.repeat(5000));
    await blob.clear();
    expect([...store.items.keys()]).toEqual(['audit.chain-head']);
  });
});
