import { describe, expect, it } from 'vitest';
import { AuthNetworkError, MsalHttp, type HttpRequester } from '../../../../../src-main/services/auth/msal-http';

function requester(answer: (init: Parameters<HttpRequester['request']>[1]) => Promise<{ status: number; body: string }>): HttpRequester & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    async request(url, init) {
      calls.push({ url, ...init, signal: undefined });
      const r = await answer(init);
      return { status: r.status, headers: { 'content-type': 'application/json' }, body: Buffer.from(r.body) };
    },
  };
}

describe('MsalHttp', () => {
  it('sends MSAL requests through the net stack with a deadline on POSTs too', async () => {
    const http = requester(async () => ({ status: 200, body: '{"ok":true}' }));
    const client = new MsalHttp(http, 1234);
    const answer = await client.sendPostRequestAsync('https://login.example/t/oauth2/v2.0/token', { headers: { a: 'b' }, body: 'x=1' });
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    expect(http.calls[0]).toMatchObject({ method: 'POST', body: 'x=1', timeoutMs: 1234, headers: { a: 'b' } });
  });

  it('turns a non-JSON body into an OAuth-shaped error MSAL reports', async () => {
    const client = new MsalHttp(requester(async () => ({ status: 200, body: '<html>proxy login</html>' })), 1000);
    expect((await client.sendGetRequestAsync('https://login.example/x')).body).toMatchObject({ error: 'invalid_response' });
  });

  it('names the host and the deadline when the authority does not answer', async () => {
    const client = new MsalHttp(
      requester((init) => new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))))),
      50,
    );
    const error = await client.sendPostRequestAsync('https://login.example/t/token', { body: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthNetworkError);
    expect((error as Error).message).toBe('Network request to login.example failed: no answer within 50 ms');
  });
});
