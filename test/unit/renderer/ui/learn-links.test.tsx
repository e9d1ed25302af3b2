import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { checkExternalLink } from '../../../../src-main/security/external-links';
import { initI18n } from '../../../../src-renderer/i18n';
import { LearnLinks } from '../../../../src-renderer/ui/learn-link-buttons';
import { ACCESS_GUIDE, checkLearnPages, learnUrl, pathLearnPages } from '../../../../src-renderer/ui/learn-links';
import en from '../../../../src-renderer/ui/messages/locales/en.json';
import { fakeBridge } from '../support/fake-bridge';

afterEach(cleanup);

const SCENARIOS = Object.keys(en.messages).filter((k) => k.startsWith('scenario_')).map((k) => k.slice('scenario_'.length));
const CHECKS = ['cluster-exposure', 'authorized-ip-ranges', 'bastion-sku', 'jit-policy', 'run-command', 'entra-integration', 'kubernetes-authorization', 'expressroute-circuit', 'vnet-peering', 'gateway-transit', 'private-dns-link', 'private-dns-a-record', 'vpn-gateway', 'jumpbox-dns'];

describe('Microsoft Learn links', () => {
  it('every access path links to the guide first, and every check to a page, in the UI language, allowed by main\'s link policy', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(8);
    const all = [...SCENARIOS.map(pathLearnPages), ...CHECKS.map(checkLearnPages)];
    for (const scenario of SCENARIOS) expect(pathLearnPages(scenario)[0]!.path).toBe(ACCESS_GUIDE);
    for (const pages of all) {
      expect(pages.length).toBeGreaterThan(0);
      for (const { path } of pages) {
        expect(learnUrl(path, 'ja')).toBe(`https://learn.microsoft.com/ja-jp${path}`);
        expect(learnUrl(path, 'en')).toBe(`https://learn.microsoft.com/en-us${path}`);
        for (const lang of ['ja', 'en']) expect(checkExternalLink(learnUrl(path, lang))).toMatchObject({ ok: true });
      }
    }
    expect(checkLearnPages('jit-policy').map((p) => p.path)).toEqual(['/azure/defender-for-cloud/just-in-time-access-usage']);
    expect(pathLearnPages('S3').map((p) => p.path)).toContain('/azure/bastion/native-client');
  });

  it.each(['en', 'ja'] as const)('in %s, each label is worded and the button asks main to open the page in that language', async (lang) => {
    const bridge = fakeBridge({ 'links.open': () => ({ opened: true }) });
    const i18n = await initI18n(lang);
    const labels = new Set([...SCENARIOS.flatMap(pathLearnPages), ...CHECKS.flatMap(checkLearnPages)].map((p) => p.label));
    for (const label of labels) expect(i18n.exists(`ui.learn.${label}`), label).toBe(true);
    render(
      <I18nextProvider i18n={i18n}>
        <LearnLinks pages={pathLearnPages('S6')} />
      </I18nextProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: new RegExp(i18n.t('ui.learn.commandInvoke').replace(/[()]/g, '\\$&')) }));
    await screen.findByRole('button', { name: new RegExp(i18n.t('ui.learn.guide')) });
    expect(bridge.calls).toContainEqual({ channel: 'links.open', req: { url: `https://learn.microsoft.com/${lang === 'ja' ? 'ja-jp' : 'en-us'}/azure/aks/command-invoke` } });
  });
});
