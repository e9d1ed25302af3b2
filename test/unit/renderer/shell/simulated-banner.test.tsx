import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../../../src-renderer/i18n';
import { SimulatedBanner } from '../../../../src-renderer/shell/simulated-banner';

afterEach(cleanup);

async function show(language: 'en' | 'ja', gaps: Parameters<typeof SimulatedBanner>[0]['gaps']) {
  const i18n = await initI18n(language);
  render(<I18nextProvider i18n={i18n}><SimulatedBanner gaps={gaps} /></I18nextProvider>);
}

describe('SimulatedBanner', () => {
  it('says, without root, which parts are unavailable and why', async () => {
    await show('en', ['topology-needs-root']);
    const gap = screen.getByTestId('simulated-gap-topology-needs-root').textContent ?? '';
    expect(gap).toMatch(/root/);
    expect(gap).toMatch(/Bastion/);
    expect(gap).toMatch(/kubectl/);
    expect(screen.getByTestId('simulated-banner').textContent).toMatch(/^Simulated Azure/);
  });

  it('says it in Japanese with the glossary terms', async () => {
    await show('ja', ['topology-needs-root']);
    const gap = screen.getByTestId('simulated-gap-topology-needs-root').textContent ?? '';
    expect(gap).toMatch(/root/);
    expect(gap).toMatch(/ジャンプ ボックス/);
    expect(gap).toMatch(/ハブ \/ スポーク/);
  });

  it('tells a switched-off topology apart from a missing root, and shows no gap when everything runs', async () => {
    await show('en', ['topology-switched-off']);
    expect(screen.getByTestId('simulated-gap-topology-switched-off').textContent).toMatch(/AKS_DEMO_NO_TOPOLOGY/);
    cleanup();
    await show('en', []);
    expect(screen.queryByTestId(/simulated-gap-/)).toBeNull();
    expect(screen.getByTestId('simulated-banner').textContent).toMatch(/Simulated Azure/);
  });
});
