import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../../../../src-main/services/net';
import { makeTestTls, type TestTls } from './test-tls';

let tls: TestTls;
beforeAll(() => {
  tls = makeTestTls();
});

describe('TrustStore', () => {
  it('holds Node roots only by default', () => {
    const store = new TrustStore();
    expect(store.ca).toHaveLength(rootCertificates.length);
    expect(store.extra).toEqual([]);
  });

  it('adds a policy CA bundle file on top of the roots', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'trust-')), 'bundle.pem');
    writeFileSync(file, `# corp bundle\n${tls.caPem}\n${tls.certPem}`);
    const store = new TrustStore({ caBundleFile: file });
    expect(store.extra).toHaveLength(2);
    expect(store.ca).toHaveLength(rootCertificates.length + 2);
    expect(store.describeExtra()[0]).toContain('stand-in test CA');
  });

  it('refuses a bundle without certificates or with a broken one', () => {
    expect(() => new TrustStore({ extraCaPem: 'not a pem' })).toThrow(/no PEM certificate/);
    const broken = tls.caPem.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
    expect(() => new TrustStore({ extraCaPem: broken })).toThrow(/does not parse/);
    expect(() => new TrustStore({ caBundleFile: '/nonexistent/bundle.pem' })).toThrow(/ENOENT/);
  });
});
