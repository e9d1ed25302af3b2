import { describe, expect, it } from 'vitest';
import { en, ja } from '../../../../src-renderer/i18n/resources';

type Table = Record<string, unknown>;

function flatten(table: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (table && typeof table === 'object') {
    for (const [key, value] of Object.entries(table as Table)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (value && typeof value === 'object') for (const [k, v] of flatten(value, path)) out.set(k, v);
      else out.set(path, value);
    }
  }
  return out;
}

const localeFiles = import.meta.glob<Table>('/src-renderer/**/locales/*.json', { import: 'default', eager: true });
const sources = import.meta.glob<string>(['/src-renderer/**/*.{ts,tsx}', '!/src-renderer/**/*.d.ts'], { query: '?raw', import: 'default', eager: true });

describe('string tables', () => {
  const enKeys = flatten(en);
  const jaKeys = flatten(ja);

  it('has every English key in Japanese and every Japanese key in English, across all registered tables', () => {
    const missingInJa = [...enKeys.keys()].filter((k) => !jaKeys.has(k));
    const missingInEn = [...jaKeys.keys()].filter((k) => !enKeys.has(k));
    expect(missingInJa).toEqual([]);
    expect(missingInEn).toEqual([]);
  });

  it('has no empty string in either language', () => {
    const empty = [...enKeys, ...jaKeys].filter(([, v]) => typeof v === 'string' && v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('uses the same interpolation variables in both languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const differing = [...enKeys].filter(([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(jaKeys.get(k)))).map(([k]) => k);
    expect(differing).toEqual([]);
  });

  it('registers every locale file, and no two files claim the same top-level key (a spread would silently drop one)', () => {
    expect(Object.keys(localeFiles).length).toBeGreaterThanOrEqual(18);
    const owners = new Map<string, string[]>();
    for (const [file, table] of Object.entries(localeFiles)) {
      const lang = file.endsWith('/ja.json') ? 'ja' : 'en';
      for (const key of Object.keys(table)) owners.set(`${lang}:${key}`, [...(owners.get(`${lang}:${key}`) ?? []), file]);
      const registered = lang === 'ja' ? ja : en;
      for (const [key, value] of Object.entries(table)) expect(registered[key as keyof typeof registered], `${file} → ${key}`).toEqual(value);
    }
    const collisions = [...owners].filter(([, files]) => files.length > 1);
    expect(collisions).toEqual([]);
  });

  it('has an English string for every literal key the renderer passes to t()', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(30);
    const missing: string[] = [];
    let seen = 0;
    for (const [file, text] of Object.entries(sources)) {
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g)) {
        const key = match[1]!;
        seen += 1;
        const isBranch = [...enKeys.keys()].some((k) => k.startsWith(`${key}.`));
        const isPlural = enKeys.has(`${key}_other`);
        if (!enKeys.has(key) && !isBranch && !isPlural) missing.push(`${file}: ${key}`);
      }
    }
    expect(seen).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
