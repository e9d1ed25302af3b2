import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultPolicyPath,
  loadPolicy,
  SAFE_POLICY,
  effectivePolicy,
  windowsPolicyInspection,
  type PolicyInspection,
} from '../../../../../src-main/services/policy';

// Real-shaped probe output (what the fixed PowerShell probe prints: SIDs, FileSystemRights as int32).
const ADMINS = 'S-1-5-32-544';
const SYSTEM = 'S-1-5-18';
const USERS = 'S-1-5-32-545';
const EVE = 'S-1-5-21-1004336348-1177238915-682003330-1001';
const FULL = 2032127; // FullControl 0x1F01FF
const READ_EXECUTE = 1179817; // ReadAndExecute, Synchronize
const MODIFY = 1245631; // Modify 0x1301BF
const CREATE_FILES_APPEND = 6; // CreateFiles | AppendData: what BUILTIN\Users has on C:\ProgramData

const FOLDER = 'C:\\ProgramData\\AksAccessConsole';
const FILE = `${FOLDER}\\policy.json`;

type Rule = { sid: string; rights: number; type?: 'Allow' | 'Deny'; propagate?: string };
const entry = (p: string, owner: string, rules: Rule[]) => ({
  path: p,
  exists: true,
  owner,
  rules: rules.map((r) => ({ sid: r.sid, rights: r.rights, type: r.type ?? 'Allow', propagate: r.propagate ?? 'None' })),
});
const adminAcl = (p: string) => entry(p, ADMINS, [{ sid: SYSTEM, rights: FULL }, { sid: ADMINS, rights: FULL }, { sid: USERS, rights: READ_EXECUTE }]);
const probe = (registry: unknown, paths: unknown[]) => JSON.stringify({ registry, paths });

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'winpolicy-'));
  file = path.join(dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ schemaVersion: 1, lock: { idleTimeoutMinutes: 60, sessionsOnLock: 'keep' }, network: { proxyUrl: 'http://planted.example:3128' } }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Windows inspection of FILE/FOLDER through a fake probe runner; the loader reads the temp file's text. */
const inspectWith = (stdout: string | Error): (() => PolicyInspection) =>
  windowsPolicyInspection({
    folder: FOLDER,
    file: FILE,
    runProbe: () => {
      if (stdout instanceof Error) throw stdout;
      return stdout;
    },
  });
const load = (inspect: () => PolicyInspection) => loadPolicy({ filePath: file, platform: 'win32', inspect });

describe('Windows policy location', () => {
  it('ignores the launching user\'s %ProgramData% (a standard user can point it anywhere)', () => {
    const planted = { ProgramData: 'C:\\Users\\eve\\planted' };
    // The parent took (platform, env) and followed env.ProgramData; the path must not depend on it.
    expect((defaultPolicyPath as (p: NodeJS.Platform, e?: NodeJS.ProcessEnv) => string)('win32', planted)).toBe('C:\\ProgramData\\AksAccessConsole\\policy.json');
  });
});

