import { describe, expect, it } from 'vitest';
import { AUDIT_TYPES, describeVerify, EMPTY_FILTER, summariseDetails, toFilterRequest } from '../../../../../src-renderer/features/audit/audit-filter';
import en from '../../../../../src-renderer/features/audit/locales/en.json';
import ja from '../../../../../src-renderer/features/audit/locales/ja.json';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('audit filter model', () => {
  it('sends nothing for an empty form', () => {
    expect(toFilterRequest(EMPTY_FILTER)).toEqual({});
  });

  it('maps the form to the contract filter with local-day bounds', () => {
    const f = toFilterRequest({ type: 'ssh.open', outcome: 'denied', text: '  jump  ', since: '2026-11-01', until: '2026-11-02' });
    expect(f.types).toEqual(['ssh.open']);
    expect(f.outcome).toBe('denied');
    expect(f.text).toBe('jump');
    expect(new Date(f.since!).getDate()).toBe(1);
    expect(new Date(f.until!).getHours()).toBe(23);
    expect(toFilterRequest({ ...EMPTY_FILTER, since: 'garbage' }).since).toBeUndefined();
  });

  it('summarises details and describes verify reports', () => {
    expect(summariseDetails({ exitCode: 1, hosts: ['a', 'b'], ok: true })).toBe('exitCode=1, hosts=a|b, ok=true');
    expect(describeVerify({ ok: false, records: 2, anchor: 'mismatch', unanchored: 0, checkedAt: '', firstBroken: { line: 3, seq: 3, reason: 'edited' } }).key).toBe('audit.verify.broken');
    expect(describeVerify({ ok: true, records: 2, anchor: 'match', unanchored: 0, checkedAt: '', firstBroken: null }).key).toBe('audit.verify.intact');
    expect(describeVerify({ ok: true, records: 2, anchor: 'unavailable', unanchored: 0, checkedAt: '', firstBroken: null }).key).toBe('audit.verify.intactUnanchored');
  });

  it('names every record type the filter offers, proxy credential changes included, in both languages', () => {
    expect(AUDIT_TYPES).toEqual(expect.arrayContaining(['proxy.credential-save', 'proxy.credential-forget']));
    for (const locale of [en, ja]) {
      const labels = (locale as { audit: { types: Record<string, string> } }).audit.types;
      expect(AUDIT_TYPES.filter((type) => !labels[type])).toEqual([]);
    }
  });

  it('ships the same strings in English and Japanese', () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
  });
});
