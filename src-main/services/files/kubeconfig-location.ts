import { accessSync, constants, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The file-system questions client-go's home rule asks (a port, so Windows answers can be given on Linux). */
export interface HomeProbe {
  isFile(file: string): boolean;
  isWritableDir(dir: string): boolean;
  exists(p: string): boolean;
}

/** The real file system. */
export const fsHomeProbe: HomeProbe = {
  isFile: (file) => statSync(file, { throwIfNoEntry: false })?.isFile() ?? false,
  exists: (p) => statSync(p, { throwIfNoEntry: false }) !== undefined,
  isWritableDir: (dir) => {
    try {
      accessSync(dir, constants.W_OK);
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  },
};

/**
 * The home folder kubectl reads `.kube\config` from, by client-go's rule (util/homedir): on Windows
 * the first of %HOME%, %HOMEDRIVE%%HOMEPATH%, %USERPROFILE% that holds a `.kube\config`; else the
 * first of %HOME%, %USERPROFILE%, %HOMEDRIVE%%HOMEPATH% that is a writable folder, else the first
 * that exists, else the first set. Elsewhere $HOME. So the console writes where kubectl will look
 * (a mapped H: home drive on many enterprise PAWs), not where Node's `os.homedir()` points.
 */
export function kubectlHomeDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, probe: HomeProbe = fsHomeProbe): string {
  if (platform !== 'win32') return env.HOME || os.homedir();
  const home = env.HOME ?? '';
  const driveHome = env.HOMEDRIVE && env.HOMEPATH ? `${env.HOMEDRIVE}${env.HOMEPATH}` : '';
  const profile = env.USERPROFILE ?? '';
  for (const dir of [home, driveHome, profile]) if (dir && probe.isFile(path.win32.join(dir, '.kube', 'config'))) return dir;
  const candidates = [home, profile, driveHome].filter((dir) => dir !== '');
  return candidates.find((dir) => probe.isWritableDir(dir)) ?? candidates.find((dir) => probe.exists(dir)) ?? candidates[0] ?? os.homedir();
}

/** The kubeconfig kubectl uses first: the first entry of KUBECONFIG (`;`-separated on Windows), else `<home>/.kube/config`. */
export function defaultKubeconfigPath(homeDir: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const first = env.KUBECONFIG?.split(paths.delimiter).find((p) => p.trim() !== '');
  return first && paths.isAbsolute(first) ? first : paths.join(homeDir, '.kube', 'config');
}
