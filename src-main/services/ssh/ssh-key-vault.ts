import { randomUUID } from 'node:crypto';
import path from 'node:path';
import ssh2 from 'ssh2';
import { z } from 'zod';
import { SshKeyInfo } from '../../ipc/contract/ssh';
import type { AuditEvent, AuditRecorder } from '../audit';
import { AppError, isAppError } from '../errors';
import { ChunkedBlob, describeKeychainFailure, SecretStoreUnavailableError, type SecretStore } from '../secrets';
import { JsonFile } from '../storage';
import { fingerprintOfBlob } from './host-key';

/** Public facts of an imported key: the shape the contract sends the renderer, stored as it is. */
export type SshKeyMeta = z.output<typeof SshKeyInfo>;
const MetaFile = z.object({ version: z.literal(1), keys: z.array(SshKeyInfo) });
type MetaFile = z.output<typeof MetaFile>;

const Secret = z.object({ privateKey: z.string(), passphrase: z.string().optional() });

/** Material ssh2 needs to authenticate with a stored key; lives only in main-process memory. */
export interface KeyMaterial {
  readonly privateKey: string;
  readonly passphrase?: string;
}

const ACCOUNT_PREFIX = 'ssh-key:';

async function keychain<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof SecretStoreUnavailableError) {
      throw new AppError('sshkeys.keychain_unavailable', `${describeKeychainFailure(error.failure)} SSH keys are kept only in the OS keychain, so the key cannot be used.`, { cause: error });
    }
    throw error;
  }
}

/**
 * SSH private keys in the OS keychain. The key (as the operator gave it, still encrypted when it
 * was) and its passphrase go to the SecretStore; only public facts go to a JSON file in app data.
 */
export class SshKeyVault {
  private readonly meta: JsonFile<MetaFile>;

  /** Creates the vault over a SecretStore and the app data folder; imports and removals are audited here. */
  constructor(
    private readonly secrets: SecretStore,
    appDataDir: string,
    private readonly audit?: AuditRecorder,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.meta = new JsonFile(path.join(appDataDir, 'ssh-keys.json'), MetaFile, () => ({ version: 1 as const, keys: [] }));
  }

  /** Validates a private key (and its passphrase) and stores it; returns its public facts. One audit record either way. */
  async import(name: string, privateKey: string, passphrase?: string): Promise<SshKeyMeta> {
    try {
      const entry = await this.store(name, privateKey, passphrase);
      await this.record({ type: 'sshkey.import', outcome: 'success', target: name, details: { keyId: entry.keyId, keyType: entry.keyType, fingerprint: entry.fingerprint, encrypted: entry.encrypted } });
      return entry;
    } catch (error) {
      await this.record({ type: 'sshkey.import', outcome: 'failure', target: name, details: { error: isAppError(error) ? error.code : 'internal' } });
      throw error;
    }
  }

  private async store(name: string, privateKey: string, passphrase?: string): Promise<SshKeyMeta> {
    const text = privateKey.replace(/\r\n/g, '\n').trim() + '\n';
    const parsed = ssh2.utils.parseKey(text, passphrase);
    if (parsed instanceof Error) {
      if (/passphrase|decrypt|bad decrypt|Encrypted/i.test(parsed.message)) {
        throw new AppError('sshkeys.bad_passphrase', passphrase ? 'The passphrase does not open this private key.' : 'This private key is encrypted; enter its passphrase.');
      }
      throw new AppError('sshkeys.unreadable', 'This is not a private key the console can use (OpenSSH, PEM RSA/ECDSA or PuTTY formats are accepted).');
    }
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (!key?.isPrivateKey()) throw new AppError('sshkeys.not_private', 'This is a public key; import the private key file instead.');
    const entry: SshKeyMeta = {
      keyId: randomUUID(),
      name,
      keyType: key.type,
      fingerprint: fingerprintOfBlob(key.getPublicSSH()),
      comment: key.comment ?? '',
      encrypted: Boolean(passphrase),
      addedAt: this.now().toISOString(),
    };
    const secret = JSON.stringify(passphrase ? { privateKey: text, passphrase } : { privateKey: text });
    await keychain(() => this.blob(entry.keyId).write(secret));
    const file = (await this.meta.read()).value;
    file.keys.push(entry);
    await this.meta.write(file);
    return entry;
  }

  /** Public facts of every stored key. */
  async list(): Promise<SshKeyMeta[]> {
    return (await this.meta.read()).value.keys;
  }

  /** The key material for authentication; throws a clear AppError when it is gone. */
  async material(keyId: string): Promise<KeyMaterial> {
    const read = await keychain(() => this.blob(keyId).read());
    if (read.kind !== 'ok') throw new AppError('sshkeys.missing', 'The chosen SSH key is no longer in the OS keychain (or is damaged there); import it again.');
    const parsed = Secret.safeParse(JSON.parse(read.value));
    if (!parsed.success) throw new AppError('sshkeys.missing', 'The chosen SSH key in the OS keychain is damaged; import it again.');
    return parsed.data;
  }

  /** Removes a key from the keychain and the list (audited with its public facts). */
  async remove(keyId: string): Promise<boolean> {
    const meta = (await this.meta.read()).value.keys.find((k) => k.keyId === keyId);
    try {
      const removed = await this.forget(keyId);
      await this.record({ type: 'sshkey.remove', outcome: removed ? 'success' : 'info', target: meta?.name ?? keyId, details: { keyId, fingerprint: meta?.fingerprint ?? null, removed } });
      return removed;
    } catch (error) {
      await this.record({ type: 'sshkey.remove', outcome: 'failure', target: meta?.name ?? keyId, details: { keyId, error: isAppError(error) ? error.code : 'internal' } });
      throw error;
    }
  }

  private async forget(keyId: string): Promise<boolean> {
    const existed = (await keychain(() => this.blob(keyId).read())).kind !== 'absent';
    await keychain(() => this.blob(keyId).clear());
    const file = (await this.meta.read()).value;
    const before = file.keys.length;
    file.keys = file.keys.filter((k) => k.keyId !== keyId);
    if (file.keys.length !== before) await this.meta.write(file);
    return existed || file.keys.length !== before;
  }

  private async record(event: AuditEvent): Promise<void> {
    await this.audit?.record(event).catch(() => undefined);
  }

  private blob(keyId: string): ChunkedBlob {
    return new ChunkedBlob(this.secrets, ACCOUNT_PREFIX + keyId);
  }
}
