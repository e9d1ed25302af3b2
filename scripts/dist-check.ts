/**
 * `npm run dist:check`: validates the installer configuration without the Electron binary.
 * Checks electron-builder's own schema, the targets (Windows NSIS+MSI per-machine, macOS dmg with
 * hardened runtime and minimal entitlements, Linux AppImage+deb), flips the fuses with the real
 * afterPack hook on a stand-in binary carrying Electron's fuse wire and reads them back, and checks
 * what goes into the package (built bundles only: no tests, stand-ins, demo mode or source maps).
 * Exit code 0 when every check passes; each failure is printed.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import afterPack from '../build/after-pack.mjs';
import { FUSES } from '../build/fuses.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One check's outcome. */
export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The fuse settings the issue requires, by name. */
export const REQUIRED_FUSES: Readonly<Record<string, boolean>> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};

const TEST_ONLY_PACKAGES = /^(vitest|@vitest\/|playwright|@playwright\/|playwright-core|fast-check|jsdom|@testing-library\/|@axe-core\/|tsx|electron|electron-builder|@electron\/fuses|typescript|eslint)/;
const FORBIDDEN_IN_PACKAGE = /(^|\/)(test|tests|standins|demo|bench|scripts|src-main|src-renderer|docs)(\/|$)|\.map$|\.tsx?$/;
const FORBIDDEN_IN_BUNDLE = ['test/standins', 'standins/', 'scripts/demo', 'startHarness', 'startEntraStandin', 'MemorySecretStore'];
const FORBIDDEN_ENTITLEMENTS = ['com.apple.security.get-task-allow', 'com.apple.security.cs.disable-library-validation', 'com.apple.security.cs.allow-dyld-environment-variables', 'com.apple.security.device.camera', 'com.apple.security.device.audio-input', 'com.apple.security.automation.apple-events'];

/** File kinds Windows code integrity (WDAC/AppLocker publisher rules) checks when they load. */
const NATIVE_BINARY = /\.(node|dll|exe)$/i;
/** The WAM broker plugin for Windows sign-in (policy `auth.brokerRequired`). */
const BROKER_PACKAGES = ['@azure/msal-node-extensions', '@azure/msal-node-runtime'];

/** Shipped native binaries whose extension electron-builder's `signExts` does not sign. */
export function unsignedNativeBinaries(files: readonly string[], signExts: readonly string[] | undefined): string[] {
  const signed = new Set((signExts ?? []).map((e) => e.toLowerCase()));
  return files.filter((f) => NATIVE_BINARY.test(f) && !signed.has(path.extname(f).toLowerCase()));
}

/** Every production dependency (transitively) as folder -> name, resolved the way Node resolves them. */
export function productionPackages(from = root): Map<string, string> {
  const found = new Map<string, string>(); // folder -> package name
  const visit = (dir: string) => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      let base = dir;
      let location: string | undefined;
      for (;;) {
        const candidate = path.join(base, 'node_modules', name);
        if (statSync(candidate, { throwIfNoEntry: false })?.isDirectory()) {
          location = candidate;
          break;
        }
        const up = path.dirname(base);
        if (up === base || !up.startsWith(from)) break;
        base = up;
      }
      if (!location || found.has(location)) continue;
      found.set(location, name);
      visit(location);
    }
  };
  visit(from);
  return found;
}

type Target = { target: string; arch?: string[] };
type Config = Record<string, unknown> & {
  files: string[];
  win: { target: Target[]; signExts?: string[] };
  nsis: Record<string, unknown>;
  msi: Record<string, unknown>;
  mac: Record<string, unknown> & { target: Target[] };
  linux: { target: Target[] };
  afterPack: string;
  asarUnpack: string[];
  asar: boolean;
};

function check(results: CheckResult[], name: string, ok: boolean, detail: string): void {
  results.push({ name, ok, detail });
}

function targetsOf(list: Target[]): string[] {
  return list.map((t) => t.target).sort();
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/** The marker Electron binaries carry in front of their fuse wire (@electron/fuses searches for it). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Electron's shipped fuse defaults (docs/tutorial/fuses), used to build a stand-in binary. */
const ELECTRON_DEFAULTS = [true, false, true, true, false, false, false, true, true];

/** A file shaped like the fuse section of an Electron binary: padding, sentinel, version, length, wire. */
function fakeElectronBinary(file: string): void {
  const wire = Buffer.from(ELECTRON_DEFAULTS.map((on) => (on ? FuseState.ENABLE : FuseState.DISABLE)));
  const header = Buffer.from([1, wire.length]);
  writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL), header, wire, Buffer.alloc(4096, 0x90)]));
}

