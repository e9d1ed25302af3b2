import { describe, expect, it } from 'vitest';
import { JsonLogger } from '../../../../../src-main/services/log/logger';
import { redact, redactText, REDACTED } from '../../../../../src-main/services/log/redact';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcGVyYXRvciJ9.c2lnbmF0dXJl';

describe('redaction', () => {
  it('removes secret-named fields at any depth', () => {
    const out = redact({ account: 'op@contoso', nested: { refresh_token: 'r', accessToken: 'a', passphrase: 'p' }, list: [{ password: 'x' }] });
    expect(out).toEqual({ account: 'op@contoso', nested: { refresh_token: REDACTED, accessToken: REDACTED, passphrase: REDACTED }, list: [{ password: REDACTED }] });
  });
  it('removes JWTs, bearer headers, PEM private keys and token query parameters from text', () => {
    const text = `got ${jwt} and Authorization: Bearer abcdefghijkl and -----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY----- url?code=xyz&state=1`;
    const out = redactText(text);
    expect(out).not.toContain(jwt);
    expect(out).not.toContain('abcdefghijkl');
    expect(out).not.toContain('AAAA');
    expect(out).not.toContain('code=xyz');
    expect(out).toContain('state=1');
  });
  it('keeps error messages but not their secrets', () => {
    expect(redact(new Error(`failed with ${jwt}`))).toEqual({ name: 'Error', message: `failed with ${REDACTED}` });
  });
  it('applies to every logger line', () => {
    const lines: string[] = [];
    new JsonLogger((l) => lines.push(l)).child('auth').warn(`token ${jwt}`, { aztoken: 'z', tenant: 't1' });
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({ level: 'warn', scope: 'main.auth', aztoken: REDACTED, tenant: 't1' });
    expect(lines[0]).not.toContain(jwt);
  });
  it('drops lines below the level', () => {
    const lines: string[] = [];
    new JsonLogger((l) => lines.push(l), 'warn').info('quiet');
    expect(lines).toEqual([]);
  });
});
