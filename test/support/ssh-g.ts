/** What the real OpenSSH client reads from an ssh_config for a host (`ssh -G -F <file> <alias>`). */
import { execFileSync } from 'node:child_process';

/** Directive (lower case) → its values as OpenSSH resolved them; throws when OpenSSH refuses the file. */
export function sshG(configPath: string, alias: string): Map<string, string[]> {
  const out = execFileSync('ssh', ['-G', '-F', configPath, alias], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const map = new Map<string, string[]>();
  for (const line of out.split('\n')) {
    const at = line.indexOf(' ');
    if (at > 0) map.set(line.slice(0, at), [...(map.get(line.slice(0, at)) ?? []), line.slice(at + 1)]);
  }
  return map;
}
