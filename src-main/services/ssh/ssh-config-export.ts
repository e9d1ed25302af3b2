import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { AuditRecorder } from '../audit';
import path from 'node:path';
import SSHConfig from 'ssh-config';
import { AppError } from '../errors';
import { applyAudited, type FileChangePlanner, type FileChangePreviewValue, type FileTargetChoice, type FileTargets, assertSafeValue } from '../files';
import type { KnownHostsStore } from './known-hosts-store';
import { renderHostBlock, type SshConfigDirective } from './ssh-config-entry';

/** A known_hosts line the console writes: exactly `host type base64`, nothing that could start another line. */
function knownHostsLine(line: string): string {
  assertSafeValue('known_hosts line', line);
  if (!/^\S+ \S+ [A-Za-z0-9+/]+={0,3}$/.test(line)) throw new AppError('files.unsafe_value', 'A known_hosts line is not "host type key"; nothing was written.');
  return line;
}

/** Where the exported entry points: a console tunnel (Bastion) or the jump box directly. */
export interface SshConfigEndpoint {
  readonly hostName: string;
  readonly port: number;
  /** Host ids whose trusted keys vouch for the server behind this endpoint. */
  readonly hostIds: readonly string[];
}

/** What the operator asked for. */
export interface SshConfigRequest {
  readonly hostAlias: string;
  readonly endpoint: SshConfigEndpoint;
  readonly username: string;
  readonly identityFile?: string;
  /** ~/.ssh/config (absent too), or a file the operator picks in main's dialog; never a path from the renderer. */
  readonly target?: FileTargetChoice;
}

/**
 * Exports a jump box as an ssh_config `Host` entry for VS Code Remote-SSH (written with the
 * ssh-config library, other entries untouched; the new entry is rendered here with every path quoted). OpenSSH checks the host key against a known_hosts
 * file the console writes from its own verified keys (HostKeyAlias + StrictHostKeyChecking yes),
 * so the exported path is as strict as the console's own.
 */
export class SshConfigExporter {
  /** Creates the exporter; the exported known_hosts file lives in app data. */
  constructor(
    private readonly knownHosts: KnownHostsStore,
    private readonly files: FileChangePlanner,
    private readonly appDataDir: string,
    private readonly targets: FileTargets,
    private readonly audit?: AuditRecorder,
  ) {}

  /** Path of the known_hosts file referenced by exported entries. */
  get knownHostsPath(): string {
    return path.join(this.appDataDir, 'vscode_known_hosts');
  }

  /** Prepares the change and returns its diff. */
  async preview(request: SshConfigRequest): Promise<FileChangePreviewValue> {
    const lines = await this.knownHosts.publicKeyLines(request.endpoint.hostIds, request.hostAlias);
    if (lines.length === 0) {
      throw new AppError('sshconfig.host_key_unknown', 'The console has no verified host key for this jump box yet; connect to it once from the console, then export.');
    }
    const directives: SshConfigDirective[] = [
      ['Host', request.hostAlias],
      ['HostName', request.endpoint.hostName],
      ['Port', String(request.endpoint.port)],
      ['User', request.username],
      ['HostKeyAlias', request.hostAlias],
      ['UserKnownHostsFile', this.knownHostsPath, 'path'],
      ['StrictHostKeyChecking', 'yes'],
      ['ServerAliveInterval', '15'],
    ];
    if (request.identityFile) directives.push(['IdentityFile', request.identityFile, 'path'], ['IdentitiesOnly', 'yes']);
    const block = renderHostBlock(directives);
    lines.forEach((line) => knownHostsLine(line));
    const plan = (current: string | undefined): string => {
      let config: SSHConfig;
      try {
        config = SSHConfig.parse(current ?? '');
      } catch {
        throw new AppError('sshconfig.unreadable', 'The chosen ssh_config file cannot be parsed; nothing was changed.');
      }
      const hasSections = config.some((line) => line.type === SSHConfig.DIRECTIVE && /^(host|match)$/i.test(line.param));
      if (current !== undefined && current.trim() !== '' && !hasSections) {
        throw new AppError('sshconfig.not_ssh_config', 'The chosen file has no Host or Match section, so it does not look like an ssh_config file; nothing was changed.');
      }
      config.remove({ Host: request.hostAlias });
      const rest = SSHConfig.stringify(config).replace(/\s+$/, '');
      return rest === '' ? block : `${rest}\n\n${block}`;
    };
    const target = await this.targets.forWriting('ssh-config', request.target);
    return this.files.preview(target, plan, (t) => t, () => this.writeKnownHosts(request.hostAlias, lines));
  }

  /** Writes a previewed change and the known_hosts lines it relies on. */
  async apply(previewId: string): Promise<{ path: string; backupPath?: string }> {
    return applyAudited(this.files, previewId, this.audit, 'sshconfig.write');
  }

  private async writeKnownHosts(alias: string, lines: readonly string[]): Promise<void> {
    let current = '';
    try {
      current = await readFile(this.knownHostsPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const kept = current.split('\n').filter((line) => line.trim() !== '' && line.split(' ')[0] !== alias);
    lines.forEach((line) => knownHostsLine(line));
    await mkdir(this.appDataDir, { recursive: true, mode: 0o700 });
    const temp = `${this.knownHostsPath}.${process.pid}.tmp`;
    await writeFile(temp, [...kept, ...lines].join('\n') + '\n', { mode: 0o600 });
    await rename(temp, this.knownHostsPath);
  }
}
