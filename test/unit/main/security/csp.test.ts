import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../../src-main/security/csp';

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0]!, d] as const));
}

describe('Content Security Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);
  it('allows scripts only from our origin, with no inline or eval', () => {
    expect(csp.get('script-src')).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
  it('gives the renderer no network, frames, objects or base rewriting', () => {
    for (const d of ['default-src', 'connect-src', 'frame-src', 'object-src', 'base-uri', 'form-action']) {
      expect(csp.get(d)).toBe(`${d} 'none'`);
    }
  });
  it('is the same policy in index.html (except frame-ancestors, which meta tags cannot carry)', () => {
    const html = readFileSync('src-renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const fromMeta = directives(meta!);
    for (const [name, value] of csp) if (name !== 'frame-ancestors') expect(fromMeta.get(name)).toBe(value);
  });
});
