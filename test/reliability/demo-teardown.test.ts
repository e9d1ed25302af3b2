import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { discardRun, eventually, netnsList as netns, startTagged, type TaggedRun } from '../support/tagged-run';

// `npm start` / `npm run demo` leave the workstation as they found it on every way out: the
// topology slot, every process the run started, its temporary keys and folders are gone, and the
// topology's system user too when no other slot is up. Slot 13 belongs to this file.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SLOT = 13;
const NAMESPACES = [`aksc-s${SLOT}-hub`, `aksc-s${SLOT}-spoke`];
const SLOT_DIR = path.join(process.env.AKSC_TOPOLOGY_ROOT ?? '/tmp/aksc-topology', `s${SLOT}`);
const isRoot = process.getuid?.() === 0;

/** Browser (main) processes whose parent is `pid`: Playwright starts Chromium in a session of its own. */
const browsersStartedBy = (pid: number): number[] =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const [comm, rest] = [stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), stat.slice(stat.lastIndexOf(')') + 2)];
        return comm.startsWith('chromium') && rest.split(' ')[1] === String(pid) && !readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('--type=');
      } catch {
        return false;
      }
    })
    .map(Number);

const userExists = (name: string): boolean => {
  try {
    execFileSync('id', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Each way a run ends: what the user (or the system) does to it. */
const WAYS_OUT: Array<{ name: string; act: (run: TaggedRun) => void }> = [
  { name: 'Ctrl+C (SIGINT to the process group)', act: (run) => process.kill(-run.child.pid!, 'SIGINT') },
  { name: 'SIGTERM to the start script', act: (run) => process.kill(run.child.pid!, 'SIGTERM') },
  { name: 'SIGHUP to the process group (terminal closed)', act: (run) => process.kill(-run.child.pid!, 'SIGHUP') },
  {
    name: 'closing the browser (Chromium quits)',
    act: (run) => {
      // Chromium rewrites its process title over its environment, so the run's marker cannot find
      // the browser itself: it is the Chromium child of the demo's node process.
      const demo = run.processes().find((p) => p.comm === 'node' && p.cmdline.includes('scripts/demo.ts'));
      const browser = demo ? browsersStartedBy(demo.pid)[0] : undefined;
      expect(browser, run.processes().map((p) => p.cmdline).join('\n')).toBeDefined();
      process.kill(browser!, 'SIGTERM');
    },
  },
  {
    name: 'a crash (SIGKILL of the demo node process)',
    act: (run) => {
      const demo = run.processes().filter((p) => p.comm === 'node' && p.cmdline.includes('scripts/demo.ts')).sort((a, b) => b.pid - a.pid)[0];
      expect(demo, run.processes().map((p) => p.cmdline).join('\n')).toBeDefined();
      process.kill(demo!.pid, 'SIGKILL');
    },
  },
];

describe.skipIf(!isRoot)('npm start (demo mode, as root) stops cleanly', () => {
  let run: TaggedRun | undefined;
  afterEach(() => {
    discardRun(run, SLOT);
    run = undefined;
  });

  it.each(WAYS_OUT)('$name: no topology slot, process, temporary key or folder of the run is left', async ({ act }) => {
    run = startTagged('bash', ['scripts/start.sh', '--demo'], { AKS_HEADLESS: '1', AKS_DEMO_SLOT: String(SLOT) }, ROOT);
    await run.waitForOutput('press Ctrl+C to stop', 150_000);
    // The run uses its own slot and holds a temporary key while it is up.
    expect(netns()).toEqual(expect.arrayContaining(NAMESPACES));
    const keyFile = /test key \(generated for this run\) is in (\S+):/.exec(run.output())?.[1];
    expect(keyFile && existsSync(keyFile)).toBe(true);
    expect(run.processes().length).toBeGreaterThan(0);

    act(run);
    await run.exited;

    const gone = await eventually(() => run!.processes().length === 0 && !netns().some((n) => NAMESPACES.includes(n)), 15_000);
    expect(gone, `left: ${netns().join(' ')}\n${run.processes().map((p) => `${p.pid} ${p.cmdline}`).join('\n')}\n${run.output()}`).toBe(true);
    expect(run.processes()).toEqual([]);
    expect(netns().filter((n) => NAMESPACES.includes(n))).toEqual([]);
    expect(NAMESPACES.filter((n) => existsSync(`/etc/netns/${n}`))).toEqual([]);
    expect(existsSync(SLOT_DIR)).toBe(false);
    expect(existsSync(keyFile!)).toBe(false);
    expect(readdirSync(run.tmpDir)).toEqual([]);
    // The topology's system user goes with the last slot (other slots may be up on a shared machine).
    if (!netns().some((n) => n.startsWith('aksc-s'))) expect(userExists('aksc-op')).toBe(false);
  });
});
