import { describe, expect, it } from 'vitest';
import { ProxyRefusalMemo, withProxyReason } from '../../../../../src-main/services/auth/proxy-refusal';
import { toAuthAppError } from '../../../../../src-main/services/auth/auth-errors';
import { MsalHttp, type HttpRequester } from '../../../../../src-main/services/auth/msal-http';
import { AppError } from '../../../../../src-main/services/errors/app-error';
import { ProxyAuthError } from '../../../../../src-main/services/net/proxy-auth/errors';

const ANSWER = { status: 200, headers: {}, body: Buffer.from('{}') };
const refusal = (reason: ProxyAuthError['reason'] = 'no-ticket') => new ProxyAuthError('the proxy refused the tunnel', reason, ['negotiate', 'basic'], undefined, 'proxy.corp.example:8080');

/** A requester whose answers are queued: an Error is thrown, anything else is the response. */
function scripted(...outcomes: Array<Error | typeof ANSWER>): HttpRequester {
  return {
    async request() {
      const next = outcomes.shift();
      if (next instanceof Error) throw next;
      return next ?? ANSWER;
    },
  };
}

describe('a sign-in error that names the proxy reason', () => {
  it('remembers the refusal behind the latest failed authority call through MsalHttp, and forgets it on the next answer or other failure', async () => {
    const memo = new ProxyRefusalMemo(scripted(refusal(), ANSWER, refusal(), Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })));
    const msal = new MsalHttp(memo, 5_000);
    const url = 'https://login.example/common/discovery/instance';
    await expect(msal.sendGetRequestAsync(url)).rejects.toThrow(/failed/);
    expect(memo.refusal()).toMatchObject({ reason: 'no-ticket', proxy: 'proxy.corp.example:8080' });
    await msal.sendGetRequestAsync(url);
    expect(memo.refusal()).toBeUndefined();
    await expect(msal.sendGetRequestAsync(url)).rejects.toThrow();
    expect(memo.refusal()).toBeDefined();
    await expect(msal.sendGetRequestAsync(url)).rejects.toThrow();
    expect(memo.refusal()).toBeUndefined();
  });

  it('turns auth.network into a coded message per reason, with the proxy and the schemes as params', () => {
    const network = toAuthAppError(new AppError('auth.network', 'The sign-in service could not be reached (endpoints_resolution_error).'));
    const error = withProxyReason(network, refusal('no-ticket'));
    expect(error).toMatchObject({ code: 'auth.proxy_no_ticket', params: { proxy: 'proxy.corp.example:8080', schemes: 'Negotiate (Kerberos), Basic', scheme: '' } });
    expect(error.message).toContain('klist');
    const codes = (['no-ticket', 'kerberos-failed', 'rejected', 'no-credentials', 'basic-forbidden', 'scheme-not-allowed', 'unsupported-scheme', 'host-not-allowed'] as const).map((r) => withProxyReason(network, refusal(r)).code);
    expect(new Set(codes).size).toBe(8);
    expect(codes.every((c) => c.startsWith('auth.proxy_'))).toBe(true);
  });

  it('leaves other errors and network errors without a refusal as they are', () => {
    const declined = new AppError('auth.declined', 'Sign-in was declined.');
    expect(withProxyReason(declined, refusal())).toBe(declined);
    const network = new AppError('auth.network', 'The sign-in service could not be reached.');
    expect(withProxyReason(network, undefined)).toBe(network);
  });
});
