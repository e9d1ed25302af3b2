import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ClustersScreen } from '../../../../../src-renderer/features/clusters';
import { initI18n } from '../../../../../src-renderer/i18n';
import { ConsoleStateProvider } from '../../../../../src-renderer/shell/console-state';
import { englishSentences } from '../../../../support/english-text';
import { fakeBridge } from '../../support/fake-bridge';

afterEach(cleanup);

/** The inventory after a sign-in expired mid-discovery, as main now sends it: codes and params, English text beside them. */
const inventory = {
  tenantId: 't1',
  asOf: '2026-12-07T05:00:00Z',
  source: 'per-subscription',
  fromCache: false,
  clusters: [],
  subscriptions: [
    {
      subscriptionId: '00000000-0000-0000-0000-000000000001',
      displayName: 'Team 001',
      state: 'Enabled',
      access: 'error',
      reason: { code: 'azure.unauthenticated', text: 'Azure did not accept the sign-in while reading the AKS clusters of subscription 00000000-0000-0000-0000-000000000001; sign in again.', params: { '@what': 'subject.subscription-clusters', name: '00000000-0000-0000-0000-000000000001', status: '401', armCode: '' } },
    },
  ],
  warnings: [
    { code: 'discovery.graph_unavailable', text: 'Azure Resource Graph was unavailable (Azure did not accept the sign-in while reading Azure Resource Graph; sign in again.); clusters were listed subscription by subscription.', params: { '@cause': 'azure.unauthenticated', '@what': 'subject.resource-graph', name: '', status: '401', armCode: '' } },
  ],
};

describe('ClustersScreen in Japanese', () => {
  it('words a subscription it could not read and the discovery warning in Japanese, names verbatim, no English sentence', async () => {
    fakeBridge({ 'azure.inventory': () => inventory });
    const i18n = await initI18n('ja');
    render(
      <I18nextProvider i18n={i18n}>
        <ConsoleStateProvider initialArea="clusters">
          <ClustersScreen />
        </ConsoleStateProvider>
      </I18nextProvider>,
    );
    const problems = await screen.findByRole('list', { name: '読み取れなかったサブスクリプション' });
    expect(problems.textContent).toContain('Team 001: 読み取れませんでした。');
    expect(problems.textContent).toContain('サブスクリプション 00000000-0000-0000-0000-000000000001 の AKS クラスター の読み取り中に Azure がサインインを受け付けませんでした。もう一度サインインしてください。');
    const section = problems.closest('section')!;
    const visible = section.cloneNode(true) as HTMLElement;
    for (const e of visible.querySelectorAll('[data-untranslated-original], details.equivalent')) e.remove();
    expect(englishSentences(visible.textContent ?? '', ['Team 001', '00000000-0000-0000-0000-000000000001'])).toEqual([]);
  });
});
