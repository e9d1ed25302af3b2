import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { vscodeRemoteCommand } from '../../ui/az-commands';
import { CopyableCommand } from '../../ui/copyable-command';
import { FileChangeDialog, type FileChangePreviewValue } from '../../ui/file-change-dialog';
import { fileActionError, type FileChoice } from '../../ui/file-choice';
import { safeName } from './connection-target';
import type { JumpBoxLoginValue } from './jump-box-login';
import type { RankedPathValue, TopologyValue } from './types';
import { ActionError, type JitContext } from '../jit';

type JumpBox = TopologyValue['jumpBoxes'][number];

/**
 * Writes a VS Code Remote-SSH host entry for the jump box: direct for VPN/ExpressRoute/public IP,
 * or through a console-held Bastion tunnel to the VM's port 22.
 */
export function VsCodeAction({ path, jump, login, jit }: { path: RankedPathValue; jump: JumpBox | undefined; login: JumpBoxLoginValue; jit?: JitContext }) {
  const { t } = useTranslation();
  const alias = safeName(jump?.name ?? 'jumpbox', 'console');
  const [preview, setPreview] = useState<FileChangePreviewValue>();
  const [error, setError] = useState<{ code: string; message: string }>();

  async function prepare(target: FileChoice) {
    if (!jump) return;
    setError(undefined);
    try {
      if (path.id === 'bastion-jumpbox' && path.bastionId) {
        const tunnelName = safeName(jump.name, 'ssh');
        await call('tunnels.open', { name: tunnelName, via: { kind: 'bastion', bastionId: path.bastionId, targetResourceId: jump.id, port: 22 } });
        setPreview(await call('sshconfig.preview', { hostAlias: alias, tunnelName, username: login.username, target }));
      } else {
        const host = path.id === 'ssh-jumpbox' ? jump.publicIp : jump.privateIp;
        if (!host) return;
        setPreview(await call('sshconfig.preview', { hostAlias: alias, host, port: 22, username: login.username, target }));
      }
    } catch (e) {
      setError(fileActionError(e));
    }
  }
  const ready = Boolean(jump && login.username);
  return (
    <div data-testid="vscode-action">
      <button type="button" onClick={() => void prepare('default')} disabled={!ready}>{t('wizard.vscode.prepare', { alias })}</button>{' '}
      <button type="button" className="secondary" onClick={() => void prepare('pick')} disabled={!ready} data-testid="sshconfig-preview-pick">{t('wizard.vscode.pickFile')}</button>
      {error && <ActionError error={error} jit={jit} />}
      <CopyableCommand command={vscodeRemoteCommand({ hostAlias: alias, username: login.username })} />
      {preview && (
        <FileChangeDialog preview={preview} testId="sshconfig-dialog" onApply={() => call('sshconfig.apply', { previewId: preview.previewId })} onClose={() => setPreview(undefined)} />
      )}
    </div>
  );
}
