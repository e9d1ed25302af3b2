import { describe, expect, it } from 'vitest';
import { checkExternalLink } from '../../../../src-main/security/external-links';

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
});
