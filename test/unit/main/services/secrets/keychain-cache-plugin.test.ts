import { describe, expect, it } from 'vitest';
import type { TokenCacheContext } from '@azure/msal-node';
import { KeychainCachePlugin, type CacheStorageMode } from '../../../../../src-main/services/secrets/keychain-cache-plugin';
import { classifyKeychainError } from '../../../../../src-main/services/secrets/secret-store';
import { MemorySecretStore } from '../../../../support/memory-secret-store';
import { MemoryLogger } from '../../../../support/memory-logger';

/** A stand-in for MSAL's serializable cache: what the plugin deserializes and serializes. */
class FakeCache {
  state = '{}';
  deserialized: string[] = [];
  deserialize(value: string): void {
    this.deserialized.push(value);
    this.state = value;
  }
  serialize(): string {
    return this.state;
  }
}

function context(cache: FakeCache, changed: boolean): TokenCacheContext {
  return { cacheHasChanged: changed, tokenCache: cache } as unknown as TokenCacheContext;
}

function recordingLock(events: string[]) {
  return {
    async acquire() {
      events.push('lock');
      return async () => {
        events.push('unlock');
      };
    },
  };
}

describe('KeychainCachePlugin', () => {
  it('persists on write intent under the lock, and hands the stored state to every access', async () => {
    const store = new MemorySecretStore(2560);
    const events: string[] = [];
    const plugin = new KeychainCachePlugin(store, recordingLock(events), new MemoryLogger());
    const cache = new FakeCache();
    const write = context(cache, true);
    await plugin.beforeCacheAccess(write);
    cache.state = JSON.stringify({ Account: { a: 'x'.repeat(6000) } });
    await plugin.afterCacheAccess(write);
    expect(events).toEqual(['lock', 'unlock']);
    expect(store.items.size).toBeGreaterThan(2);

    const other = new FakeCache();
    await plugin.beforeCacheAccess(context(other, false));
    await plugin.afterCacheAccess(context(other, false));
    expect(other.deserialized.at(-1)).toBe(cache.state);
    expect(events).toEqual(['lock', 'unlock']);
  });

  it('serializes writers within the process: the second waits for the first to finish', async () => {
    const plugin = new KeychainCachePlugin(new MemorySecretStore(), recordingLock([]), new MemoryLogger());
    const order: string[] = [];
    const a = new FakeCache();
    const b = new FakeCache();
    const ctxA = context(a, true);
    const ctxB = context(b, true);
    await plugin.beforeCacheAccess(ctxA);
    const second = plugin.beforeCacheAccess(ctxB).then(() => order.push('b entered'));
    await new Promise((r) => setTimeout(r, 20));
    order.push('a leaving');
    await plugin.afterCacheAccess(ctxA);
    await second;
    await plugin.afterCacheAccess(ctxB);
    expect(order).toEqual(['a leaving', 'b entered']);
  });

  it('releases the in-process turn even when the cross-process lock cannot be taken', async () => {
    const failing = { acquire: async (): Promise<() => Promise<void>> => Promise.reject(new Error('lock timeout')) };
    const plugin = new KeychainCachePlugin(new MemorySecretStore(), failing, new MemoryLogger());
    const cache = new FakeCache();
    const ctx = context(cache, true);
    await expect(plugin.beforeCacheAccess(ctx)).rejects.toThrow('lock timeout');
    await plugin.afterCacheAccess(ctx);
    const next = context(new FakeCache(), false);
    await plugin.beforeCacheAccess(next);
  });

  it('fails closed: an unreachable keychain switches to memory once, tells listeners, and keeps serving the cache from memory', async () => {
    const store = new MemorySecretStore();
    const log = new MemoryLogger();
    const plugin = new KeychainCachePlugin(store, recordingLock([]), log);
    const modes: CacheStorageMode[] = [];
    plugin.onDidChangeMode((m) => modes.push(m));
    store.unavailable = true;
    expect(await plugin.probe()).toEqual({ kind: 'memory', reason: 'No keychain service (Secret Service) is running in this session.' });
    const cache = new FakeCache();
    const write = context(cache, true);
    await plugin.beforeCacheAccess(write);
    cache.state = '{"Account":{"k":"v"}}';
    await plugin.afterCacheAccess(write);
    store.unavailable = false;
    expect(store.items.size).toBe(0);
    const reader = new FakeCache();
    await plugin.beforeCacheAccess(context(reader, false));
    expect(reader.state).toBe('{"Account":{"k":"v"}}');
    expect(modes).toHaveLength(1);
    expect(log.lines.filter((l) => l.includes('memory only'))).toHaveLength(1);
  });

  it('discards a corrupt stored cache with a logged reason and starts empty', async () => {
    const store = new MemorySecretStore();
    const log = new MemoryLogger();
    store.items.set('msal-cache', '{"v":1,"gen":"zz"}');
    const plugin = new KeychainCachePlugin(store, recordingLock([]), log);
    const cache = new FakeCache();
    await plugin.beforeCacheAccess(context(cache, false));
    expect(cache.deserialized).toEqual(['{}']);
    expect(log.lines.some((l) => l.includes('stored token cache discarded') && l.includes('generation'))).toBe(true);
  });
});

describe('classifyKeychainError', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-session-bus'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no-secret-service'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'keyring-locked'],
    ['Cannot create an item in a locked collection', 'keyring-locked'],
    ['The stub received bad data.', 'too-large'],
    ['something else', 'unknown'],
  ])('%s → %s', (message, kind) => {
    expect(classifyKeychainError(message)).toBe(kind);
  });
});

describe('KeychainCachePlugin writes', () => {
  it('skips the keychain write when MSAL signals write intent but the cache is identical', async () => {
    const store = new MemorySecretStore();
    const plugin = new KeychainCachePlugin(store, recordingLock([]), new MemoryLogger());
    const cache = new FakeCache();
    const first = context(cache, true);
    await plugin.beforeCacheAccess(first);
    cache.state = '{"Account":{"k":"v"}}';
    await plugin.afterCacheAccess(first);
    let sets = 0;
    const set = store.set.bind(store);
    store.set = async (a, v) => {
      sets += 1;
      return set(a, v);
    };
    const again = context(cache, true);
    await plugin.beforeCacheAccess(again);
    await plugin.afterCacheAccess(again);
    expect(sets).toBe(0);
    const changed = context(cache, true);
    await plugin.beforeCacheAccess(changed);
    cache.state = '{"Account":{"k":"w"}}';
    await plugin.afterCacheAccess(changed);
    expect(sets).toBe(2);
  });
});
