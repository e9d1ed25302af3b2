import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ed25519Key } from './test-keys';
import { fingerprintOfBlob } from '../../../../../src-main/services/ssh/host-key';
import { hostMatches, parseKnownHosts } from '../../../../../src-main/services/ssh/known-hosts-file';
import { KnownHostsStore } from '../../../../../src-main/services/ssh/known-hosts-store';

const ed25519Line = ed25519Key;

function hashed(host: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(host).digest('base64')}`;
}

describe('known_hosts parsing and matching', () => {
  it('matches plain, [host]:port, wildcard, negated and hashed patterns like OpenSSH', () => {
    expect(hostMatches(['jump.example', '10.0.0.4'], '10.0.0.4')).toBe(true);
    expect(hostMatches(['[10.0.0.4]:2222'], '10.0.0.4')).toBe(false);
    expect(hostMatches(['[10.0.0.4]:2222'], '[10.0.0.4]:2222')).toBe(true);
    expect(hostMatches(['*.example', '!bad.example'], 'good.example')).toBe(true);
    expect(hostMatches(['*.example', '!bad.example'], 'bad.example')).toBe(false);
    expect(hostMatches([hashed('[127.0.0.1]:2200')], '[127.0.0.1]:2200')).toBe(true);
    expect(hostMatches([hashed('[127.0.0.1]:2200')], '[127.0.0.1]:2201')).toBe(false);
  });

  it('reads @revoked lines, skips @cert-authority and malformed lines', () => {
    const a = ed25519Line();
    const text = [`# comment`, `host1 ${a.line} c`, `@revoked host2 ${a.line}`, `@cert-authority *.x ${a.line}`, `host3 ssh-ed25519 !!notbase64`, `host4 ssh-rsa ${a.blob.toString('base64')}`, ''].join('\n');
    const { lines, skipped } = parseKnownHosts(text);
    expect(lines.map((l) => [l.hosts[0], l.revoked])).toEqual([
      ['host1', false],
      ['host2', true],
    ]);
    expect(skipped).toBe(3);
  });
});

describe('KnownHostsStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kh-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says unknown, then trusted once added, and changed for another key of the same host', async () => {
    const store = new KnownHostsStore(dir);
    const a = ed25519Line();
    const b = ed25519Line();
    expect(await store.check(['jump'], 'ssh-ed25519', a.blob)).toEqual({ kind: 'unknown', fingerprint: fingerprintOfBlob(a.blob) });
    await store.add('jump', 'ssh-ed25519', a.blob, 'operator');
    expect((await store.check(['jump'], 'ssh-ed25519', a.blob)).kind).toBe('trusted');
    expect(await store.check(['jump'], 'ssh-ed25519', b.blob)).toEqual({
      kind: 'changed',
      fingerprint: fingerprintOfBlob(b.blob),
      expected: [`ssh-ed25519 ${fingerprintOfBlob(a.blob)}`],
    });
    expect((await store.check(['other'], 'ssh-ed25519', b.blob)).kind).toBe('unknown');
  });

  it('persists across instances with public data only, and forgets a removed key', async () => {
    const a = ed25519Line();
    await new KnownHostsStore(dir).add('[10.1.0.4]:22', 'ssh-ed25519', a.blob, 'azure');
    const again = new KnownHostsStore(dir);
    expect(await again.list()).toEqual([expect.objectContaining({ hostId: '[10.1.0.4]:22', source: 'azure', fingerprint: fingerprintOfBlob(a.blob) })]);
    expect(await again.remove('[10.1.0.4]:22', fingerprintOfBlob(a.blob))).toBe(true);
    expect(await again.list()).toEqual([]);
    expect(await readFile(path.join(dir, 'known-hosts.json'), 'utf8')).not.toMatch(/PRIVATE/);
  });

  it('imports hashed entries that then verify, and refuses a revoked key', async () => {
    const store = new KnownHostsStore(dir);
    const a = ed25519Line();
    const r = ed25519Line();
    const result = await store.importKnownHosts(`${hashed('[127.0.0.1]:2200')} ${a.line}\n@revoked * ${r.line}\n`);
    expect(result).toEqual({ imported: 2, skipped: 0 });
    expect((await store.check(['[127.0.0.1]:2200'], 'ssh-ed25519', a.blob)).kind).toBe('trusted');
    expect((await store.check(['[127.0.0.1]:2200'], 'ssh-ed25519', r.blob)).kind).toBe('revoked');
    expect(await store.importKnownHosts(`${hashed('x')} ${a.line}\n`)).toEqual({ imported: 1, skipped: 0 });
  });
});
