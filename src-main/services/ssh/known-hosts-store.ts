import path from 'node:path';
import { z } from 'zod';
import { JsonFile } from '../storage';
import { fingerprintOfBlob } from './host-key';
import { hostMatches, parseKnownHosts } from './known-hosts-file';

const StoredKey = z.object({
  hosts: z.array(z.string().min(1)).min(1),
  keyType: z.string().min(1),
  key: z.string().min(1),
  source: z.enum(['operator', 'azure', 'known_hosts', 'server-rotation']),
  addedAt: z.string(),
  revoked: z.boolean().default(false),
});
type StoredKey = z.output<typeof StoredKey>;

const StoreFile = z.object({ version: z.literal(1), keys: z.array(StoredKey) });
type StoreFile = z.output<typeof StoreFile>;

/** Where a trusted key came from. */
export type HostKeySource = StoredKey['source'];

/** The store's verdict on a presented host key. */
export type HostKeyVerdict =
  | { readonly kind: 'trusted'; readonly fingerprint: string }
  | { readonly kind: 'unknown'; readonly fingerprint: string }
  | { readonly kind: 'changed'; readonly fingerprint: string; readonly expected: string[]; /** Expected keys were accepted for one connection only (never saved). */ readonly onceOnly?: boolean }
  | { readonly kind: 'revoked'; readonly fingerprint: string };

/** A stored key, public facts only. */
export interface HostKeyRecord {
  readonly hostId: string;
  readonly keyType: string;
  readonly fingerprint: string;
  readonly source: HostKeySource;
  readonly addedAt: string;
}

/**
 * The console's own known-hosts store, kept in app data (never ~/.ssh, which the operator owns).
 * Plain and hashed OpenSSH entries can be imported; keys read from Azure and keys the operator
 * accepted are added. A host with stored keys that presents another key is "changed", never "unknown".
 */
export class KnownHostsStore {
  private readonly file: JsonFile<StoreFile>;
  private cache: StoreFile | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Keys accepted for one connection only, for this run of the console (never written anywhere). */
  private readonly acceptedOnce: StoredKey[] = [];

  /** Creates the store in `appDataDir/known-hosts.json`. */
  constructor(appDataDir: string, private readonly now: () => Date = () => new Date()) {
    this.file = new JsonFile(path.join(appDataDir, 'known-hosts.json'), StoreFile, () => ({ version: 1 as const, keys: [] }));
  }

  private async load(): Promise<StoreFile> {
    this.cache ??= (await this.file.read()).value;
    return this.cache;
  }

  private save(): Promise<void> {
    const snapshot = structuredClone(this.cache ?? { version: 1 as const, keys: [] });
    this.writing = this.writing.then(() => this.file.write(snapshot));
    return this.writing;
  }

  private static matching(keys: StoredKey[], hostIds: readonly string[]): StoredKey[] {
    return keys.filter((k) => hostIds.some((id) => hostMatches(k.hosts, id)));
  }

  /** Judges a presented key for a server known under `hostIds`. */
  async check(hostIds: readonly string[], keyType: string, blob: Buffer): Promise<HostKeyVerdict> {
    const fingerprint = fingerprintOfBlob(blob);
    const key = blob.toString('base64');
    const relevant = KnownHostsStore.matching((await this.load()).keys, hostIds);
    if (relevant.some((k) => k.revoked && k.key === key)) return { kind: 'revoked', fingerprint };
    const trusted = relevant.filter((k) => !k.revoked);
    if (trusted.some((k) => k.key === key && k.keyType === keyType)) return { kind: 'trusted', fingerprint };
    if (trusted.length === 0) {
      // Accepted once before: the same key is asked about again, another key is a change, not first contact.
      const once = KnownHostsStore.matching(this.acceptedOnce, hostIds);
      if (once.length === 0 || once.some((k) => k.key === key)) return { kind: 'unknown', fingerprint };
      return { kind: 'changed', fingerprint, expected: KnownHostsStore.described(once), onceOnly: true };
    }
    return { kind: 'changed', fingerprint, expected: KnownHostsStore.described(trusted) };
  }

  /** Remembers, for this run only, a key the operator accepted for one connection (see `check`). */
  rememberAcceptedOnce(hostId: string, keyType: string, blob: Buffer): void {
    const key = blob.toString('base64');
    if (this.acceptedOnce.some((k) => k.key === key && k.hosts[0] === hostId)) return;
    this.acceptedOnce.push({ hosts: [hostId], keyType, key, source: 'operator', addedAt: this.now().toISOString(), revoked: false });
  }

