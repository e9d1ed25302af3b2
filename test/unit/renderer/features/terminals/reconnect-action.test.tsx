import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { InvokeResponse } from '../../../../../src-main/ipc/contract';
import { ReconnectAction } from '../../../../../src-renderer/features/terminals/reconnect-action';
import { initI18n } from '../../../../../src-renderer/i18n';
import { fakeBridge } from '../../support/fake-bridge';

const SESSION: InvokeResponse<'ssh.open'> = {
  sessionId: '3f2a1b0c-4d5e-4f60-8a71-92b3c4d5e6f7',
  label: 'azureuser@10.1.0.4',
  route: 'bastion',
  host: '10.1.0.4',
  port: 22,
  username: 'azureuser',
  state: 'ended',
  cols: 80,
  rows: 24,
  bytesIn: 0,
  bytesOut: 0,
  openedAt: '2026-11-29T09:00:00.000Z',
  reconnects: 0,
};

async function show(session: InvokeResponse<'ssh.open'>, language: 'en' | 'ja' = 'en') {
  const i18n = await initI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <ReconnectAction session={session} />
    </I18nextProvider>,
  );
}

afterEach(() => {
  cleanup();
  delete window.aksConsole;
});

describe('ReconnectAction', () => {
  it('reconnects a key session at once, without asking anything', async () => {
    const bridge = fakeBridge({ 'ssh.reconnect': () => ({ ...SESSION, state: 'connecting' }) });
    await show(SESSION);
    fireEvent.click(screen.getByTestId('terminal-reconnect'));
    await screen.findByTestId('terminal-reconnect');
    expect(bridge.calls).toEqual([{ channel: 'ssh.reconnect', req: { sessionId: SESSION.sessionId } }]);
    expect(screen.queryByTestId('reconnect-password-dialog')).toBeNull();
  });

  it('asks again for the password of a password session, sends it once, and clears the field', async () => {
    const bridge = fakeBridge({ 'ssh.reconnect': () => ({ ...SESSION, state: 'connecting' }) });
    await show({ ...SESSION, reconnectNeedsPassword: true }, 'ja');
    fireEvent.click(screen.getByTestId('terminal-reconnect'));
    const field = (await screen.findByTestId('reconnect-password')) as HTMLInputElement;
    expect(screen.getByTestId('reconnect-password-dialog').textContent).toContain('azureuser@10.1.0.4');
    expect((screen.getByTestId('reconnect-password-submit') as HTMLButtonElement).disabled).toBe(true);
    expect(bridge.calls).toEqual([]);
    fireEvent.change(field, { target: { value: 'pa55-word' } });
    fireEvent.submit(field.closest('form')!);
    await expect.poll(() => screen.queryByTestId('reconnect-password-dialog')).toBeNull();
    expect(bridge.calls).toEqual([{ channel: 'ssh.reconnect', req: { sessionId: SESSION.sessionId, password: 'pa55-word' } }]);
  });

  it('keeps the dialog open with main\'s reason when the reconnect is refused', async () => {
    fakeBridge({
      'ssh.reconnect': () => {
        throw { code: 'ssh.password_needed', message: 'Enter the password again to reconnect.' };
      },
    });
    await show({ ...SESSION, reconnectNeedsPassword: true });
    fireEvent.click(screen.getByTestId('terminal-reconnect'));
    const field = (await screen.findByTestId('reconnect-password')) as HTMLInputElement;
    fireEvent.change(field, { target: { value: 'x' } });
    fireEvent.submit(field.closest('form')!);
    const error = await screen.findByTestId('error-text');
    expect(error.getAttribute('data-code')).toBe('ssh.password_needed');
    expect(screen.getByTestId('reconnect-password-dialog')).toBeTruthy();
    expect(field.value).toBe('');
  });
});
