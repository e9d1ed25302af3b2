import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localPathProblem, unsafeFileCharacter } from '../../../../../src-main/ipc/contract/files';
import { FileTargets } from '../../../../../src-main/services/files/file-targets';
import { StandInFileDialogs } from '../../../../support/file-dialogs';

describe('local paths and values bound for files', () => {
  it('accepts plain local absolute paths (POSIX and drive letters), refuses UNC, device and relative ones', () => {
    for (const ok of ['/home/op/.kube/config', '/Users/op/Library/Application Support/x', 'C:\\Users\\op\\.kube\\config', 'D:/k/config']) expect(localPathProblem(ok)).toBeNull();
    for (const bad of ['//server/share/config', '\\\\server\\share\\config', '\\\\.\\pipe\\x', '\\\\?\\C:\\x', '\\/server/share', 'relative/config', 'C:relative', '']) {
      expect(localPathProblem(bad), bad).not.toBeNull();
    }
  });

  it('finds every character that could end a line or a quote', () => {
    for (const c of ['\u0000', '\n', '\r', '\t', '\u001b', '\u007f', '\u0085', '\u009b', '\u2028', '\u2029', '"']) expect(unsafeFileCharacter(`a${c}b`)).toBe(c);
    expect(unsafeFileCharacter("a b %d ${HOME} \\ ' # = 漢")).toBeNull();
  });
});

describe('FileTargets', () => {
  const home = path.join(path.sep, 'home', 'op');

  it('uses the first absolute KUBECONFIG entry, else ~/.kube/config, and refuses a KUBECONFIG on a share', async () => {
    expect(await new FileTargets(null, home, { KUBECONFIG: ['', '/k/a', '/k/b'].join(path.delimiter) }).forWriting('kubeconfig')).toBe('/k/a');
    expect(await new FileTargets(null, home, { KUBECONFIG: 'relative' }).forWriting('kubeconfig')).toBe(path.join(home, '.kube', 'config'));
    await expect(new FileTargets(null, home, { KUBECONFIG: '//attacker/share/config' }).forWriting('kubeconfig')).rejects.toMatchObject({ code: 'files.unsafe_path' });
    expect(await new FileTargets(null, home, {}).forReading('known-hosts')).toBe(path.join(home, '.ssh', 'known_hosts'));
    expect(await new FileTargets(null, home, {}).forWriting('ssh-config')).toBe(path.join(home, '.ssh', 'config'));
  });

  it('asks the dialog only for `pick`, offers the default file first when saving, and needs a dialog port for it', async () => {
    const dialogs = new StandInFileDialogs().answer('ssh-config', '/picked/config');
    const targets = new FileTargets(dialogs, home, {});
    expect(await targets.forWriting('ssh-config', 'pick')).toBe('/picked/config');
    expect(dialogs.shown).toEqual([{ mode: 'save', kind: 'ssh-config', suggested: path.join(home, '.ssh', 'config') }]);
    await expect(new FileTargets(null, home, {}).forReading('known-hosts', 'pick')).rejects.toMatchObject({ code: 'files.no_dialog' });
  });
});
