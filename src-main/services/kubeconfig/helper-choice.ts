import { accessSync, constants, closeSync, openSync, readSync } from 'node:fs';
import type { HelperCommand } from './helper-user-entry';

/** The native helper's file name, beside the bundled main process (`native/kube-credential/build.sh`). */
export const NATIVE_HELPER_NAME = 'aks-console-kube-credential';

/** What decides whether the native helper can serve on this machine (a port: tests pass their own). */
export interface HelperChoiceFacts {
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  /** The first bytes of a file, or null when it is absent or not executable by us. */
  readonly header: (file: string) => Buffer | null;
}

/** ELF e_machine values of the architectures Node names. */
const ELF_MACHINE: Record<string, number> = { x64: 62, arm64: 183, ia32: 3, arm: 40 };
/** Whether a file's header says it runs here: an ELF for this CPU on Linux (the native helper is built for Linux only). */
export function builtForThisPlatform(header: Buffer | null, platform: NodeJS.Platform, arch: string): boolean {
  if (!header || header.length < 20 || platform !== 'linux') return false;
  return header.readUInt32BE(0) === 0x7f454c46 && header.readUInt16LE(18) === ELF_MACHINE[arch];
}

/**
 * The helper kubectl runs: the native executable when it is there and built for this platform
 * (start-up of a few milliseconds, so a warm kubectl call stays near a static token's), else the
 * fallback (the app binary's `--kube-credential` switch, or node with the bundled entry).
 */
export function chooseHelperCommand(nativeFile: string | undefined, fallback: HelperCommand, facts: HelperChoiceFacts): HelperCommand {
  if (!nativeFile || !builtForThisPlatform(facts.header(nativeFile), facts.platform, facts.arch)) return fallback;
  return { command: nativeFile, args: [], ...(fallback.runtimeDir ? { runtimeDir: fallback.runtimeDir } : {}) };
}

/** Reads the first 20 bytes of an executable file of ours; null when absent or not executable. */
export function executableHeader(file: string): Buffer | null {
  try {
    accessSync(file, constants.X_OK);
    const fd = openSync(file, 'r');
    try {
      const header = Buffer.alloc(20);
      return readSync(fd, header, 0, 20, 0) === 20 ? header : null;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** This process's facts. */
export const hostHelperFacts: HelperChoiceFacts = { platform: process.platform, arch: process.arch, header: executableHeader };
