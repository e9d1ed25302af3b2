import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call } from '../../ipc/bridge';
import type { ClusterSummaryValue } from '../../shell/console-state';
import { commandInvokeCommand } from '../../ui/az-commands';
import { announce, focusSoon } from '../../ui/a11y';
import { CopyableCommand } from '../../ui/copyable-command';
import { ErrorText } from '../../ui/error-text';
import { MainText } from '../../ui/main-text';
import { ModalDialog } from '../../ui/modal-dialog';
import { isMarkedProduction } from '../../ui/production-marks';
import { describeError } from '../../ui/use-async';
import { findDestructiveCommands } from '../terminals';
import { AttachFiles } from './attach-files';
import { attachmentProblems, type AttachedFile } from './attached-files';
import { invokeHistory, OUTPUT_CAP_BYTES } from './invoke-history';
import { ForbiddenOffer } from '../pim';

type InvokeResult = InvokeResponse<'azure.commandInvoke'>;

/** Scenario S6: run kubectl/helm through the Azure API, with attached files, after the guide's warning before the first run. */
export function CommandInvokeConsole({ cluster }: { cluster: ClusterSummaryValue }) {
  const { t } = useTranslation();
  const [command, setCommand] = useState('kubectl get nodes -o wide');
  const [files, setFiles] = useState<AttachedFile[]>([]);
  const [acknowledged, setAcknowledged] = useState(() => invokeHistory.acknowledged(cluster.id));
  const [running, setRunning] = useState<number>();
  const [elapsed, setElapsed] = useState(0);
  const [result, setResult] = useState<InvokeResult>();
  const [error, setError] = useState<{ code: string; message: string }>();
  const [confirmDestructive, setConfirmDestructive] = useState<string>();
  const [, setHistoryVersion] = useState(0);
  const outputRef = useRef<HTMLPreElement>(null);

  useEffect(() => {
    if (running === undefined) return;
    const timer = setInterval(() => setElapsed(Math.floor((Date.now() - running) / 1000)), 500);
    return () => clearInterval(timer);
  }, [running]);

  const destructive = isMarkedProduction(cluster.id) ? findDestructiveCommands(command) : [];
  const filesBlocked = attachmentProblems(files).length > 0 || files.some((f) => f.contentBase64 === null);
  const fileNames = files.map((f) => f.name);

  async function run(confirmed = false) {
    if (destructive.length > 0 && !confirmed) {
      setConfirmDestructive(destructive.map((d) => `${d.tool} ${d.verb}`).join(', '));
      return;
    }
    setConfirmDestructive(undefined);
    setError(undefined);
    setResult(undefined);
    setElapsed(0);
    setRunning(Date.now());
    // Run is disabled while the command runs: focus waits on the running line, not on the page body.
    focusSoon('[data-testid="invoke-running"]', { fallback: '[data-testid="invoke-command"]' });
    try {
      const attached = files.map((f) => ({ name: f.name, contentBase64: f.contentBase64 ?? '' }));
      const answer = await call('azure.commandInvoke', { clusterId: cluster.id, command, ...(attached.length > 0 ? { files: attached } : {}) });
      setResult(answer);
      invokeHistory.add(cluster.id, { command, files: fileNames, at: Date.now(), exitCode: answer.exitCode, provisioningState: answer.provisioningState, truncated: answer.truncated });
      setHistoryVersion((v) => v + 1);
      announce(answer.exitCode === null ? t('a11y.invoke.noExitCode', { state: answer.provisioningState }) : t('a11y.invoke.done', { code: answer.exitCode }));
      // The output is where the result is read; it appears with this render.
      focusSoon(() => outputRef.current, { fallback: '[data-testid="invoke-command"]' });
    } catch (e) {
      const described = describeError(e);
      setError(described);
      announce(t('a11y.invoke.failed', { message: described.message }));
      focusSoon('[data-testid="invoke-command"]');
    } finally {
      setRunning(undefined);
    }
  }

  if (cluster.runCommandDisabled) return <p className="notice-warning">{t('commandInvoke.disabled')}</p>;
  const history = invokeHistory.list(cluster.id);
  return (
    <div className="command-invoke" data-testid="command-invoke">
      {!acknowledged && (
        <div className="warning-panel" role="note" data-testid="invoke-warning">
          <p>{t('commandInvoke.warning')}</p>
          <button
            type="button"
            onClick={() => {
              invokeHistory.acknowledge(cluster.id);
              setAcknowledged(true);
              // The warning and this button go away; the command editor is the next thing to use.
              focusSoon('[data-testid="invoke-command"]');
            }}
            data-testid="invoke-acknowledge"
          >
            {t('commandInvoke.understand')}
          </button>
        </div>
      )}
      <form onSubmit={(e) => { e.preventDefault(); void run(); }}>
        <label className="command-editor">
          {t('commandInvoke.command')}
          <textarea
            value={command}
            onChange={(e) => setCommand(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            rows={Math.min(12, Math.max(3, command.split('\n').length + 1))}
            spellCheck={false}
            maxLength={4096}
            aria-describedby="invoke-command-hint"
            data-testid="invoke-command"
            className="mono"
          />
        </label>
        <p id="invoke-command-hint" className="muted small">{t('commandInvoke.editorHint')}</p>
        <AttachFiles files={files} onChange={setFiles} disabled={running !== undefined} />
        <button type="submit" disabled={!acknowledged || running !== undefined || !command.trim() || filesBlocked} data-testid="invoke-run">{t('commandInvoke.run')}</button>
      </form>
      {confirmDestructive && (
        <ModalDialog title={t('commandInvoke.runAnyway')} tone="danger" onClose={() => setConfirmDestructive(undefined)} testId="invoke-destructive" returnFocus='[data-testid="invoke-command"]'>
          <p id="invoke-destructive">{t('commandInvoke.destructive', { verbs: confirmDestructive })}</p>
          <button type="button" className="secondary" onClick={() => setConfirmDestructive(undefined)} data-autofocus data-testid="invoke-destructive-cancel">{t('ui.cancel')}</button>{' '}
          <button type="button" className="danger" onClick={() => void run(true)} data-testid="invoke-destructive-run">{t('commandInvoke.runAnyway')}</button>
        </ModalDialog>
      )}
      {/* Not a live region: the elapsed seconds are for the eye; the outcome is announced once at the end. */}
      {running !== undefined && (
        <p tabIndex={-1} data-testid="invoke-running">
          <progress aria-label={t('commandInvoke.running')} /> {t('commandInvoke.runningFor', { seconds: elapsed })}
        </p>
      )}
      {error && <ErrorText {...error} />}
      {result && (
        <section aria-labelledby="invoke-output-title">
          <h5 id="invoke-output-title">
            {t('commandInvoke.output')} — {result.exitCode === null ? t('commandInvoke.noExitCode') : t('commandInvoke.exitCode', { code: result.exitCode })} · {result.provisioningState}
          </h5>
          <p className="muted small" data-testid="invoke-run-as">
            {result.runAs.kind === 'operator' ? t('commandInvoke.runAs.operator', { name: result.runAs.username ?? t('commandInvoke.runAs.you') }) : t('commandInvoke.runAs.clusterAdmin')}
          </p>
          {result.reason && (
            <div className="notice-warning">
              <MainText text={result.reason} />
            </div>
          )}
          <pre ref={outputRef} tabIndex={0} className="invoke-output" data-testid="invoke-output">{result.logs}</pre>
          {result.runAs.kind === 'operator' && <ForbiddenOffer output={result.logs} clusterId={cluster.id} />}
          {result.truncated && <p className="notice-warning" data-testid="invoke-truncated">{t('commandInvoke.truncated', { kb: OUTPUT_CAP_BYTES / 1024 })}</p>}
        </section>
      )}
      <CopyableCommand command={commandInvokeCommand({ clusterId: cluster.id, command, files: fileNames })} />
      {history.length > 0 && (
        <details className="invoke-history" data-testid="invoke-history">
          <summary>{t('commandInvoke.history', { count: history.length })}</summary>
          <ul>
            {history.map((h) => (
              <li key={h.at}>
                <button type="button" className="link-button mono history-command" onClick={() => setCommand(h.command)}>{h.command}</button>{' '}
                <span className="muted small">{h.exitCode === null ? h.provisioningState : t('commandInvoke.exitCode', { code: h.exitCode })}</span>
                {h.files.length > 0 && <span className="muted small" data-testid="invoke-history-files">{' · '}{t('commandInvoke.files.inHistory', { names: h.files.join(', ') })}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
