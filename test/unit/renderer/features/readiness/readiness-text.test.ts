import { describe, expect, it } from 'vitest';
import { explanation, type ReadinessRow } from '../../../../../src-renderer/features/readiness/readiness-text';
import { en, ja } from '../../../../../src-renderer/i18n/resources';

const row: ReadinessRow = {
  id: 'entra',
  status: 'fail',
  code: 'proxy-auth-required',
  host: 'login.microsoftonline.com',
  via: 'proxy http://proxy.corp:8080',
  httpStatus: null,
  elapsedMs: 12,
  skewSeconds: null,
  detail: 'the proxy refused the tunnel',
};

function lookup(table: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((t, k) => (t as Record<string, unknown> | undefined)?.[k], table);
}

describe('workstation check: proxy authentication', () => {
  it('explains a missing ticket with the scheme the proxy asked for, in both languages', () => {
    const text = explanation({ ...row, proxyAuth: { offered: ['negotiate', 'ntlm'], scheme: 'negotiate', reason: 'no-ticket' } });
    expect(text).toEqual({ key: 'readiness.proxyAuth.no-ticket', values: { schemes: 'Negotiate (Kerberos), NTLM', scheme: 'Negotiate (Kerberos)' } });
    expect(lookup(en, text.key)).toMatch(/klist/);
    expect(lookup(ja, text.key)).toMatch(/klist/);
  });

  it('has words for every reason in English and Japanese', () => {
    for (const reason of ['no-ticket', 'kerberos-failed', 'rejected', 'no-credentials', 'basic-forbidden', 'scheme-not-allowed', 'unsupported-scheme', 'host-not-allowed'] as const) {
      const { key } = explanation({ ...row, proxyAuth: { offered: ['basic'], scheme: null, reason } });
      expect(typeof lookup(en, key)).toBe('string');
      expect(typeof lookup(ja, key)).toBe('string');
    }
  });

  it('keeps the general wording when the proxy named no scheme the console saw', () => {
    expect(explanation(row).key).toBe('readiness.code.proxy-auth-required');
  });
});
