import { execFileSync } from 'node:child_process';
import { z } from 'zod';
import type { PolicyInspection, RegistryRead } from './policy-inspection';

/** Registry key Windows policy may use instead of the file (GPO / Intune ADMX ingestion). */
export const POLICY_REGISTRY_KEY = 'HKLM\\SOFTWARE\\Policies\\AksAccessConsole';
/** Registry value holding the policy JSON (REG_SZ, REG_EXPAND_SZ or REG_MULTI_SZ). */
export const POLICY_REGISTRY_VALUE = 'PolicyJson';
/**
 * Windows PowerShell by absolute path: never a PATH lookup and never `%SystemRoot%`, both of which
 * the launching user controls. A machine whose Windows is not on C: fails closed (strict policy).
 */
export const WINDOWS_POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

// Well-known SIDs that may own or write the policy (names are localised; SIDs are not).
const ADMIN_SIDS = new Set([
  'S-1-5-18', // NT AUTHORITY\SYSTEM
  'S-1-5-32-544', // BUILTIN\Administrators
  'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464', // NT SERVICE\TrustedInstaller
]);
// FileSystemRights bits that let a principal change a file, or what a folder contains.
const FILE_WRITE_BITS = 0x2 | 0x4 | 0x10 | 0x10000 | 0x40000 | 0x80000 | 0x10000000 | 0x40000000;
const FOLDER_WRITE_BITS = FILE_WRITE_BITS | 0x40; // + DeleteSubdirectoriesAndFiles

const AclEntry = z.object({
  sid: z.string(),
  rights: z.number().int(),
  type: z.enum(['Allow', 'Deny']),
  propagate: z.string().default('None'),
});
const PathFacts = z.union([
  z.object({ path: z.string(), exists: z.literal(false) }),
  z.object({ path: z.string(), exists: z.literal(true), owner: z.string(), rules: z.array(AclEntry) }),
  z.object({ path: z.string(), error: z.string() }),
]);
const ProbeOutput = z.object({
  registry: z.union([
    z.object({ state: z.literal('absent') }),
    z.object({ state: z.literal('value'), text: z.string() }),
    z.object({ state: z.literal('unreadable'), reason: z.string() }),
  ]),
  paths: z.array(PathFacts),
});
type PathFactsValue = z.infer<typeof PathFacts>;

/** Single-quoted PowerShell literal. */
const psLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * The fixed probe: reads the whole registry value (multi-string lines joined, environment names
 * not expanded) and the owner and access rules of each path as SIDs and rights numbers, as JSON.
 */
export function windowsProbeScript(paths: readonly string[]): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
    '$sid = [System.Security.Principal.SecurityIdentifier]',
    '$out = @{}',
    'try {',
    `  $key = Get-Item -LiteralPath ${psLiteral(`Registry::${POLICY_REGISTRY_KEY.replace(/^HKLM/, 'HKEY_LOCAL_MACHINE')}`)}`,
    `  $v = $key.GetValue(${psLiteral(POLICY_REGISTRY_VALUE)}, $null, 'DoNotExpandEnvironmentNames')`,
    "  if ($null -eq $v) { $out.registry = @{ state = 'absent' } }",
    "  else { if ($v -is [array]) { $v = $v -join \"`n\" }; $out.registry = @{ state = 'value'; text = [string]$v } }",
    "} catch [System.Management.Automation.ItemNotFoundException] { $out.registry = @{ state = 'absent' } }",
    "  catch { $out.registry = @{ state = 'unreadable'; reason = $_.Exception.Message } }",
    'function Describe($p) {',
    '  try {',
    '    if (-not (Test-Path -LiteralPath $p)) { return @{ path = $p; exists = $false } }',
    '    $acl = Get-Acl -LiteralPath $p',
    '    $rules = @($acl.GetAccessRules($true, $true, $sid) | ForEach-Object { @{ sid = $_.IdentityReference.Value; rights = $_.FileSystemRights.value__; type = $_.AccessControlType.ToString(); propagate = $_.PropagationFlags.ToString() } })',
    '    return @{ path = $p; exists = $true; owner = $acl.GetOwner($sid).Value; rules = $rules }',
    '  } catch { return @{ path = $p; error = $_.Exception.Message } }',
    '}',
    `$out.paths = @(${paths.map((p) => `(Describe ${psLiteral(p)})`).join(', ')})`,
    '$out | ConvertTo-Json -Depth 6 -Compress',
  ].join('\n');
}

/** Why a principal other than SYSTEM, Administrators or TrustedInstaller may change the path; null when none can. */
export function judgeWindowsAcl(facts: PathFactsValue, what: 'file' | 'folder'): string | null {
  if ('error' in facts) return `the policy ${what}'s permissions cannot be read (${facts.error})`;
  if (!facts.exists) return null;
  if (!ADMIN_SIDS.has(facts.owner)) return `the policy ${what} ${facts.path} must be owned by Administrators or SYSTEM (owner: ${facts.owner})`;
  const bits = what === 'file' ? FILE_WRITE_BITS : FOLDER_WRITE_BITS;
  const writers = facts.rules
    .filter((r) => r.type === 'Allow' && !/InheritOnly/.test(r.propagate) && !ADMIN_SIDS.has(r.sid) && ((r.rights >>> 0) & bits) !== 0)
    .map((r) => r.sid);
  return writers.length ? `the policy ${what} ${facts.path} may be changed by non-administrators (${[...new Set(writers)].join(', ')})` : null;
}

/** Where the Windows probe looks, and how it runs (the runner is the port tests replace). */
export interface WindowsPolicyProbeOptions {
  readonly folder: string;
  readonly file: string;
  /** Runs the probe script and returns its standard output; throws when it cannot run. */
  readonly runProbe: (script: string) => string;
}

/**
 * Inspects the Windows policy sources with one probe per load. Anything that cannot be read or
 * parsed (PowerShell blocked by AppLocker/WDAC, a timeout, odd output) fails closed: the registry
 * reads as unreadable and both paths as not admin-only, so the strict policy applies.
 */
export function windowsPolicyInspection(options: WindowsPolicyProbeOptions): () => PolicyInspection {
  return () => {
    let parsed: z.infer<typeof ProbeOutput>;
    try {
      const result = ProbeOutput.safeParse(JSON.parse(options.runProbe(windowsProbeScript([options.folder, options.file])).replace(/^\uFEFF/, '')));
      if (!result.success) throw new Error('the policy probe answered in an unexpected shape');
      parsed = result.data;
    } catch (error) {
      const reason = `the machine policy could not be inspected (${(error as Error).message})`;
      return { registry: { state: 'unreadable', reason }, adminOnly: () => reason };
    }
    const registry: RegistryRead = parsed.registry;
    const factsFor = (p: string) => parsed.paths.find((f) => f.path.toLowerCase() === p.toLowerCase());
    return {
      registry,
      adminOnly: (target) => {
        const p = target === 'file' ? options.file : options.folder;
        const facts = factsFor(p);
        return facts ? judgeWindowsAcl(facts, target) : `the policy ${target} was not inspected`;
      },
    };
  };
}

/** Runs the probe with Windows PowerShell by absolute path (no profile, no prompt, bounded in time). */
export function runWindowsPowerShell(script: string): string {
  return execFileSync(
    WINDOWS_POWERSHELL,
    ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')],
    { encoding: 'utf8', windowsHide: true, timeout: 15_000, maxBuffer: 4 * 1024 * 1024 },
  );
}
