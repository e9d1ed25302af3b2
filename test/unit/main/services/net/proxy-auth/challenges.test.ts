import { describe, expect, it } from 'vitest';
import { parseProxyAuthenticate } from '../../../../../../src-main/services/net/proxy-auth/challenges';

describe('parseProxyAuthenticate', () => {
  it('reads one challenge per header, as squid sends them', () => {
    expect(parseProxyAuthenticate(['Negotiate', 'NTLM', 'Basic realm="Corp proxy"'])).toEqual([
      { scheme: 'negotiate', data: '' },
      { scheme: 'ntlm', data: '' },
      { scheme: 'basic', data: 'realm="Corp proxy"' },
    ]);
  });

  it('splits challenges joined on one line without splitting a quoted realm or parameters', () => {
    expect(parseProxyAuthenticate(['Basic realm="a, b", charset="UTF-8", NTLM TlRMTVNTUAACAAAA'])).toEqual([
      { scheme: 'basic', data: 'realm="a, b", charset="UTF-8"' },
      { scheme: 'ntlm', data: 'TlRMTVNTUAACAAAA' },
    ]);
  });

  it('keeps an NTLM type 2 token whole (base64 may end in =)', () => {
    expect(parseProxyAuthenticate(['NTLM TlRMTVNTUAACAAAADAAMADgAAAA=='])).toEqual([{ scheme: 'ntlm', data: 'TlRMTVNTUAACAAAADAAMADgAAAA==' }]);
  });
});
