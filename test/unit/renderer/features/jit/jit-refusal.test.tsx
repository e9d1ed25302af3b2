import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionError } from '../../../../../src-renderer/features/jit';
import { initI18n } from '../../../../../src-renderer/i18n';

const VM = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/hub/providers/Microsoft.Compute/virtualMachines/jump1';
const POLICY = { id: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/hub/providers/Microsoft.Security/locations/japaneast/jitNetworkAccessPolicies/default', name: 'default', location: 'japaneast', vmIds: [VM], ports: [{ vmId: VM, number: 22, protocol: '*', maxRequestAccessDuration: 'PT3H' }], openRequests: [] };
const jit = { vmId: VM, vmName: 'jump1', policies: [POLICY], sourceFor: null };

afterEach(() => {
  document.body.innerHTML = '';
});

async function show(language: 'en' | 'ja', error: { code: string; message: string }) {
  const i18n = await initI18n(language);
  render(<I18nextProvider i18n={i18n}><ActionError error={error} jit={jit} /></I18nextProvider>);
}

describe('ActionError', () => {
  it('explains a JIT-before-SSH refusal in the operator\'s language and offers the JIT request for that VM', async () => {
    await show('ja', { code: 'jit.required', message: 'Policy requires Just-In-Time access before SSH: …' });
    const refusal = screen.getByTestId('jit-refusal');
    expect(refusal.textContent).toContain('Just-In-Time (JIT) VM アクセスが必要です');
    fireEvent.click(screen.getByTestId('jit-refusal-request'));
    expect(screen.getByTestId('jit-dialog').textContent).toContain('jump1');
  });

  it('says in English why when the VM cannot be told, and shows any other error as plain error text', async () => {
    await show('en', { code: 'jit.vm_unknown', message: 'x' });
    expect(screen.getByTestId('jit-refusal').textContent).toContain('cannot tell which VM');
    document.body.innerHTML = '';
    await show('en', { code: 'ssh.auth_failed', message: 'The jump box refused the key.' });
    expect(screen.queryByTestId('jit-refusal')).toBeNull();
    expect(screen.getByTestId('error-text').textContent).toContain('The jump box refused the key.');
  });
});
