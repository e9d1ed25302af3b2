import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseAuthorizeUrl, postLoopbackError } from '../../../../../src-main/services/auth/loopback-cancel';
import { resultPages } from '../../../../../src-main/services/auth/result-pages';

describe('ending a pending interactive sign-in', () => {
  it('reads the loopback redirect and state from the authorize URL, and refuses anything but loopback http', () => {
    const url = 'https://login.example/t/oauth2/v2.0/authorize?redirect_uri=http%3A%2F%2Flocalhost%3A50123&state=abc';
    expect(parseAuthorizeUrl(url)).toMatchObject({ state: 'abc' });
    expect(parseAuthorizeUrl(url)!.redirectUri.port).toBe('50123');
    expect(parseAuthorizeUrl('https://login.example/a?redirect_uri=https%3A%2F%2Fevil.example&state=x')).toBeUndefined();
    expect(parseAuthorizeUrl('https://login.example/a?redirect_uri=http%3A%2F%2Flocalhost%3A1')).toBeUndefined();
  });

  it('posts an OAuth error with the expected state as a form, like a browser would', async () => {
    let seen: { type?: string; body: string } = { body: '' };
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = { type: req.headers['content-type'], body };
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await postLoopbackError({ redirectUri: new URL(`http://localhost:${port}`), state: 's1' }, 'access_denied', 'sign-in cancelled');
    server.close();
    expect(seen.type).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(seen.body))).toEqual({ error: 'access_denied', error_description: 'sign-in cancelled', state: 's1' });
  });

  it('shows our own result pages in English and Japanese, without scripts', () => {
    const en = resultPages('en');
    const ja = resultPages('ja');
    expect(en.successTemplate).toContain('You are signed in');
    expect(ja.successTemplate).toContain('サインインしました');
    expect(ja.errorTemplate).toContain('lang="ja"');
    for (const page of [en.successTemplate, en.errorTemplate, ja.successTemplate, ja.errorTemplate]) expect(page).not.toMatch(/<script/i);
  });
});
