import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import type { RefusedSequence } from './output-guard';
import { ProblemText } from '../../ui/problem-text';
import { ReconnectAction } from './reconnect-action';
import type { SessionFigures } from './use-terminal-session';

type SessionInfo = InvokeResponse<'ssh.open'>;

/** Bytes in a short human form (B, KiB, MiB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The path (PAW → Bastion → jump box), session state, bytes, echo latency, and what was refused. */
export function TerminalStatusBar({
  session,
  figures,
  refused,
  renderer,
}: {
  session: SessionInfo;
  figures: SessionFigures;
  refused: readonly RefusedSequence[];
  renderer: 'webgl' | 'dom' | undefined;
}) {
  const { t } = useTranslation();
  // A kubectl terminal runs on the PAW itself; kubectl reaches the API server through the tunnel's port.
  const hops =
    session.route === 'local'
      ? [t('terminals.hopPaw'), t('terminals.hopKubectl', { context: session.username, port: session.port })]
      : [t('terminals.hopPaw'), ...(session.route === 'direct' ? [] : [t('terminals.hopBastion')]), `${session.username}@${session.host}:${session.port}`];
  const ended = session.state === 'ended' || session.state === 'failed';
  return (
    <div className="terminal-status" data-testid="terminal-status" data-state={session.state}>
      <span aria-label={t('terminals.pathLabel')}>{hops.join(' → ')}</span>
      <span className={`session-state state-${session.state}`}>{t(`terminals.states.${session.state}`)}</span>
      <span>{t('terminals.bytes', { in: formatBytes(Math.max(figures.bytesIn, session.bytesIn)), out: formatBytes(Math.max(figures.bytesOut, session.bytesOut)) })}</span>
      <span>{figures.echoMs === undefined ? t('terminals.latencyUnknown') : t('terminals.latency', { ms: figures.echoMs })}</span>
      {renderer && <span className="muted">{t(`terminals.renderer.${renderer}`)}</span>}
      {session.problem && <ProblemText {...session.problem} />}
      {figures.writeError && <span className="text-error">{figures.writeError}</span>}
      {refused.length > 0 && (
        <span role="status" className="notice-warning" data-testid="terminal-refused">
          {t('terminals.refused', { what: refused.map((r) => t(`terminals.refusedKinds.${r.kind}`)).join(', ') })}
        </span>
      )}
      {ended && <ReconnectAction session={session} />}
    </div>
  );
}
