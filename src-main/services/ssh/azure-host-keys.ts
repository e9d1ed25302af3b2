import type { AuditRecorder } from '../audit';
import { AppError, isAppError } from '../errors';
import { parsePublicKeyLine } from './host-key';
import { azureHostId, openSshHostToken } from './host-id';
import type { HostKeyRecord, KnownHostsStore } from './known-hosts-store';
import type { VmHostKeys } from './ports';
import type { SshTargetValue } from './ssh-connector';

type Addresses = ReadonlyArray<{ host: string; port: number }>;

/**
 * Pre-seeds a jump box's host keys from Azure: its /etc/ssh/ssh_host_*_key.pub files read through
 * VM Run Command (authenticated by ARM, not by the network path), so even the first SSH contact is
 * verified without asking the operator to compare fingerprints. What Run Command reported is kept
 * per VM, so opening the same VM again runs no second Run Command.
 */
export class AzureHostKeySeeder {
  /** Host-key lines per VM (lower-cased id), as the last Run Command reported them; a failed read is not kept. */
  private readonly linesByVm = new Map<string, Promise<string[]>>();
  /** Host ids already trusted from Azure per VM, so a repeated open writes and audits nothing. */
  private readonly seededIds = new Map<string, Set<string>>();

  /** Creates the seeder over the Azure port, the known-hosts store and the audit log (every trust change is recorded). */
  constructor(
    private readonly azure: VmHostKeys,
    private readonly store: KnownHostsStore,
    private readonly audit?: AuditRecorder,
  ) {}

  /** Reads the VM's host keys from Azure (a fresh Run Command) and trusts them for the VM and the given addresses; returns what was stored. */
  seed(vmResourceId: string, addresses: Addresses, signal?: AbortSignal): Promise<HostKeyRecord[]> {
    return this.seedWith(vmResourceId, addresses, false, signal);
  }

  /**
   * Before an SSH open: trusts the target VM's host keys for the VM and a direct route's address,
   * reading them from Azure once per VM. Best effort: when Azure cannot tell (the failure is audited),
   * the host-key question asks the operator instead, so this never fails the open.
   */
  async seedForOpen(target: SshTargetValue, signal?: AbortSignal): Promise<void> {
    const vmResourceId = target.vmResourceId;
    if (!vmResourceId) return;
    const addresses = target.route.kind === 'direct' ? [{ host: target.route.host, port: target.route.port }] : [];
    const seeded = this.seededIds.get(vmResourceId.toLowerCase());
    if (seeded && hostIdsOf(vmResourceId, addresses).every((id) => seeded.has(id))) return;
    await this.seedWith(vmResourceId, addresses, true, signal).catch(() => undefined);
  }

  private async seedWith(vmResourceId: string, addresses: Addresses, reuse: boolean, signal?: AbortSignal): Promise<HostKeyRecord[]> {
    try {
      const stored = await this.readAndStore(vmResourceId, addresses, reuse, signal);
      const fingerprints = [...new Set(stored.map((r) => r.fingerprint))];
      await this.audit?.record({ type: 'hostkey.seed', outcome: 'success', target: vmResourceId, details: { fingerprints, addresses: addresses.map((a) => `${a.host}:${a.port}`) } });
      return stored;
    } catch (error) {
      await this.audit?.record({ type: 'hostkey.seed', outcome: 'failure', target: vmResourceId, details: { error: isAppError(error) ? error.code : 'internal' } });
      throw error;
    }
  }

  private async readAndStore(vmResourceId: string, addresses: Addresses, reuse: boolean, signal?: AbortSignal): Promise<HostKeyRecord[]> {
    let lines: string[];
    try {
      lines = await this.hostKeyLines(vmResourceId, reuse, signal);
    } catch (error) {
      if (isAppError(error)) throw error;
      throw new AppError('hostkeys.azure_read_failed', 'The host keys could not be read from Azure (VM Run Command failed).', { cause: error });
    }
    const keys = lines.map(parsePublicKeyLine).filter((k) => k !== undefined);
    if (keys.length === 0) throw new AppError('hostkeys.azure_none', 'Azure returned no SSH host keys for this VM; is sshd installed there?');
    const ids = hostIdsOf(vmResourceId, addresses);
    const stored: HostKeyRecord[] = [];
    for (const id of ids) for (const key of keys) stored.push(await this.store.add(id, key.keyType, key.blob, 'azure'));
    const seeded = this.seededIds.get(vmResourceId.toLowerCase()) ?? new Set<string>();
    for (const id of ids) seeded.add(id);
    this.seededIds.set(vmResourceId.toLowerCase(), seeded);
    return stored;
  }

  /** The VM's host-key lines: kept ones when `reuse` and there are some, else a Run Command (whose answer is kept). */
  private hostKeyLines(vmResourceId: string, reuse: boolean, signal?: AbortSignal): Promise<string[]> {
    const key = vmResourceId.toLowerCase();
    const kept = this.linesByVm.get(key);
    if (reuse && kept) return kept;
    const read = this.azure.readVmHostKeys(vmResourceId, signal);
    this.linesByVm.set(key, read);
    read.catch(() => {
      if (this.linesByVm.get(key) === read) this.linesByVm.delete(key);
    });
    return read;
  }
}

/** The known-hosts ids a VM's keys are trusted under: the VM itself (port 22) and each address. */
function hostIdsOf(vmResourceId: string, addresses: Addresses): string[] {
  return [azureHostId(vmResourceId, 22), ...addresses.map((a) => openSshHostToken(a.host, a.port))];
}
