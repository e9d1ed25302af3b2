import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../src-main/ipc/contract';
import { call, hasBridge, subscribe } from '../../ipc/bridge';
import { ErrorText } from '../../ui/error-text';
import { ModalDialog } from '../../ui/modal-dialog';
import { describeError } from '../../ui/use-async';
import { groupFingerprint } from './fingerprint';

type Prompt = EventPayload<'hostkeys.prompt'>;
type Mismatch = NonNullable<EventPayload<'ssh.state'>['hostKeyMismatch']>;

/**
 * Answers main's host-key questions before any credential is sent. An unknown key (no key from
 * Azure, none stored) shows its SHA256 fingerprint with Refuse as the default; a changed key is
 * a red warning with no way to accept it here.
 */
export function HostKeyPrompts() {
  const [prompts, setPrompts] = useState<Prompt[]>([]);
  const [mismatch, setMismatch] = useState<Mismatch>();
  useEffect(() => {
    if (!hasBridge()) return;
    const offs = [
      subscribe('hostkeys.prompt', (p) => setPrompts((list) => [...list.filter((x) => x.decisionId !== p.decisionId), p])),
      subscribe('hostkeys.settled', ({ decisionId }) => setPrompts((list) => list.filter((x) => x.decisionId !== decisionId))),
      subscribe('ssh.state', (s) => s.hostKeyMismatch && setMismatch(s.hostKeyMismatch)),
      subscribe('tunnels.state', (s) => s.hostKeyMismatch && setMismatch(s.hostKeyMismatch)),
    ];
    // A reloaded window asks for the questions still waiting; events that arrive meanwhile win.
    void call('hostkeys.pending').then(
      (waiting) => setPrompts((list) => [...waiting.filter((w) => !list.some((x) => x.decisionId === w.decisionId)), ...list]),
      () => undefined,
    );
    return () => offs.forEach((off) => off());
  }, []);
  const first = prompts[0];
  return (
    <>
      {first && <UnknownKeyDialog key={first.decisionId} prompt={first} onDone={() => setPrompts((l) => l.filter((x) => x.decisionId !== first.decisionId))} />}
      {!first && mismatch && <ChangedKeyDialog mismatch={mismatch} onClose={() => setMismatch(undefined)} />}
    </>
  );
}

function UnknownKeyDialog({ prompt, onDone }: { prompt: Prompt; onDone: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<{ code: string; message: string }>();
  async function decide(decision: 'accept-once' | 'accept-always' | 'refuse') {
    try {
      await call('hostkeys.decide', { decisionId: prompt.decisionId, decision });
      onDone();
    } catch (e) {
      setError(describeError(e));
    }
  }
  return (
    <ModalDialog title={t('hostKeys.unknownTitle', { host: prompt.host })} onClose={() => void decide('refuse')} testId="host-key-dialog">
      <p>{t('hostKeys.unknownBody', { host: prompt.host, port: prompt.port })}</p>
      <dl className="facts">
        <dt>{t('hostKeys.keyType')}</dt>
        <dd>{prompt.keyType}</dd>
        <dt>{t('hostKeys.fingerprint')}</dt>
        <dd className="mono fingerprint" data-testid="host-key-fingerprint">{groupFingerprint(prompt.fingerprint)}</dd>
        <dt>{t('hostKeys.source')}</dt>
        <dd>{t('hostKeys.sources.first-use')}</dd>
        <dt>{t('hostKeys.requester')}</dt>
        <dd>{prompt.requester}</dd>
      </dl>
      <p className="muted">{t('hostKeys.verifyHint')}</p>
      {error && <ErrorText {...error} />}
      <div className="dialog-buttons">
        <button type="button" className="secondary" onClick={() => void decide('refuse')} data-autofocus data-testid="host-key-refuse">{t('hostKeys.refuse')}</button>
        <button type="button" onClick={() => void decide('accept-once')} data-testid="host-key-once">{t('hostKeys.acceptOnce')}</button>
        <button type="button" onClick={() => void decide('accept-always')} data-testid="host-key-always">{t('hostKeys.acceptAlways')}</button>
      </div>
    </ModalDialog>
  );
}

function ChangedKeyDialog({ mismatch, onClose }: { mismatch: Mismatch; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog title={t('hostKeys.changedTitle')} onClose={onClose} tone="danger" testId="host-key-changed">
      <p role="alert" className="text-error">{t('hostKeys.changedBody', { host: mismatch.hostId })}</p>
      <dl className="facts">
        <dt>{t('hostKeys.keyType')}</dt>
        <dd>{mismatch.keyType}</dd>
        <dt>{t('hostKeys.presented')}</dt>
        <dd className="mono fingerprint">{groupFingerprint(mismatch.presented)}</dd>
        <dt>{t('hostKeys.expected')}</dt>
        <dd className="mono fingerprint">{mismatch.expected.map(groupFingerprint).join('\n')}</dd>
      </dl>
      <p>{t('hostKeys.changedAdvice')}</p>
      <div className="dialog-buttons">
        <button type="button" className="secondary" onClick={onClose} data-autofocus>{t('ui.close')}</button>
      </div>
    </ModalDialog>
  );
}
