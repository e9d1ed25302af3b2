import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { discardRun, eventually, netnsList, startTagged, type TaggedRun } from '../support/tagged-run';

// `npm test` and `npm run bench` interrupted half way (their sshd is up) leave nothing of the run:
// no process it started, no temporary folder, no topology slot it built — and they take down
// nothing they did not build (slot 0, shared by everyone on this machine, stays as it was).
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SLOT = 12;
// The nested runs' test user: their teardown removes users they created, never the outer run's.
const NESTED_TEST_USER = 'aksscnested';
const isRoot = process.getuid?.() === 0;

const slotNamespaces = (slot: number) => netnsList().filter((n) => n.startsWith(`aksc-s${slot}-`));

/** Ways to interrupt a run: Ctrl+C in its terminal, or `kill` of the script alone. */
const INTERRUPTIONS: Array<{ name: string; act: (run: TaggedRun) => void }> = [
  { name: 'Ctrl+C (SIGINT to the process group)', act: (run) => process.kill(-run.child.pid!, 'SIGINT') },
  { name: 'SIGTERM to the script', act: (run) => process.kill(run.child.pid!, 'SIGTERM') },
];

/** Interrupts `run` once its sshd is up (and `whileUp` holds) and asserts that nothing of it is left. */
async function interruptAndCheck(run: TaggedRun, act: (run: TaggedRun) => void, whileUp: () => void = () => undefined): Promise<void> {
  const halfWay = await eventually(() => run.processes().some((p) => p.comm === 'sshd'), 600_000);
  expect(halfWay, run.output()).toBe(true);
  whileUp();
  const shared0 = slotNamespaces(0);
  act(run);
  await run.exited;
  const gone = await eventually(() => run.processes().length === 0, 15_000);
  expect(gone, `${run.processes().map((p) => `${p.pid} ${p.cmdline}`).join('\n')}\n${run.output()}`).toBe(true);
  expect(readdirSync(run.tmpDir)).toEqual([]);
  expect(slotNamespaces(0)).toEqual(shared0);
}

describe.skipIf(!isRoot)('interrupted half way, npm test and npm run bench leave the workstation as they found it', () => {
  let run: TaggedRun | undefined;
  afterEach(() => {
    discardRun(run, SLOT);
    run = undefined;
  });

  it.each(INTERRUPTIONS)('npm test, $name: the run\'s topology slot, keyring session, sshd and temporary folders are gone', async ({ act }) => {
    run = startTagged('bash', ['scripts/test.sh', 'test/integration/ssh/ssh-connect.test.ts'], { AKS_TEST_SKIP_CHECKS: '1', AKS_TEST_TOPOLOGY_SLOT: String(SLOT), AKSC_SSHD_TEST_USER: NESTED_TEST_USER }, ROOT);
    await interruptAndCheck(run, act, () => expect(slotNamespaces(SLOT)).toHaveLength(2));
    expect(slotNamespaces(SLOT)).toEqual([]);
  }, 900_000);

  it.each(INTERRUPTIONS)('npm run bench, $name: the bench\'s sshd and temporary folders are gone', async ({ act }) => {
    run = startTagged('bash', ['scripts/bench.sh', 'ssh-echo'], { AKSC_SSHD_TEST_USER: NESTED_TEST_USER }, ROOT);
    await interruptAndCheck(run, act);
  }, 900_000);
});
