import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppConfig } from '../../../../../src-main/config/app-config';
import {
  DEFAULT_POLICY,
  defaultPolicyPath,
  posixPolicyInspection,
  policyJsonSchema,
  PolicyService,
  SAFE_POLICY,
} from '../../../../../src-main/services/policy';
import { MemoryLogger } from '../../../../support/memory-logger';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'policy-'));
  file = path.join(dir, 'policy.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (value: unknown) => {
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value), { mode: 0o644 });
  chmodSync(file, 0o644);
};
const service = () => new PolicyService({ sources: { filePath: file }, log: new MemoryLogger(), watchIntervalMs: 0 });

describe('PolicyService', () => {
  it('uses the defaults when there is no policy', () => {
    const p = service();
    expect(p.view()).toMatchObject({ source: 'none', error: null, enforced: [] });
    expect(p.effective()).toEqual(DEFAULT_POLICY);
    const config = AppConfig.parse({});
    expect(p.applyTo(config)).toEqual(config);
  });

  it('applies a valid policy on top of the configuration and lists what it enforces', () => {
    write({
      schemaVersion: 1,
      auth: { allowedTenants: [TENANT.toUpperCase()], deviceCodeAllowed: false },
      lock: { idleTimeoutMinutes: 7, sessionsOnLock: 'close' },
      network: { proxyUrl: 'http://proxy.corp:3128', noProxy: ['.corp'] },
      externalLinks: { allowedHosts: ['learn.microsoft.com'] },
      settings: { language: 'ja' },
    });
    const p = service();
    expect(p.view()).toMatchObject({
      source: 'file',
      error: null,
      enforcedSettings: { language: 'ja' },
      enforced: ['auth.allowedTenants', 'auth.deviceCodeAllowed', 'externalLinks.allowedHosts', 'lock.idleTimeoutMinutes', 'lock.sessionsOnLock', 'network.noProxy', 'network.proxyUrl', 'settings.language'],
    });
    expect(p.effective()).toMatchObject({ idleTimeoutMinutes: 7, sessionsOnLock: 'close', deviceCodeAllowed: false, proxy: 'policy' });
    const applied = p.applyTo(AppConfig.parse({ network: { proxyUrl: 'http://user.choice:1' } }));
    expect(applied.auth.allowedTenants).toEqual([TENANT]);
    expect(applied.auth.deviceCode).toBe('disabled');
    expect(applied.network).toMatchObject({ proxyUrl: 'http://proxy.corp:3128', noProxy: ['.corp'] });
    expect(applied.externalLinkHosts).toEqual(['learn.microsoft.com']);
  });

  it('makes the OS broker required (not merely preferred) when the policy says brokerRequired', () => {
    write({ schemaVersion: 1, auth: { brokerRequired: true } });
    expect(service().applyTo(AppConfig.parse({ auth: { broker: 'off' } })).auth.broker).toBe('required');
    write({ schemaVersion: 1, auth: { brokerRequired: false } });
    expect(service().applyTo(AppConfig.parse({ auth: { broker: 'off' } })).auth.broker).toBe('off');
  });

  it.each([
    ['not JSON', '{ schemaVersion: 1', /not JSON/],
    ['an unknown field', { schemaVersion: 1, lock: { idleTimeout: 5 } }, /lock: Unrecognized key/],
    ['a wrong version', { schemaVersion: 2 }, /schemaVersion/],
    ['an out-of-range value', { schemaVersion: 1, lock: { idleTimeoutMinutes: 0 } }, /lock.idleTimeoutMinutes/],
    ['an http authority', { schemaVersion: 1, auth: { authorityHost: 'http://login.example' } }, /auth.authorityHost/],
  ])('falls back to strict defaults with a reason for %s, never throwing', (_name, content, reason) => {
    write(content);
    const p = service();
    expect(p.view()).toMatchObject({ source: 'invalid', error: expect.stringMatching(reason), enforced: [] });
    expect(p.effective()).toEqual(SAFE_POLICY);
    expect(p.applyTo(AppConfig.parse({})).auth.deviceCode).toBe('disabled');
  });

  it('refuses a policy file that others than root could have written', () => {
    write({ schemaVersion: 1 });
    chmodSync(file, 0o666);
    expect(service().view()).toMatchObject({ source: 'invalid', error: expect.stringMatching(/owned by root and writable by nobody else/) });
  });

  it('prefers the Windows registry value when present', () => {
    write({ schemaVersion: 1, lock: { idleTimeoutMinutes: 30 } });
    const inspect = () => ({ ...posixPolicyInspection(file), registry: { state: 'value' as const, text: JSON.stringify({ schemaVersion: 1, lock: { idleTimeoutMinutes: 3 } }) } });
    const p = new PolicyService({ sources: { filePath: file, inspect }, log: new MemoryLogger(), watchIntervalMs: 0 });
    expect(p.view()).toMatchObject({ source: 'registry' });
    expect(p.effective().idleTimeoutMinutes).toBe(3);
  });

  it('reports a change on reload and records it in the audit log', () => {
    const events: unknown[] = [];
    const p = service();
    p.watch({ record: async (e) => events.push(e) });
    const seen: string[] = [];
    p.onDidChange((v) => seen.push(v.source));
    expect(p.reload()).toBe(false);
    write({ schemaVersion: 1, ssh: { requireJitBeforeSsh: true } });
    expect(p.reload()).toBe(true);
    expect(seen).toEqual(['file']);
    expect(events).toEqual([expect.objectContaining({ type: 'policy.change', details: expect.objectContaining({ source: 'file', previousSource: 'none', enforced: ['ssh.requireJitBeforeSsh'] }) })]);
    p.dispose();
  });

  it('names a machine-wide location per OS', () => {
    expect(defaultPolicyPath('linux')).toBe('/etc/aks-access-console/policy.json');
    expect(defaultPolicyPath('darwin')).toBe('/Library/Application Support/AksAccessConsole/policy.json');
    expect(defaultPolicyPath('win32')).toBe('C:\\ProgramData\\AksAccessConsole\\policy.json');
  });

  it('publishes resources/policy.schema.json generated from the zod schema', () => {
    const published = JSON.parse(readFileSync(path.resolve('resources/policy.schema.json'), 'utf8')) as unknown;
    expect(published, 'regenerate with: npx tsx scripts/policy-schema.ts').toEqual(policyJsonSchema());
  });
});

describe('policy folder and encodings', () => {
  it('refuses a policy whose folder others than root could write (the file could be replaced)', () => {
    write({ schemaVersion: 1 });
    chmodSync(dir, 0o777);
    expect(service().view()).toMatchObject({ source: 'invalid', error: expect.stringMatching(/folder must be owned by root/) });
    chmodSync(dir, 0o700);
  });

  it('reads a policy saved with a BOM or as UTF-16 (PowerShell, Notepad), not as invalid', () => {
    const json = JSON.stringify({ schemaVersion: 1, lock: { idleTimeoutMinutes: 9 } });
    const utf16be = Buffer.from(`\uFEFF${json}`, 'utf16le').swap16();
    for (const bytes of [Buffer.from(`\uFEFF${json}`), Buffer.from(`\uFEFF${json}`, 'utf16le'), utf16be]) {
      writeFileSync(file, bytes);
      expect(service().effective().idleTimeoutMinutes).toBe(9);
    }
  });
});
