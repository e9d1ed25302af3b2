import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../../../src-renderer/i18n';
import { CopyableCommand } from '../../../../src-renderer/ui/copyable-command';
import { chooseShell } from '../../../../src-renderer/ui/shell-choice';

afterEach(cleanup);

const POSIX = "kubectl --kubeconfig ~/.kube/config --context 'ops'\\''s' get --raw /version";

describe('CopyableCommand shells', () => {
  it.each(['en', 'ja'] as const)('in %s: the toggle switches every command between the POSIX and the PowerShell form, and says when there is no PowerShell form', async (lang) => {
    const i18n = await initI18n(lang);
    chooseShell('posix');
    render(
      <I18nextProvider i18n={i18n}>
        <CopyableCommand command={POSIX} />
        <CopyableCommand command="az aks update --api-server-authorized-ip-ranges <your-egress-ip>/32" />
      </I18nextProvider>,
    );
    const codes = () => [...document.querySelectorAll('pre code')].map((c) => c.textContent);
    expect(codes()[0]).toBe(POSIX);
    fireEvent.click(screen.getAllByRole('button', { name: i18n.t('ui.shell.powershell') })[0]!);
    expect(codes()[0]).toBe(`kubectl --kubeconfig "$HOME/.kube/config" --context 'ops''s' get --raw /version`);
    expect(screen.getAllByRole('button', { name: i18n.t('ui.shell.powershell') }).map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'true']);
    expect(codes()[1]).toBe('az aks update --api-server-authorized-ip-ranges <your-egress-ip>/32');
    expect(screen.getByText(i18n.t('ui.shell.noPowerShellForm'))).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: i18n.t('ui.shell.posix') })[1]!);
    expect(codes()[0]).toBe(POSIX);
  });
});
