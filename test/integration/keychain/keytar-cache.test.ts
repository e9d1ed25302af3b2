import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkedBlob, KEYCHAIN_ITEM_LIMIT_BYTES } from '../../../src-main/services/secrets/chunked-blob';
import { KeytarSecretStore } from '../../../src-main/services/secrets/keytar-secret-store';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import { startAuthFixture, type AuthFixture } from '../auth/auth-fixture';
import { requireTestKeyring } from './keyring-env';

const keytar = createRequire(import.meta.url)('keytar') as { findCredentials(service: string): Promise<Array<{ account: string; password: string }>> };

/** What libsecret holds under a service: account → byte length of the stored value. */
async function itemsOf(service: string): Promise<Map<string, number>> {
  const found = await keytar.findCredentials(service);
  return new Map(found.map((c) => [c.account, Buffer.byteLength(c.password, 'utf8')]));
}

// Counted as a failed test (not a skipped one) when run outside scripts/test.sh's private keyring.
it('runs against the private unlocked gnome-keyring', () => requireTestKeyring());

describe('token cache in the real gnome-keyring (libsecret through keytar)', () => {
  beforeAll(() => requireTestKeyring());

  it('stores a value larger than 10 KB as chunks under the item limit, reads it back, and deletes stale chunks', async () => {
    const service = `aksc-test-${randomUUID()}`;
    const store = new KeytarSecretStore(service);
    const blob = new ChunkedBlob(store, 'msal-cache');
    const large = JSON.stringify({ filler: randomBytes(9000).toString('base64'), name: '佐藤 潤' });
    expect(Buffer.byteLength(large)).toBeGreaterThan(10 * 1024);
    const firstGeneration = await blob.write(large);
    const items = await itemsOf(service);
    expect(items.size).toBeGreaterThanOrEqual(6);
    for (const [account, bytes] of items) expect(bytes, account).toBeLessThanOrEqual(KEYCHAIN_ITEM_LIMIT_BYTES);
    expect(await blob.read()).toMatchObject({ kind: 'ok', value: large });

    await blob.write('{"small":true}');
    const after = await itemsOf(service);
    expect([...after.keys()].sort()).toEqual(['msal-cache', expect.stringMatching(/^msal-cache\.[0-9a-f]+\.0$/)]);
    expect([...after.keys()].some((k) => k.includes(firstGeneration))).toBe(false);

    await blob.clear();
    expect((await itemsOf(service)).size).toBe(0);
  });

  it('rejects a tampered chunk with a reason and a missing chunk with another', async () => {
    const service = `aksc-test-${randomUUID()}`;
    const store = new KeytarSecretStore(service);
    const blob = new ChunkedBlob(store, 'msal-cache');
    await blob.write(randomBytes(6000).toString('hex'));
    const chunk = (await store.list()).find((a) => a.endsWith('.1'))!;
    const original = (await store.get(chunk))!;
    await store.set(chunk, `${original.slice(0, -8)}AAAAAAAA`);
    expect(await blob.read()).toEqual({ kind: 'corrupt', reason: 'integrity check failed (SHA-256 mismatch)' });
    await store.delete(chunk);
    expect(await blob.read()).toMatchObject({ kind: 'corrupt', reason: expect.stringMatching(/chunk 2 of \d+ is missing/) });
    await blob.clear();
  });
});

describe('sign-in with the production keychain store', () => {
  let f: AuthFixture;
  const service = `aksc-test-${randomUUID()}`;
  beforeAll(async () => {
    requireTestKeyring();
    f = await startAuthFixture({ auth: { keychainService: service }, core: { secretStore: new KeytarSecretStore(service) } });
    f.entra.faults.accessTokenChars = 2500;
  });
  afterAll(async () => f?.close());

  it('keeps a >10 KB cache of realistic tokens chunked in gnome-keyring, restores from it, and sign-out removes every item', async () => {
    await f.core.auth.signIn('interactive');
    await f.core.auth.getToken('https://management.azure.com/.default', { tenantId: DEFAULT_IDS.fabrikamTenant });
    await f.core.auth.getToken('6dae42f8-4368-4678-94ff-3960e28e3630/.default');
    await f.core.auth.getToken('6dae42f8-4368-4678-94ff-3960e28e3630/.default', { tenantId: DEFAULT_IDS.fabrikamTenant });
    const items = await itemsOf(service);
    const total = [...items.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(10 * 1024);
    for (const [account, bytes] of items) expect(bytes, account).toBeLessThanOrEqual(KEYCHAIN_ITEM_LIMIT_BYTES);
    expect((await f.core.auth.status()).storage).toEqual({ kind: 'keychain' });

    const restarted = f.restart();
    expect(await restarted.auth.status()).toMatchObject({ state: 'signed-in', account: { username: 'ops.admin@contoso.com' } });
    const requestsBefore = f.entra.requests.length;
    await restarted.auth.getToken('6dae42f8-4368-4678-94ff-3960e28e3630/.default', { tenantId: DEFAULT_IDS.fabrikamTenant });
    expect(f.entra.requests.length).toBe(requestsBefore);

    await restarted.auth.signOut();
    // The store is shared (the audit log keeps its chain head there); the token cache must be gone.
    expect([...(await itemsOf(service)).keys()].filter((k) => k.startsWith('msal-cache'))).toEqual([]);
  });
});
