import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call } from '../../ipc/bridge';
import { ErrorText } from '../../ui/error-text';
import { ModalDialog } from '../../ui/modal-dialog';
import { describeError } from '../../ui/use-async';

type SessionInfo = InvokeResponse<'ssh.open'>;

/**
 * Reconnects an ended session. A password session asks for the password again (main does not keep
 * it after signing in); the field is cleared as soon as it has been sent.
 */
export function ReconnectAction({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ code: string; message: string }>();
  const reconnect = async (secret?: string) => {
    setError(undefined);
    try {
      await call('ssh.reconnect', { sessionId: session.sessionId, ...(secret ? { password: secret } : {}) });
      setAsking(false);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setPassword('');
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password) void reconnect(password);
  };
  return (
    <>
      <button type="button" data-testid="terminal-reconnect" onClick={() => (session.reconnectNeedsPassword ? setAsking(true) : void reconnect())}>
        {t('terminals.reconnect')}
      </button>
      {!asking && error && <ErrorText {...error} />}
      {asking && (
        <ModalDialog title={t('terminals.reconnectPassword.title')} onClose={() => setAsking(false)} testId="reconnect-password-dialog">
          <form onSubmit={submit}>
            <p>{t('terminals.reconnectPassword.why', { who: `${session.username}@${session.host}` })}</p>
            <label>
              {t('terminals.reconnectPassword.label')}
              <input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} data-autofocus data-testid="reconnect-password" />
            </label>
            {error && <ErrorText {...error} />}
            <div className="dialog-buttons">
              <button type="button" className="secondary" onClick={() => setAsking(false)}>{t('ui.cancel')}</button>
              <button type="submit" disabled={!password} data-testid="reconnect-password-submit">{t('terminals.reconnect')}</button>
            </div>
          </form>
        </ModalDialog>
      )}
    </>
  );
}
