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

  it('strips every format character and line or paragraph separator from titles (Unicode Cf, Zl, Zp, bidi marks)', () => {
    const invisible = {
      'word joiner': '\u2060',
      'soft hyphen': '\u00ad',
      'Mongolian vowel separator': '\u180e',
      'line separator': '\u2028',
      'paragraph separator': '\u2029',
      'Arabic letter mark': '\u061c',
      'left-to-right mark': '\u200e',
      'right-to-left isolate': '\u2067',
      'zero width no-break space': '\ufeff',
      'interlinear annotation': '\ufff9',
      'language tag': '\u{e0001}',
      'C1 control': '\u0085',
    };
    for (const [name, ch] of Object.entries(invisible)) expect(sanitizeTitle(`ad${ch}min`), name).toBe('admin');
  });

  it('cuts a long title at whole characters, never inside a surrogate pair', () => {
    for (let lead = 0; lead < 4; lead++) {
      const title = sanitizeTitle(`${'a'.repeat(lead)}${'\u{1f680}'.repeat(100)}`);
      expect(title.endsWith('…'), `lead ${lead}`).toBe(true);
      expect(title, `lead ${lead}`).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      expect(Array.from(title).length).toBeLessThanOrEqual(80);
    }
    expect(sanitizeTitle('lone \ud800 half')).toBe('lone  half');
  });
});
