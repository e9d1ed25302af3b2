/**
 * The OpenSSH baseline of the load bench, in its own process (so its timers do not share an event
 * loop with the busy core): `ssh -tt` to the same sshd, `keys` keystrokes one at a time, each timed
 * until its echo is read back, `gapMs` apart. Prints the samples (ms) as one JSON line.
 * Usage: tsx bench/lib/openssh-echo-child.ts <host> <port> <user> <keyPath> <keys> <gapMs>
 */
import { spawn } from 'node:child_process';

const [host, port, user, keyPath, keys, gapMs] = process.argv.slice(2);
const child = spawn('ssh', ['-tt', '-i', keyPath!, '-p', port!, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', `${user}@${host}`], {
  stdio: ['pipe', 'pipe', 'ignore'],
});
let text = '';
let wake: (() => void) | undefined;
child.stdout.setEncoding('utf8');
child.stdout.on('data', (s: string) => {
  text += s;
  wake?.();
});
const waitFor = async (needle: string, from: number) => {
  while (text.indexOf(needle, from) < 0) await new Promise<void>((r) => (wake = r));
};
child.stdin.write('stty -icanon; echo READY$((1+1))\n');
await waitFor('READY2', 0);
const samples: number[] = [];
for (let i = 0; i < Number(keys); i++) {
  const key = 'abcdefghijklmnopqrstuvwxyz'[i % 26]!;
  const from = text.length;
  const start = performance.now();
  child.stdin.write(key);
  await waitFor(key, from);
  samples.push(performance.now() - start);
  await new Promise((r) => setTimeout(r, Number(gapMs)));
}
child.kill();
console.log(JSON.stringify(samples));
