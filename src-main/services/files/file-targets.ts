import { access } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors';
import type { FileDialogs, FileKind } from './file-dialogs';
import { defaultKubeconfigPath, kubectlHomeDir } from './kubeconfig-location';
import { assertLocalPath } from './safe-path';

/** `default`: the kind's fixed well-known file; `pick`: main's native dialog. */
export type FileTargetChoice = 'default' | 'pick';

const PRIVATE_KEY_DEFAULTS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/**
 * Turns the renderer's choice (never a path) into the file main reads or writes: a fixed
 * allow-listed default, or what the operator picked in a native dialog. Every answer is checked to
 * be a plain local absolute path, so a UNC or device path is refused even from a dialog.
 */
export class FileTargets {
  /** Creates the resolver; without dialogs, `pick` is refused with a clear error. */
  private readonly homeDir: string;
  private readonly kubeHomeDir: string;

  /**
   * Creates the resolver. Without an explicit home, kubeconfig goes where kubectl reads it (client-go's
   * Windows home rule, `kubectlHomeDir`), which may differ from Node's home folder.
   */
  constructor(
    private readonly dialogs: FileDialogs | null,
    homeDir?: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.homeDir = homeDir ?? os.homedir();
    this.kubeHomeDir = homeDir ?? kubectlHomeDir(env);
  }

  /** The fixed file of a kind (first KUBECONFIG entry or ~/.kube/config, ~/.ssh/config, ~/.ssh/known_hosts). */
  defaultPath(kind: Exclude<FileKind, 'private-key'>): string {
    if (kind === 'ssh-config') return path.join(this.homeDir, '.ssh', 'config');
    if (kind === 'known-hosts') return path.join(this.homeDir, '.ssh', 'known_hosts');
    return defaultKubeconfigPath(this.kubeHomeDir, this.env);
  }

  /** The file to write. */
  async forWriting(kind: Exclude<FileKind, 'private-key'>, choice: FileTargetChoice = 'default'): Promise<string> {
    if (choice === 'default') return assertLocalPath(this.defaultPath(kind));
    return assertLocalPath(this.picked(await this.requireDialogs().pickSave(kind, this.defaultPath(kind))));
  }

  /** The file to read. */
  async forReading(kind: FileKind, choice: FileTargetChoice = 'default'): Promise<string> {
    if (choice === 'pick') return assertLocalPath(this.picked(await this.requireDialogs().pickOpen(kind)));
    if (kind !== 'private-key') return assertLocalPath(this.defaultPath(kind));
    for (const name of PRIVATE_KEY_DEFAULTS) {
      const candidate = path.join(this.homeDir, '.ssh', name);
      if (await access(candidate).then(() => true, () => false)) return assertLocalPath(candidate);
    }
    throw new AppError('files.no_default', `There is no ${PRIVATE_KEY_DEFAULTS.map((n) => `~/.ssh/${n}`).join(', ')}; choose the key file instead.`);
  }

  private requireDialogs(): FileDialogs {
    if (!this.dialogs) throw new AppError('files.no_dialog', 'Choosing a file is not available in this build; use the default file.');
    return this.dialogs;
  }

  private picked(answer: string | null): string {
    if (answer === null) throw new AppError('files.cancelled', 'No file was chosen; nothing was changed.');
    return answer;
  }
}
