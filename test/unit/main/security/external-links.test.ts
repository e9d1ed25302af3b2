import { describe, expect, it } from 'vitest';
import { checkExternalLink, signInHostsFor } from '../../../../src-main/security/external-links';

describe('checkExternalLink', () => {
  it.each([
    'https://portal.azure.com/#view/HubsExtension/BrowseResource',
    'https://learn.microsoft.com/azure/aks/private-clusters',
    'https://docs.learn.microsoft.com/x',
  ])('opens allow-listed https link %s', (url) => {
    expect(checkExternalLink(url)).toMatchObject({ ok: true });
  });

  it.each([
    ['file:///etc/passwd', /scheme/],
    ['javascript:alert(1)', /scheme/],
    ['http://portal.azure.com/', /scheme/],
    ['https://evil.example/', /allow-list/],
    ['https://portal.azure.com.evil.example/', /allow-list/],
    ['https://user:pw@portal.azure.com/', /credentials/],
    ['https://portal.azure.com:8443/', /port/],
    ['not a url', /valid/],
    ['smb://host/share', /scheme/],
  ])('refuses %s', (url, reason) => {
    const verdict = checkExternalLink(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it('honours a narrower allow-list from policy', () => {
    expect(checkExternalLink('https://learn.microsoft.com/', ['portal.azure.com']).ok).toBe(false);
  });

  describe('never opens a sign-in endpoint, whatever the allow-list says', () => {
    const redirector = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&response_type=code&redirect_uri=https%3A%2F%2Fevil.example%2Fcb';
    it.each([
      redirector,
      'https://login.microsoftonline.com/',
      'https://LOGIN.microsoftonline.com/common/oauth2/v2.0/logout?post_logout_redirect_uri=https://evil.example/',
      'https://device.login.microsoftonline.com/',
      'https://login.microsoftonline.us/x/oauth2/authorize',
      'https://login.partner.microsoftonline.cn/x',
      'https://login.live.com/oauth20_authorize.srf',
      'https://login.windows.net/common/oauth2/authorize',
      'https://login.microsoft.com/common/oauth2/authorize',
    ])('refuses %s', (url) => {
      const verdict = checkExternalLink(url, ['microsoftonline.com', 'microsoftonline.us', 'microsoftonline.cn', 'live.com', 'windows.net', 'microsoft.com']);
      expect(verdict).toEqual({ ok: false, reason: 'sign-in endpoints are never opened from links' });
    });

    it('refuses the configured authority host too (sovereign cloud, stand-in)', () => {
      const hosts = signInHostsFor('https://login.sovereign.example');
      expect(checkExternalLink('https://login.sovereign.example/t/oauth2/v2.0/authorize', ['sovereign.example'], hosts).ok).toBe(false);
      expect(checkExternalLink('https://docs.sovereign.example/', ['sovereign.example'], hosts).ok).toBe(true);
    });
  });
});
