import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Commands that stop processes by name or change a system service: they hit what the project did not start. */
const OUT_OF_SCOPE = [
  { what: 'kill by process name', pattern: /\b(pkill|killall|pidof)\b/ },
  { what: 'change a system service', pattern: /\bsystemctl\s+(?:--\S+\s+)*(disable|stop|mask|kill|restart|reload|try-restart)\b/ },
  { what: 'change a system service', pattern: /\bservice\s+\S+\s+(stop|restart|reload)\b/ },
  { what: 'change a system service', pattern: /\b(update-rc\.d|invoke-rc\.d)\b/ },
];

/**
 * Marks a line that acts only on a service the same script installed in this run (its package was
 * missing before): setup-system.sh keeps a daemon package it just installed from starting at boot.
 */
const INSTALLED_BY_THIS_RUN = '# scope: installed by this run';

function findOutOfScope(text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    if (line.trimEnd().endsWith(INSTALLED_BY_THIS_RUN)) return [];
    const code = line.replace(/^\s*#.*$/, '');
    return OUT_OF_SCOPE.filter((c) => c.pattern.test(code)).map((c) => `line ${i + 1}: ${c.what}: ${line.trim()}`);
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('scripts touch only what they create', () => {
  it('the scan finds each kind of out-of-scope command and passes plain ones', () => {
    expect(findOutOfScope('pkill -x dnsmasq 2>/dev/null || true')).toHaveLength(1);
    expect(findOutOfScope('killall sshd')).toHaveLength(1);
    expect(findOutOfScope('systemctl disable --now dnsmasq')).toHaveLength(1);
    expect(findOutOfScope('systemctl --quiet stop dnsmasq')).toHaveLength(1);
    expect(findOutOfScope('service dnsmasq stop')).toHaveLength(1);
    expect(findOutOfScope('# pkill is never used here\nkill -TERM "$pid"\nsystemctl is-active dnsmasq')).toEqual([]);
    expect(findOutOfScope(`update-rc.d squid disable ${INSTALLED_BY_THIS_RUN}`)).toEqual([]);
    expect(findOutOfScope(`update-rc.d squid disable ${INSTALLED_BY_THIS_RUN} && killall squid`)).toHaveLength(2);
  });

  it('scripts/ and .ci/ neither kill by process name nor stop, disable or restart a service', () => {
    const findings = ['scripts', '.ci'].flatMap((dir) =>
      filesUnder(path.join(ROOT, dir)).flatMap((file) => findOutOfScope(readFileSync(file, 'utf8')).map((f) => `${path.relative(ROOT, file)} ${f}`)),
    );
    expect(findings).toEqual([]);
  });
});
