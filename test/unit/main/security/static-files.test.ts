import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../../src-main/security/csp';
import { serveRendererAsset } from '../../../../src-main/security/static-files';

describe('serveRendererAsset', () => {
  let base: string;
  let root: string;
  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'aksc-static-'));
    root = path.join(base, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<html></html>');
    await writeFile(path.join(root, 'assets', 'a.js'), 'x');
    await writeFile(path.join(base, 'secret.json'), '{"s":1}');
    await symlink(path.join(base, 'secret.json'), path.join(root, 'link.json'));
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('serves index.html for / with the CSP and nosniff headers', async () => {
    const res = await serveRendererAsset(root, '/');
    expect(res.status).toBe(200);
    expect(res.headers['Content-Type']).toMatch(/text\/html/);
    expect(res.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('serves assets with their type', async () => {
    const res = await serveRendererAsset(root, '/assets/a.js?v=1');
    expect(res.status).toBe(200);
    expect(res.headers['Content-Type']).toMatch(/javascript/);
  });

  it.each(['/../secret.json', '/%2e%2e/secret.json', '/assets/../../secret.json', '/link.json', '/nope.js', '/assets/a.exe', '/%E0%A4%A'])(
    'refuses %s',
    async (urlPath) => {
      const res = await serveRendererAsset(root, urlPath);
      expect(res.status).not.toBe(200);
      expect(res.body.toString()).not.toContain('"s":1');
    },
  );
});
