import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../../../src-main/services/checklist/checks';
import en from '../../../../../src-renderer/features/checklist/locales/en.json';
import ja from '../../../../../src-renderer/features/checklist/locales/ja.json';
import { checkTitle } from '../../../../../src-renderer/features/checklist';
import { initI18n } from '../../../../../src-renderer/i18n';

const titles = (table: typeof en) => table.checklist.checkTitles as Record<string, string>;

describe('check titles in the operator language', () => {
  it('has an English and a Japanese title for every check main registers, English matching main', () => {
    expect(ALL_CHECKS.length).toBeGreaterThan(10);
    const missing = ALL_CHECKS.flatMap((c) => [titles(en)[c.id] ? [] : [`en:${c.id}`], titles(ja)[c.id] ? [] : [`ja:${c.id}`]].flat());
    expect(missing).toEqual([]);
    for (const check of ALL_CHECKS) {
      expect(titles(en)[check.id]).toBe(check.title);
      expect(titles(ja)[check.id]).not.toBe(check.title);
    }
    const registered = new Set(ALL_CHECKS.map((c) => c.id));
    expect(Object.keys(titles(ja)).filter((id) => !registered.has(id))).toEqual([]);
  });

  it("translates by check id and falls back to main's title for an id the table lacks", async () => {
    const i18n = await initI18n('ja');
    expect(checkTitle(i18n.t, 'vnet-peering', 'VNet peering to the cluster VNet, both ways')).toBe(titles(ja)['vnet-peering']);
    expect(checkTitle(i18n.t, 'brand-new-check', 'A brand new check')).toBe('A brand new check');
  });
});
