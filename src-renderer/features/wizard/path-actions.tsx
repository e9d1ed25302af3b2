import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClusterSummaryValue } from '../../shell/console-state';
import { CLOUD_SHELL_LINK, portalResourceLink } from '../../ui/az-commands';
import { ExternalLinkButton } from '../../ui/external-link';
import { CommandInvokeConsole } from '../command-invoke';
import { JitAction } from '../jit';
import { OpenTerminalAction } from '../terminals';
import { jumpBoxOf, sshTarget } from './connection-target';
import { JumpBoxLogin, type JumpBoxLoginValue } from './jump-box-login';
import { KubeconfigAction, TunnelAction } from './tunnel-actions';
import { VsCodeAction } from './vscode-action';
import { actionsFor, type WizardAction } from './wizard-machine';
import type { RankedPathValue, TopologyValue } from './types';

const NEEDS_LOGIN: readonly WizardAction[] = ['bastion-terminal', 'direct-terminal', 'vscode'];

/** The actions the console can take on this path, each with its equivalent command. */
export function PathActions({
  cluster,
  path,
  topology,
}: {
  cluster: ClusterSummaryValue;
  path: RankedPathValue;
  topology: TopologyValue | undefined;
}) {
  const { t } = useTranslation();
  const [login, setLogin] = useState<JumpBoxLoginValue>({ username: 'azureuser', auth: undefined });
  const [tunnelName, setTunnelName] = useState<string>();
  const actions = actionsFor(path);
  const jump = jumpBoxOf(path, topology);
  const needsLogin = actions.some((a) => NEEDS_LOGIN.includes(a)) || (actions.includes('tunnel') && path.id !== 'bastion-apiserver');
  const target = login.auth && login.username ? sshTarget(path, topology, login.username, login.auth) : undefined;
  const jit = { vmId: path.jumpBoxId, vmName: jump?.name, policies: topology?.jitPolicies ?? [], sourceFor: { clusterId: cluster.id, pathId: path.id } };

  return (
    <div className="path-actions" data-testid="path-actions">
      {path.guidanceOnly && <p className="notice-info">{t('wizard.guidanceOnlyExplained')}</p>}
      {needsLogin && <JumpBoxLogin value={login} onChange={setLogin} />}
      {actions.map((action) => (
        <section key={action} className="action-card" data-action={action} aria-labelledby={`action-${action}`}>
          <h4 id={`action-${action}`}>{t(`wizard.actions.${action}.title`)}</h4>
          <p className="muted">{t(`wizard.actions.${action}.help`)}</p>
          {action === 'jit' && <JitAction {...jit} />}
          {(action === 'bastion-terminal' || action === 'direct-terminal') && (
            <OpenTerminalAction target={target} label={`${jump?.name ?? 'jump box'} · ${cluster.name}`} bastionId={path.bastionId} jumpBox={jump} jit={jit} />
          )}
          {action === 'tunnel' && <TunnelAction cluster={cluster} path={path} topology={topology} login={login} onReady={setTunnelName} jit={jit} />}
          {action === 'kubeconfig' && <KubeconfigAction cluster={cluster} tunnelName={tunnelName} jit={jit} />}
          {action === 'vscode' && <VsCodeAction path={path} jump={jump} login={login} jit={jit} />}
          {action === 'command-invoke' && <CommandInvokeConsole cluster={cluster} />}
          {action === 'portal' && <ExternalLinkButton url={portalResourceLink(cluster.id)} label={t('wizard.openPortalCluster')} />}
          {action === 'cloud-shell' && <ExternalLinkButton url={CLOUD_SHELL_LINK} label={t('wizard.openCloudShell')} />}
        </section>
      ))}
    </div>
  );
}
