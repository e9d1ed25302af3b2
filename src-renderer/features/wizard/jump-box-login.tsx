import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { useAsync } from '../../ui/use-async';
import type { SshAuthValue } from './connection-target';

/** Who the console signs in to the jump box as. */
export interface JumpBoxLoginValue {
  readonly username: string;
  readonly auth: SshAuthValue | undefined;
}

/**
 * The login used by every jump-box action: a user name and a key held in the OS keychain (listed by
 * public facts only) or the SSH agent. Keys are imported on the Terminals screen.
 */
export function JumpBoxLogin({ value, onChange }: { value: JumpBoxLoginValue; onChange: (v: JumpBoxLoginValue) => void }) {
  const { t } = useTranslation();
  const loadKeys = useCallback(() => call('sshkeys.list'), []);
  const keys = useAsync(loadKeys);
  const selected = value.auth?.method === 'key' ? `key:${value.auth.keyId}` : value.auth?.method === 'agent' ? 'agent' : '';
  return (
    <fieldset className="jump-login" data-testid="jump-login">
      <legend>{t('wizard.login.legend')}</legend>
      <label>
        {t('wizard.login.username')}
        <input value={value.username} onChange={(e) => onChange({ ...value, username: e.target.value.trim() })} autoComplete="off" spellCheck={false} data-testid="jump-username" />
      </label>
      <label>
        {t('wizard.login.key')}
        <select
          value={selected}
          data-testid="jump-key"
          onChange={(e) => {
            const v = e.target.value;
            onChange({ ...value, auth: v === 'agent' ? { method: 'agent' } : v.startsWith('key:') ? { method: 'key', keyId: v.slice(4) } : undefined });
          }}
        >
          <option value="">{t('wizard.login.chooseKey')}</option>
          {keys.status === 'ready' && keys.value.map((k) => (
            <option key={k.keyId} value={`key:${k.keyId}`}>{`${k.name} (${k.keyType}, ${k.fingerprint})`}</option>
          ))}
          <option value="agent">{t('wizard.login.agent')}</option>
        </select>
      </label>
      {keys.status === 'ready' && keys.value.length === 0 && <p className="muted small">{t('wizard.login.noKeys')}</p>}
    </fieldset>
  );
}