  private static described(keys: readonly StoredKey[]): string[] {
    return [...new Set(keys.map((k) => `${k.keyType} ${fingerprintOfBlob(Buffer.from(k.key, 'base64'))}`))];
  }

  /** Key types trusted for a server, so the handshake can prefer them. */
  async knownKeyTypes(hostIds: readonly string[]): Promise<string[]> {
    const relevant = KnownHostsStore.matching((await this.load()).keys, hostIds).filter((k) => !k.revoked);
    return [...new Set(relevant.map((k) => k.keyType))];
  }

  /** Trusts a key for one host id (idempotent). */
  async add(hostId: string, keyType: string, blob: Buffer, source: HostKeySource): Promise<HostKeyRecord> {
    const data = await this.load();
    const key = blob.toString('base64');
    let entry = data.keys.find((k) => !k.revoked && k.key === key && k.hosts.length === 1 && k.hosts[0] === hostId);
    if (!entry) {
      entry = { hosts: [hostId], keyType, key, source, addedAt: this.now().toISOString(), revoked: false };
      data.keys.push(entry);
      await this.save();
    }
    return KnownHostsStore.record(entry);
  }

  /** Every stored key (revoked ones excluded). */
  async list(): Promise<HostKeyRecord[]> {
    return (await this.load()).keys.filter((k) => !k.revoked).map(KnownHostsStore.record);
  }

  /** Forgets a key for a host id, as `ssh-keygen -R` would; true when something was removed. */
  async remove(hostId: string, fingerprint: string): Promise<boolean> {
    const data = await this.load();
    const before = data.keys.length;
    data.keys = data.keys.filter((k) => k.revoked || k.hosts.join(',') !== hostId || fingerprintOfBlob(Buffer.from(k.key, 'base64')) !== fingerprint);
    // Forgetting a host's key also forgets what was accepted once for it, so a confirmed new key can be accepted.
    const onceBefore = this.acceptedOnce.length;
    this.acceptedOnce.splice(0, this.acceptedOnce.length, ...this.acceptedOnce.filter((k) => k.hosts[0] !== hostId));
    if (data.keys.length === before) return this.acceptedOnce.length !== onceBefore;
    await this.save();
    return true;
  }

  /**
   * Forgets the keys of `sources` stored for exactly `hostId` (not patterns, not revocations) that are
   * not among `announced`: the server no longer holds them. Returns what was removed.
   */
  async retireUnannounced(hostId: string, announced: readonly Buffer[], sources: readonly HostKeySource[]): Promise<HostKeyRecord[]> {
    const data = await this.load();
    const keep = new Set(announced.map((b) => b.toString('base64')));
    const stale = data.keys.filter((k) => !k.revoked && k.hosts.length === 1 && k.hosts[0] === hostId && sources.includes(k.source) && !keep.has(k.key));
    if (stale.length === 0) return [];
    data.keys = data.keys.filter((k) => !stale.includes(k));
    await this.save();
    return stale.map(KnownHostsStore.record);
  }

  /** Imports an OpenSSH known_hosts text (plain, hashed and @revoked lines); returns counts. */
  async importKnownHosts(text: string): Promise<{ imported: number; skipped: number }> {
    const { lines, skipped } = parseKnownHosts(text);
    const data = await this.load();
    let imported = 0;
    for (const line of lines) {
      const key = line.blob.toString('base64');
      const hosts = line.hosts.join(',');
      if (data.keys.some((k) => k.key === key && k.hosts.join(',') === hosts && k.revoked === line.revoked)) continue;
      data.keys.push({ hosts: line.hosts, keyType: line.keyType, key, source: 'known_hosts', addedAt: this.now().toISOString(), revoked: line.revoked });
      imported += 1;
    }
    if (imported > 0) await this.save();
    return { imported, skipped };
  }

  /** Public key lines (`alias type base64`) trusted for a host, for an exported known_hosts file. */
  async publicKeyLines(hostIds: readonly string[], alias: string): Promise<string[]> {
    const relevant = KnownHostsStore.matching((await this.load()).keys, hostIds).filter((k) => !k.revoked);
    return [...new Set(relevant.map((k) => `${alias} ${k.keyType} ${k.key}`))];
  }

  private static record(k: StoredKey): HostKeyRecord {
    return { hostId: k.hosts.join(','), keyType: k.keyType, fingerprint: fingerprintOfBlob(Buffer.from(k.key, 'base64')), source: k.source, addedAt: k.addedAt };
  }
}
