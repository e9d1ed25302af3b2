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

describe('TrustStore on a Windows PAW', () => {
  const write = (bytes: Buffer | string, name = 'corp-ca.cer') => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'trust-')), name);
    writeFileSync(file, bytes);
    return file;
  };
  const derOf = (pem: string) => Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');

  it('trusts the OS certificate store (where Intune deploys the TLS-inspecting proxy\'s CA)', () => {
    const store = new TrustStore({ systemCertificates: () => [tls.caPem] });
    expect(store.ca.map((pem) => pem.trim())).toContain(tls.caPem.trim());
    expect(store.ca.length).toBe(rootCertificates.length + 1);
  });

  it('keeps working when the OS store cannot be read, and says so', () => {
    const store = new TrustStore({ systemCertificates: () => { throw new Error('store locked'); } });
    expect(store.ca).toHaveLength(rootCertificates.length);
    expect(store.warnings.join(' ')).toMatch(/certificate store.*store locked/);
  });

  it('reads a CA exported as DER (.cer), and PEM written as UTF-16 or with a BOM (PowerShell)', () => {
    const variants = [
      derOf(tls.caPem),
      Buffer.from(`\uFEFF${tls.caPem}`, 'utf16le'),
      Buffer.from(`\uFEFF${tls.caPem}`, 'utf16le').swap16(),
      Buffer.from(`\uFEFF${tls.caPem.replace(/\n/g, '\r\n')}`, 'utf8'),
    ];
    for (const bytes of variants) {
      const store = new TrustStore({ caBundleFile: write(bytes) });
      expect(store.describeExtra()).toEqual([expect.stringContaining('stand-in test CA')]);
    }
  });

  it('names the file and what to do when a CA file is not a certificate', () => {
    const file = write(Buffer.from([0x30, 0x82, 0x01, 0x00, 0xde, 0xad]));
    expect(() => new TrustStore({ caBundleFile: file })).toThrow(new RegExp(`${file.replace(/[\\.]/g, '\\$&')}.*(PEM or DER)`));
  });
});
