import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call, subscribe } from '../../ipc/bridge';
import type { ClusterSummaryValue } from '../../shell/console-state';
import { focusSoon } from '../../ui/a11y';
import { bastionTunnelCommand, kubeconfigCommands, sshForwardCommand } from '../../ui/az-commands';
import { CopyableCommand } from '../../ui/copyable-command';
import { ProblemText } from '../../ui/problem-text';
import { FileChangeDialog, type FileChangePreviewValue } from '../../ui/file-change-dialog';
import { CredentialNote, type ContextCredentialValue } from './credential-note';
import { KubectlTerminalAction } from '../terminals';
import { ApiHopPanel } from '../api-hop';
import { describeError } from '../../ui/use-async';
import { fileActionError, type FileChoice } from '../../ui/file-choice';
import { ActionError, type JitContext } from '../jit';
import { apiServerTunnel, jumpBoxOf, jumpBoxRoute, safeName } from './connection-target';
import type { JumpBoxLoginValue } from './jump-box-login';
import type { RankedPathValue, TopologyValue } from './types';
import { BastionAccessOffer, BASTION_FORBIDDEN, MyAccessPanel } from '../pim';

type TunnelInfo = InvokeResponse<'tunnels.open'>;

/** Opens (and shows the health of) the named tunnel to the cluster's API server. */
export function TunnelAction({
  cluster,
  path,
  topology,
  login,
  onReady,
  jit,
}: {
  cluster: ClusterSummaryValue;
  path: RankedPathValue;
  topology: TopologyValue | undefined;
  login: JumpBoxLoginValue;
  onReady: (name: string) => void;
  /** The jump box's JIT facts, so a refusal by the JIT-before-SSH policy can offer the request. */
  jit?: JitContext;
}) {
  const { t } = useTranslation();
  const name = safeName(cluster.name, 'api');
  const [tunnel, setTunnel] = useState<TunnelInfo>();
  const [error, setError] = useState<{ code: string; message: string }>();
  const via = apiServerTunnel(cluster, path, topology, login.auth ? { username: login.username, auth: login.auth } : undefined);

  useEffect(() => subscribe('tunnels.state', (info) => info.name === name && setTunnel(info)), [name]);
  useEffect(() => {
    if (tunnel?.state === 'ready') onReady(name);
  }, [tunnel?.state, name, onReady]);

  async function open() {
    if (!via) return;
    setError(undefined);
    try {
      setTunnel(await call('tunnels.open', { name, via }));
      // The open button is disabled while the tunnel runs: focus goes to the tunnel's state line.
      focusSoon('[data-testid="tunnel-state"]');
    } catch (e) {
      setError(describeError(e));
    }
  }

  const route = jumpBoxRoute(path, topology);
  // The Bastion this tunnel goes through and the resource behind it: Bastion needs Reader on both.
  const bastionUse =
    path.id === 'bastion-apiserver' && path.bastionId
      ? { bastionId: path.bastionId, targetId: cluster.id }
      : route?.kind === 'bastion'
        ? { bastionId: route.bastionId, targetId: route.targetResourceId }
        : undefined;
  const port = tunnel?.localPort ?? 8443;
  const fqdn = cluster.privateFqdn ?? cluster.fqdn ?? '<private-fqdn>';
  const equivalent =
    path.id === 'bastion-apiserver' && path.bastionId
      ? bastionTunnelCommand({ bastionId: path.bastionId, targetResourceId: cluster.id, resourcePort: 443, localPort: port })
      : route?.kind === 'bastion'
        ? [bastionTunnelCommand({ bastionId: route.bastionId, targetResourceId: route.targetResourceId, resourcePort: 22, localPort: 2222 }), sshForwardCommand({ host: '127.0.0.1', port: 2222, username: login.username, localPort: port, privateFqdn: fqdn })]
        : sshForwardCommand({ host: route?.kind === 'direct' ? route.host : (jumpBoxOf(path, topology)?.privateIp ?? '<jump-box>'), port: 22, username: login.username, localPort: port, privateFqdn: fqdn });

  return (
    <div data-testid="tunnel-action">
      {!via && <p className="muted">{t('wizard.tunnel.needsLogin')}</p>}
      <button type="button" onClick={() => void open()} disabled={!via || tunnel?.state === 'ready' || tunnel?.state === 'starting'} data-testid="open-tunnel">
        {t('wizard.tunnel.open', { name })}
      </button>
      {tunnel && (
        <p role="status" data-testid="tunnel-state" data-state={tunnel.state}>
          {t('wizard.tunnel.state', { name: tunnel.name, port: tunnel.localPort, state: t(`wizard.tunnel.states.${tunnel.state}`) })}
          {tunnel.problem && (
            <>
              {' — '}
              <ProblemText {...tunnel.problem} />
            </>
          )}
        </p>
      )}
      {error && <ActionError error={error} jit={jit} />}
      {bastionUse && (error?.code === BASTION_FORBIDDEN || tunnel?.problem?.code === BASTION_FORBIDDEN) && <BastionAccessOffer {...bastionUse} />}
      <CopyableCommand command={equivalent} />
    </div>
  );
}

/** Writes a kubeconfig context that reaches the API server through the named tunnel, after showing the diff. */
export function KubeconfigAction({ cluster, tunnelName, jit }: { cluster: ClusterSummaryValue; tunnelName: string | undefined; jit?: JitContext }) {
  const { t } = useTranslation();
  const [contextName, setContextName] = useState(safeName(cluster.name, 'tunnel', 120));
  const [preview, setPreview] = useState<FileChangePreviewValue & { credential: ContextCredentialValue }>();
  const [error, setError] = useState<{ code: string; message: string }>();
  async function prepare(target: FileChoice) {
    if (!tunnelName) return;
    setError(undefined);
    try {
      setPreview(await call('kubeconfig.preview', { clusterId: cluster.id, tunnelName, contextName, target }));
    } catch (e) {
      setError(fileActionError(e));
    }
  }
  return (
    <div data-testid="kubeconfig-action">
      <label>
        {t('wizard.kubeconfig.context')}
        <input value={contextName} onChange={(e) => setContextName(e.target.value.trim())} spellCheck={false} data-testid="kube-context" />
      </label>
      {!tunnelName && <p className="muted">{t('wizard.kubeconfig.needsTunnel')}</p>}
      <button type="button" onClick={() => void prepare('default')} disabled={!tunnelName || !contextName} data-testid="kubeconfig-preview">
        {t('wizard.kubeconfig.preview')}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => void prepare('pick')} disabled={!tunnelName || !contextName} data-testid="kubeconfig-preview-pick">
        {t('wizard.kubeconfig.pickFile')}
      </button>
      {error && <ActionError error={error} jit={jit} />}
      <ApiHopPanel clusterId={cluster.id} tunnelName={tunnelName} />
      <KubectlTerminalAction clusterId={cluster.id} tunnelName={tunnelName} contextName={contextName} />
      <MyAccessPanel scopes={[cluster.id]} />
      <CopyableCommand command={kubeconfigCommands({ clusterId: cluster.id, contextName, localPort: 8443, privateFqdn: cluster.privateFqdn ?? cluster.fqdn ?? '<private-fqdn>' })} />
      {preview && <CredentialNote credential={preview.credential} />}
      {preview && (
        <FileChangeDialog
          preview={preview}
          testId="kubeconfig-dialog"
          onApply={() => call('kubeconfig.apply', { previewId: preview.previewId })}
          onClose={() => setPreview(undefined)}
        />
      )}
    </div>
  );
}
