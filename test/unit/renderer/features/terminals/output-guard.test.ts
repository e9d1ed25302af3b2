import { describe, expect, it } from 'vitest';
import { checkTerminalLink, findHttpsLinks, sanitizeTitle } from '../../../../../src-renderer/features/terminals/output-guard';

describe('terminal output guard', () => {
  it('allows only https links without credentials', () => {
    expect(checkTerminalLink('https://portal.azure.com/#home')).toEqual({ allowed: true, url: 'https://portal.azure.com/#home' });
    expect(checkTerminalLink('javascript:alert(1)')).toEqual({ allowed: false, reason: 'scheme' });
    expect(checkTerminalLink('file:///etc/passwd')).toEqual({ allowed: false, reason: 'scheme' });
    expect(checkTerminalLink('http://example.com')).toEqual({ allowed: false, reason: 'scheme' });
    expect(checkTerminalLink('https://user:pw@example.com')).toEqual({ allowed: false, reason: 'credentials' });
    expect(checkTerminalLink('not a url')).toEqual({ allowed: false, reason: 'not-a-url' });
  });

  it('detects https URLs in a line with their columns, trimming trailing punctuation', () => {
    const line = 'see https://learn.microsoft.com/azure/aks. or http://x.test and file:///a';
    const links = findHttpsLinks(line);
    expect(links).toEqual([{ url: 'https://learn.microsoft.com/azure/aks', start: 4, end: 41 }]);
    expect(line.slice(4, 41)).toBe('https://learn.microsoft.com/azure/aks');
  });

  it('strips control and bidi characters from titles and bounds their length', () => {
    expect(sanitizeTitle('ok\u001b]0;evil\u0007\u202etxt.exe')).toBe('ok]0;eviltxt.exe');
    expect(sanitizeTitle('x'.repeat(200)).length).toBe(80);
  });
});