async function checkFuses(results: CheckResult[]): Promise<void> {
  for (const [name, wanted] of Object.entries(REQUIRED_FUSES)) {
    const index = FuseV1Options[name as keyof typeof FuseV1Options];
    check(results, `fuse ${name} configured ${wanted ? 'on' : 'off'}`, (FUSES as unknown as Record<number, boolean>)[index] === wanted, `build/fuses.mjs sets ${String((FUSES as unknown as Record<number, boolean>)[index])}`);
  }
  check(results, 'every fuse set explicitly', FUSES.strictlyRequireAllFuses === true && Object.keys(FUSES).filter((k) => /^\d+$/.test(k)).length === ELECTRON_DEFAULTS.length, 'strictlyRequireAllFuses with all 9 V1 fuses');
  const dir = mkdtempSync(path.join(tmpdir(), 'dist-check-'));
  try {
    for (const platform of ['linux', 'win32'] as const) {
      const appOutDir = path.join(dir, platform);
      mkdirSync(appOutDir);
      const binary = path.join(appOutDir, platform === 'win32' ? 'AKS Access Console.exe' : 'aks-access-console');
      fakeElectronBinary(binary);
      await afterPack({ appOutDir, electronPlatformName: platform, arch: 1, packager: { appInfo: { productFilename: 'AKS Access Console' }, executableName: 'aks-access-console' } });
      const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
      const wrong = Object.entries(REQUIRED_FUSES).filter(([name, wanted]) => (wire[FuseV1Options[name as keyof typeof FuseV1Options]] === FuseState.ENABLE) !== wanted);
      check(results, `afterPack flips the fuses (${platform} layout)`, wrong.length === 0, wrong.length ? `wrong after flip: ${wrong.map(([n]) => n).join(', ')}` : 'read back from the flipped wire');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs every check and returns the results (also used by the reliability suite). */
export async function runDistChecks(): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const config = (await import('../electron-builder.config.mjs')).default as unknown as Config;
  const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
    validateConfiguration(c: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
  };
  try {
    await validateConfiguration(config, { isEnabled: false, add: () => undefined });
    check(results, 'electron-builder schema', true, 'configuration accepted');
  } catch (error) {
    check(results, 'electron-builder schema', false, (error as Error).message.split('\n').slice(0, 4).join(' '));
  }

  check(results, 'Windows targets NSIS + MSI', targetsOf(config.win.target).join(',') === 'msi,nsis', targetsOf(config.win.target).join(','));
  check(results, 'NSIS per-machine, assisted (silent with /S)', config.nsis.perMachine === true && config.nsis.oneClick === false, `perMachine=${String(config.nsis.perMachine)}`);
  check(results, 'MSI per-machine with a fixed upgrade code', config.msi.perMachine === true && typeof config.msi.upgradeCode === 'string', `upgradeCode=${String(config.msi.upgradeCode)}`);
  check(results, 'macOS target dmg', targetsOf(config.mac.target).join(',') === 'dmg', targetsOf(config.mac.target).join(','));
  check(results, 'macOS hardened runtime', config.mac.hardenedRuntime === true, `hardenedRuntime=${String(config.mac.hardenedRuntime)}`);
  const plist = readFileSync(path.join(root, String(config.mac.entitlements)), 'utf8');
  const forbidden = FORBIDDEN_ENTITLEMENTS.filter((k) => plist.includes(k));
  check(results, 'entitlements minimal (no debugger, no library-validation bypass)', forbidden.length === 0 && plist.includes('com.apple.security.cs.allow-jit'), forbidden.join(', ') || 'allow-jit, unsigned-executable-memory, network.client');
  check(results, 'Linux targets AppImage + deb', targetsOf(config.linux.target).join(',') === 'AppImage,deb', targetsOf(config.linux.target).join(','));
  check(results, 'afterPack hook is build/after-pack.mjs', config.afterPack === './build/after-pack.mjs', config.afterPack);
  check(results, 'asar on, native addons unpacked', config.asar === true && config.asarUnpack.includes('**/*.node'), config.asarUnpack.join(' '));
  check(results, 'signing only from the environment', !JSON.stringify(config).match(/-----BEGIN|\.p12|\.pfx|password/i), 'no key, certificate or password in the configuration');

  await checkFuses(results);

  check(results, 'files: built bundles and package.json only', config.files[0] === 'out/**/*' && config.files.filter((f) => !f.startsWith('!')).every((f) => f === 'out/**/*' || f === 'package.json'), config.files.join(' '));
  const outDir = path.join(root, 'out');
  let bundled: string[] = [];
  try {
    bundled = listFiles(outDir);
  } catch {
    check(results, 'built bundles present', false, 'out/ is missing: run `npm run build` first');
  }
  if (bundled.length) {
    const excluded = (f: string) => /\.map$|\.(ts|tsx|mts|cts)$/.test(f) || /(^|\/)(test|tests|__tests__|standins|demo)\//.test(f);
    const packaged = bundled.filter((f) => !excluded(f));
    const leaks = packaged.filter((f) => FORBIDDEN_IN_PACKAGE.test(f.replace(/^out\//, '')));
    check(results, `package contents (${packaged.length} files from out/)`, leaks.length === 0, leaks.slice(0, 5).join(', ') || 'no test, stand-in, demo, script or source file');
    const mainCode = packaged.filter((f) => /^out\/(main|preload)\/.*\.(c|m)?js$/.test(f)).map((f) => readFileSync(path.join(root, f), 'utf8')).join('\n');
    const markers = FORBIDDEN_IN_BUNDLE.filter((m) => mainCode.includes(m));
    check(results, 'main and preload bundles free of stand-ins and demo mode', markers.length === 0, markers.join(', ') || `${FORBIDDEN_IN_BUNDLE.length} markers absent`);
  }
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const testDeps = Object.keys(pkg.dependencies).filter((d) => TEST_ONLY_PACKAGES.test(d));
  check(results, 'no test or build tool among production dependencies', testDeps.length === 0, testDeps.join(', ') || `${Object.keys(pkg.dependencies).length} production dependencies`);
  const packages = productionPackages();
  const shipped = [...packages.keys()].flatMap((dir) => listFiles(dir));
  const unsigned = unsignedNativeBinaries(shipped, config.win.signExts);
  const natives = shipped.filter((f) => NATIVE_BINARY.test(f));
  check(results, 'every shipped .node/.dll/.exe is in the Windows signing set (WDAC publisher rules)', unsigned.length === 0 && natives.length > 0, unsigned.slice(0, 5).join(', ') || `${natives.length} native binaries, signExts ${(config.win.signExts ?? []).join(' ')}`);
  const packagedNames = new Set(packages.values());
  const missingBroker = BROKER_PACKAGES.filter((name) => !packagedNames.has(name));
  const wamBinary = shipped.some((f) => /msal-node-runtime\/dist\/windows\/x64\/msal-node-runtime\.node$/.test(f));
  const pageant = shipped.filter((f) => /ssh2\/util\/pagent\.exe$/.test(f));
  check(results, "ssh2's Pageant helper unpacked from the asar (it is spawned as a process)", pageant.length > 0 && config.asarUnpack.includes('**/ssh2/util/pagent.exe'), config.asarUnpack.join(' '));
  const nativeHelper = path.join(root, 'out/main/aks-console-kube-credential');
  check(results, "kubectl's native credential helper (Linux) built into out/main and unpacked from the asar (kubectl runs it)", process.platform !== 'linux' || (existsSync(nativeHelper) && config.asarUnpack.includes('out/main/aks-console-kube-credential')), process.platform !== 'linux' ? `${process.platform}: the app binary's switch` : nativeHelper);
  const sessionHost = path.join(root, 'out/main/session-host.js');
  const sessionHostText = existsSync(sessionHost) ? readFileSync(sessionHost, 'utf8') : '';
  check(results, 'the session process entry built into out/main (index.ts starts it with utilityProcess), importing nothing of Electron', sessionHostText !== '' && !/from\s*["']electron["']|require\(["']electron["']\)/.test(sessionHostText), sessionHost);
  check(results, 'WAM broker plugin packaged (auth.brokerRequired can be met)', missingBroker.length === 0 && wamBinary, missingBroker.join(', ') || 'msal-node-extensions with its Windows runtime');
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await runDistChecks();
  for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} — ${r.detail}\n`);
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`dist:check: ${results.length - failed}/${results.length} checks passed\n`);
  process.exit(failed ? 1 : 0);
}
