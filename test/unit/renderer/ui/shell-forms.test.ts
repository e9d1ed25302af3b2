import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { posixWords, powershellForm, powershellQuote } from '../../../../src-renderer/ui/shell-forms';
import { defaultShell } from '../../../../src-renderer/ui/shell-choice';
import { powershellArgv } from '../../../support/powershell-argv';
import { SHOWN_COMMANDS } from '../../../support/shown-commands';

const HOME = '/home/o p';
const TOOLS = ['az', 'kubectl', 'ssh', 'code'];

/** The argv bash hands each tool when the POSIX text is pasted (functions stand in for the tools). */
function bashArgv(posix: string): string[][] {
  const stubs = TOOLS.map((tool) => `${tool}() { printf '%s\\0' ${tool} "$@"; printf '\\n\\0'; }`).join('\n');
  const out = execFileSync('bash', ['-c', `${stubs}\n${posix}`], { env: { HOME, PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
  return out.split('\n\0').filter(Boolean).map((record) => record.split('\0').slice(0, -1));
}

describe('PowerShell forms of the copyable commands', () => {
  it.each(SHOWN_COMMANDS)('%s: the PowerShell form hands each tool the argv bash hands it', (_name, posix) => {
    const form = powershellForm(posix);
    expect(form, posix).toBeDefined();
    const expected = bashArgv(posix);
    expect(expected.length).toBeGreaterThan(0);
    expect(powershellArgv(form!, { HOME })).toEqual(expected);
  });

  it('reads ~/ as the home folder and writes it as $HOME, with the rest escaped for a double-quoted string', () => {
    expect(posixWords("kubectl --kubeconfig ~/'a b'/c")).toEqual([[{ home: false, text: 'kubectl' }, { home: false, text: '--kubeconfig' }, { home: true, text: 'a b/c' }]]);
    expect(powershellQuote({ home: true, text: 'x $y `z "w"' })).toBe('"$HOME/x `$y ``z `"w`""');
    expect(powershellArgv(powershellQuote({ home: true, text: 'x $y `z "w"' }), { HOME })).toEqual([[`${HOME}/x $y \`z "w"`]]);
  });

  it('doubles single quotes (also the typographic ones PowerShell reads as quotes) and quotes what PowerShell would read otherwise', () => {
    expect(powershellQuote({ home: false, text: "o'brien" })).toBe("'o''brien'");
    expect(powershellQuote({ home: false, text: 'o\u2019brien' })).toBe("'o\u2019\u2019brien'");
    for (const text of ['a,b', '@splat', '$x', 'a;b', '--tls-server-name=a.b', '-L:x', '(x)', '#c', 'a b']) {
      expect(powershellArgv(`az ${powershellQuote({ home: false, text })}`, { HOME }), text).toEqual([['az', text]]);
    }
  });

  it('has no PowerShell form for POSIX beyond quoting, rather than a wrong one', () => {
    for (const line of ['az x | jq .', 'chmod 600 $HOME/k', 'az x --ip <your-egress-ip>/32', 'az x *.json', 'echo "$(date)"', 'az x # note']) {
      expect(powershellForm(line), line).toBeUndefined();
    }
  });

  it('the reader itself refuses what it does not model, so a wrong form cannot pass', () => {
    for (const line of ['az --tls-server-name=a.b', 'az a,b', 'az $x', 'az @x', "az 'open", 'az --% x']) {
      expect(() => powershellArgv(line, { HOME }), line).toThrow();
    }
  });

  it('shows PowerShell by default on Windows, the POSIX form elsewhere', () => {
    expect(defaultShell('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Electron/33')).toBe('powershell');
    expect(defaultShell('Mozilla/5.0 (X11; Linux x86_64) Electron/33')).toBe('posix');
    expect(defaultShell('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Electron/33')).toBe('posix');
  });
});
