import type { AuditRecorder } from '../audit';
import { AppError, isAppError } from '../errors';
import { parsePublicKeyLine } from './host-key';
import { azureHostId, openSshHostToken } from './host-id';
import type { HostKeyRecord, KnownHostsStore } from './known-hosts-store';
import type { VmHostKeys } from './ports';

/**
 * Pre-seeds a jump box's host keys from Azure: its /etc/ssh/ssh_host_*_key.pub files read through
 * VM Run Command (authenticated by ARM, not by the network path), so even the first SSH contact is
 * verified without asking the operator to compare fingerprints.
 */
export class AzureHostKeySeeder {
  /** Creates the seeder over the Azure port, the known-hosts store and the audit log (every trust change is recorded). */
  constructor(
    private readonly azure: VmHostKeys,
    private readonly store: KnownHostsStore,
    private readonly audit?: AuditRecorder,
  ) {}

  /** Reads the VM's host keys and trusts them for the VM and the given addresses; returns what was stored. */
  async seed(vmResourceId: string, addresses: ReadonlyArray<{ host: string; port: number }>, signal?: AbortSignal): Promise<HostKeyRecord[]> {
    try {
      const stored = await this.readAndStore(vmResourceId, addresses, signal);
      const fingerprints = [...new Set(stored.map((r) => r.fingerprint))];
      await this.audit?.record({ type: 'hostkey.seed', outcome: 'success', target: vmResourceId, details: { fingerprints, addresses: addresses.map((a) => `${a.host}:${a.port}`) } });
      return stored;
    } catch (error) {
      await this.audit?.record({ type: 'hostkey.seed', outcome: 'failure', target: vmResourceId, details: { error: isAppError(error) ? error.code : 'internal' } });
      throw error;
    }
  }

  private async readAndStore(vmResourceId: string, addresses: ReadonlyArray<{ host: string; port: number }>, signal?: AbortSignal): Promise<HostKeyRecord[]> {
    let lines: string[];
    try {
      lines = await this.azure.readVmHostKeys(vmResourceId, signal);
    } catch (error) {
      if (isAppError(error)) throw error;
      throw new AppError('hostkeys.azure_read_failed', 'The host keys could not be read from Azure (VM Run Command failed).', { cause: error });
    }
    const keys = lines.map(parsePublicKeyLine).filter((k) => k !== undefined);
    if (keys.length === 0) throw new AppError('hostkeys.azure_none', 'Azure returned no SSH host keys for this VM; is sshd installed there?');
    const ids = [azureHostId(vmResourceId, 22), ...addresses.map((a) => openSshHostToken(a.host, a.port))];
    const stored: HostKeyRecord[] = [];
    for (const id of ids) for (const key of keys) stored.push(await this.store.add(id, key.keyType, key.blob, 'azure'));
    return stored;
  }
}
