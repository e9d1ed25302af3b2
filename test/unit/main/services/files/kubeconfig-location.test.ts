import { describe, expect, it } from 'vitest';
import { defaultKubeconfigPath, kubectlHomeDir, type HomeProbe } from '../../../../../src-main/services/files/kubeconfig-location';

/** A Windows file system described by the files and writable folders it has. */
const windowsFs = (files: string[], writable: string[], existing: string[] = writable): HomeProbe => ({
  isFile: (f) => files.includes(f),
  isWritableDir: (d) => writable.includes(d),
  exists: (p) => existing.includes(p),
});
const PAW = { HOMEDRIVE: 'H:', HOMEPATH: '\\', USERPROFILE: 'C:\\Users\\山田 太郎' };

describe('kubectlHomeDir (client-go\'s rule on Windows)', () => {
  it('prefers the home that already holds .kube\\config: a mapped H: drive over %USERPROFILE%', () => {
    expect(kubectlHomeDir(PAW, 'win32', windowsFs(['H:\\.kube\\config'], ['H:\\', PAW.USERPROFILE]))).toBe('H:\\');
  });

  it('with no kubeconfig anywhere, takes %USERPROFILE% before %HOMEDRIVE%%HOMEPATH% when writable', () => {
    expect(kubectlHomeDir(PAW, 'win32', windowsFs([], ['H:\\', PAW.USERPROFILE]))).toBe(PAW.USERPROFILE);
  });

  it('honours %HOME% first (Git for Windows sets it), and falls back to a folder that merely exists', () => {
    expect(kubectlHomeDir({ ...PAW, HOME: 'D:\\home' }, 'win32', windowsFs(['D:\\home\\.kube\\config', 'H:\\.kube\\config'], []))).toBe('D:\\home');
    expect(kubectlHomeDir(PAW, 'win32', windowsFs([], [], ['H:\\']))).toBe('H:\\');
  });

  it('is $HOME elsewhere', () => {
    expect(kubectlHomeDir({ HOME: '/home/op' }, 'linux')).toBe('/home/op');
  });
});

describe('defaultKubeconfigPath', () => {
  it('splits KUBECONFIG on ";" on Windows (a drive letter\'s colon is not a separator)', () => {
    expect(defaultKubeconfigPath('C:\\Users\\op', { KUBECONFIG: 'C:\\kube\\a.yaml;C:\\kube\\b.yaml' }, 'win32')).toBe('C:\\kube\\a.yaml');
    expect(defaultKubeconfigPath('C:\\Users\\山田 太郎', {}, 'win32')).toBe('C:\\Users\\山田 太郎\\.kube\\config');
    expect(defaultKubeconfigPath('/home/op', { KUBECONFIG: '/a:/b' }, 'linux')).toBe('/a');
  });
});
