import { randomBytes } from 'node:crypto';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { Logger } from '../log';
import { ChunkedBlob } from './chunked-blob';
import type { CrossProcessLock } from './cross-process-lock';
import type { SecretStore } from './secret-store';
import { describeKeychainFailure, SecretStoreUnavailableError } from './secret-store';
import { SerialQueue } from './serial-queue';
import { Emitter, type Event } from '../events';

/** Where the token cache lives right now. */
export type CacheStorageMode = { kind: 'keychain' } | { kind: 'memory'; reason: string };

/** The keychain item that holds the cache manifest. */
export const CACHE_ITEM_NAME = 'msal-cache';

interface Held {
  leave: () => void;
  release?: () => Promise<void>;
}

/**
 * MSAL's token cache persisted in the OS keychain (chunked, versioned, checksummed).
 * Reads reload the stored cache when another process changed it; writes are serialized within the
 * process and run under a cross-process lock taken when MSAL signals write intent. When the keychain
 * is unreachable it fails closed: tokens stay in memory only, nothing is written anywhere else, and
 * listeners hear why.
 */
export class KeychainCachePlugin implements ICachePlugin {
  private readonly blob: ChunkedBlob;
  private readonly writes = new SerialQueue();
  private readonly held = new WeakMap<TokenCacheContext, Held>();
  private readonly changes = new Emitter<[mode: CacheStorageMode]>();
  private generation: string | undefined;
  /** The cache as last read or written (in memory-only mode, the only copy). */
  private latest: string | undefined;
  private current: CacheStorageMode = { kind: 'keychain' };

  /** Creates the plugin over a keychain port and a cross-process lock. */
  constructor(
    private readonly store: SecretStore,
    private readonly lock: CrossProcessLock,
    private readonly log: Logger,
  ) {
    this.blob = new ChunkedBlob(store, CACHE_ITEM_NAME);
  }

  /** Where tokens are kept now. */
  get mode(): CacheStorageMode {
    return this.current;
  }

  /** Subscribes to storage mode changes; returns the unsubscribe function. */
  readonly onDidChangeMode: Event<[mode: CacheStorageMode]> = this.changes.event;

  /** Checks at start-up that the keychain answers (a write, read and delete of a probe item). */
  async probe(): Promise<CacheStorageMode> {
    if (this.current.kind === 'memory') return this.current;
    try {
      const probe = `${CACHE_ITEM_NAME}-probe-${process.pid}-${randomBytes(4).toString('hex')}`;
      await this.store.set(probe, 'ok');
      const back = await this.store.get(probe);
      await this.store.delete(probe);
      if (back !== 'ok') throw new SecretStoreUnavailableError('unknown', 'the keychain returned a different value than was stored');
      await this.blob.sweepOrphans();
    } catch (error) {
      this.failClosed(error);
    }
    return this.current;
  }

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    if (context.cacheHasChanged) {
      const held: Held = { leave: await this.writes.enter() };
      this.held.set(context, held);
      if (this.current.kind === 'keychain') held.release = await this.lock.acquire();
    }
    if (this.current.kind === 'keychain') {
      try {
        const read = await this.blob.read(this.generation);
        if (read.kind === 'ok') {
          this.latest = read.value;
          this.generation = read.generation;
        } else if (read.kind === 'absent') {
          this.latest = undefined;
          this.generation = undefined;
        } else if (read.kind === 'corrupt') {
          this.log.warn('stored token cache discarded', { reason: read.reason });
          this.latest = undefined;
          this.generation = undefined;
        }
      } catch (error) {
        this.failClosed(error);
      }
    }
    // MSAL replaces its in-memory cache with the last deserialized snapshot before every lookup,
    // so the current state is handed over on every access, also when only memory holds it.
    context.tokenCache.deserialize(this.latest ?? '{}');
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    const held = this.held.get(context);
    this.held.delete(context);
    try {
      if (context.cacheHasChanged) {
        const next = context.tokenCache.serialize();
        // MSAL signals write intent on every token response; an identical cache costs no keychain write.
        const unchanged = next === this.latest && this.generation !== undefined;
        this.latest = next;
        if (this.current.kind === 'keychain' && !unchanged) {
          try {
            this.generation = await this.blob.write(this.latest);
          } catch (error) {
            this.failClosed(error);
          }
        }
      }
    } finally {
      await held?.release?.();
      held?.leave();
    }
  }

  /** Deletes the stored cache and every chunk (sign-out of the last account). */
  async clear(): Promise<void> {
    const leave = await this.writes.enter();
    try {
      this.latest = undefined;
      if (this.current.kind === 'memory') return;
      const release = await this.lock.acquire();
      try {
        await this.blob.clear();
        this.generation = undefined;
        this.latest = undefined;
      } finally {
        await release();
      }
    } catch (error) {
      this.failClosed(error);
    } finally {
      leave();
    }
  }

  private failClosed(error: unknown): void {
    if (!(error instanceof SecretStoreUnavailableError)) throw error;
    if (this.current.kind === 'memory') return;
    this.current = { kind: 'memory', reason: describeKeychainFailure(error.failure) };
    this.generation = undefined;
    this.log.warn('keychain unavailable; tokens are kept in memory only', { failure: error.failure, detail: error.message });
    this.changes.fire(this.current);
  }
}
