import { createHash, randomBytes } from 'node:crypto';
import type { SecretStore } from './secret-store';

/** Largest keychain item Windows Credential Manager accepts (CRED_MAX_CREDENTIAL_BLOB_SIZE). */
export const KEYCHAIN_ITEM_LIMIT_BYTES = 2560;

/** Characters of base64 per chunk item: ASCII, so also bytes, well under the limit. */
export const CHUNK_CHARS = 2400;

/** Format version of the manifest; a different version is treated as absent. */
export const CHUNK_FORMAT_VERSION = 1;

interface Manifest {
  v: number;
  gen: string;
  chunks: number;
  bytes: number;
  sha256: string;
}

/** The outcome of reading a chunked blob. */
export type BlobRead =
  | { kind: 'absent' }
  | { kind: 'unchanged'; generation: string }
  | { kind: 'ok'; value: string; generation: string }
  | { kind: 'corrupt'; reason: string };

/**
 * One large value kept as several keychain items: `<name>` holds a manifest (format version,
 * generation, chunk count, length, SHA-256), `<name>.<generation>.<i>` hold base64 chunks.
 * A write stores the new chunks first and the manifest last, then deletes chunks of older
 * generations, so a crash leaves either the old or the new value readable, never a mix.
 */
export class ChunkedBlob {
  /** Creates the blob named `name` inside `store`. */
  constructor(
    private readonly store: SecretStore,
    private readonly name: string,
  ) {}

  /**
   * Reads and verifies the value. When `knownGeneration` matches the stored manifest, the chunks
   * are not read again (one keychain round trip instead of several).
   */
  async read(knownGeneration?: string): Promise<BlobRead> {
    const manifestText = await this.store.get(this.name);
    if (manifestText === null) return { kind: 'absent' };
    const manifest = parseManifest(manifestText);
    if (typeof manifest === 'string') return { kind: 'corrupt', reason: manifest };
    if (knownGeneration !== undefined && manifest.gen === knownGeneration) return { kind: 'unchanged', generation: manifest.gen };
    const parts: string[] = [];
    for (let i = 0; i < manifest.chunks; i += 1) {
      const part = await this.store.get(this.chunkName(manifest.gen, i));
      if (part === null) return { kind: 'corrupt', reason: `chunk ${i + 1} of ${manifest.chunks} is missing` };
      parts.push(part);
    }
    const bytes = Buffer.from(parts.join(''), 'base64');
    if (bytes.length !== manifest.bytes) return { kind: 'corrupt', reason: `length ${bytes.length} does not match the recorded ${manifest.bytes}` };
    if (sha256(bytes) !== manifest.sha256) return { kind: 'corrupt', reason: 'integrity check failed (SHA-256 mismatch)' };
    return { kind: 'ok', value: bytes.toString('utf8'), generation: manifest.gen };
  }

  /** Writes `value` as a new generation and removes every stale chunk; returns the generation. */
  async write(value: string): Promise<string> {
    const bytes = Buffer.from(value, 'utf8');
    const encoded = bytes.toString('base64');
    const gen = randomBytes(6).toString('hex');
    const chunks = Math.max(1, Math.ceil(encoded.length / CHUNK_CHARS));
    for (let i = 0; i < chunks; i += 1) {
      await this.store.set(this.chunkName(gen, i), encoded.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS));
    }
    const manifest: Manifest = { v: CHUNK_FORMAT_VERSION, gen, chunks, bytes: bytes.length, sha256: sha256(bytes) };
    await this.store.set(this.name, JSON.stringify(manifest));
    await this.deleteChunks((itemGen) => itemGen !== gen);
    return gen;
  }

  /** Deletes chunks no manifest points to (left by a write the keychain failed half-way through). */
  async sweepOrphans(): Promise<void> {
    const manifestText = await this.store.get(this.name);
    const manifest = manifestText === null ? 'absent' : parseManifest(manifestText);
    const keep = typeof manifest === 'string' ? undefined : manifest.gen;
    await this.deleteChunks((generation) => generation !== keep);
  }

  /** Removes the manifest and every chunk of every generation. */
  async clear(): Promise<void> {
    await this.store.delete(this.name);
    await this.deleteChunks(() => true);
  }

  private async deleteChunks(shouldDelete: (generation: string) => boolean): Promise<void> {
    const prefix = `${this.name}.`;
    for (const account of await this.store.list()) {
      if (!account.startsWith(prefix)) continue;
      const generation = account.slice(prefix.length).split('.')[0] ?? '';
      if (shouldDelete(generation)) await this.store.delete(account);
    }
  }

  private chunkName(generation: string, index: number): string {
    return `${this.name}.${generation}.${index}`;
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function parseManifest(text: string): Manifest | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'the manifest is not JSON';
  }
  const m = value as Partial<Manifest> | null;
  if (!m || typeof m !== 'object') return 'the manifest is not an object';
  if (m.v !== CHUNK_FORMAT_VERSION) return `format version ${String(m.v)} is not ${CHUNK_FORMAT_VERSION}`;
  if (typeof m.gen !== 'string' || !/^[0-9a-f]{1,32}$/.test(m.gen)) return 'the manifest generation is invalid';
  if (!Number.isInteger(m.chunks) || (m.chunks as number) < 1 || (m.chunks as number) > 1000) return 'the manifest chunk count is invalid';
  if (!Number.isInteger(m.bytes) || (m.bytes as number) < 0) return 'the manifest length is invalid';
  if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256)) return 'the manifest checksum is invalid';
  return m as Manifest;
}