describe('Windows policy file ownership and ACL', () => {
  it('trusts a file and folder that only administrators can change', () => {
    const result = load(inspectWith(probe({ state: 'absent' }, [adminAcl(FOLDER), adminAcl(FILE)])));
    expect(result.source).toBe('file');
  });

  it('refuses a policy in a folder a standard user created (owner is the user): strict policy applies', () => {
    const planted = entry(FOLDER, EVE, [{ sid: EVE, rights: FULL }, { sid: SYSTEM, rights: FULL }, { sid: ADMINS, rights: FULL }]);
    const result = load(inspectWith(probe({ state: 'absent' }, [planted, entry(FILE, EVE, [{ sid: EVE, rights: FULL }])])));
    expect(result.source).toBe('invalid');
    expect(effectivePolicy(result)).toEqual(SAFE_POLICY);
    if (result.source === 'invalid') expect(result.error).toMatch(/owner/i);
  });

  it('refuses a file that BUILTIN\\Users may modify, even when administrators own it', () => {
    const loose = entry(FILE, ADMINS, [{ sid: ADMINS, rights: FULL }, { sid: USERS, rights: MODIFY }]);
    const result = load(inspectWith(probe({ state: 'absent' }, [adminAcl(FOLDER), loose])));
    expect(result.source).toBe('invalid');
    if (result.source === 'invalid') expect(result.error).toContain(USERS);
  });

  it('refuses a folder where users may create files, and ignores inherit-only and deny entries', () => {
    const createFiles = entry(FOLDER, ADMINS, [{ sid: ADMINS, rights: FULL }, { sid: USERS, rights: CREATE_FILES_APPEND }]);
    expect(load(inspectWith(probe({ state: 'absent' }, [createFiles, adminAcl(FILE)]))).source).toBe('invalid');
    const harmless = entry(FOLDER, SYSTEM, [
      { sid: ADMINS, rights: FULL },
      { sid: 'S-1-3-0', rights: FULL, propagate: 'InheritOnly' },
      { sid: USERS, rights: MODIFY, type: 'Deny' },
    ]);
    expect(load(inspectWith(probe({ state: 'absent' }, [harmless, adminAcl(FILE)]))).source).toBe('file');
  });

  it('treats GENERIC_WRITE and GENERIC_ALL (negative or high bits) for Everyone as writable', () => {
    for (const rights of [0x40000000, 0x10000000]) {
      const generic = entry(FILE, ADMINS, [{ sid: 'S-1-1-0', rights }]);
      expect(load(inspectWith(probe({ state: 'absent' }, [adminAcl(FOLDER), generic]))).source).toBe('invalid');
    }
  });

  it('fails closed when the ACL cannot be read (PowerShell blocked by AppLocker or WDAC)', () => {
    const result = load(inspectWith(new Error('This program is blocked by group policy.')));
    expect(result.source).toBe('invalid');
    expect(effectivePolicy(result)).toEqual(SAFE_POLICY);
  });
});

describe('Windows registry policy', () => {
  const registryPolicy = { schemaVersion: 1, lock: { idleTimeoutMinutes: 3 } };
  it('reads a whole pretty-printed value (REG_MULTI_SZ joined, REG_SZ with CRLF), not its first line', () => {
    for (const text of [JSON.stringify(registryPolicy, null, 2).replace(/\n/g, '\r\n'), JSON.stringify(registryPolicy, null, 2)]) {
      const result = load(inspectWith(probe({ state: 'value', text }, [])));
      expect(result.source).toBe('registry');
      expect(effectivePolicy(result).idleTimeoutMinutes).toBe(3);
    }
  });

  it('treats a registry that could not be read as "policy unavailable": strict, never the permissive defaults', () => {
    rmSync(file);
    const result = load(inspectWith(probe({ state: 'unreadable', reason: 'Requested registry access is not allowed.' }, [])));
    expect(result.source).toBe('invalid');
    expect(effectivePolicy(result)).toEqual(SAFE_POLICY);
  });

  it('treats output that is not the probe\'s JSON as unreadable (strict)', () => {
    rmSync(file);
    expect(load(inspectWith('{')).source).toBe('invalid');
  });

  it('with no registry value and no file, the defaults apply', () => {
    rmSync(file);
    const noFile = { path: FILE, exists: false };
    expect(load(inspectWith(probe({ state: 'absent' }, [adminAcl(FOLDER), noFile]))).source).toBe('none');
  });
});

describe('Windows policy probe script', () => {
  it('names each path as a single-quoted literal (a quote in a path cannot end it) and asks for SIDs', async () => {
    const { windowsProbeScript } = await import('../../../../../src-main/services/policy');
    const script = windowsProbeScript(["C:\\ProgramData\\O'Brien", FILE]);
    expect(script).toContain("(Describe 'C:\\ProgramData\\O''Brien')");
    expect(script).toContain("Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\AksAccessConsole");
    expect(script).toContain('DoNotExpandEnvironmentNames');
    expect(script).toContain('GetOwner($sid)');
  });
});
