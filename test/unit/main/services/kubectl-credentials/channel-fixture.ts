import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { procCallerLookup } from '../../../../../src-main/services/kubectl-credentials/caller-process';
import { channelLocation } from '../../../../../src-main/services/kubectl-credentials/channel-location';
import { CredentialChannel } from '../../../../../src-main/services/kubectl-credentials/credential-channel';
import { MemoryLogger } from '../../../../support/memory-logger';
import { brokerFixture } from './broker-fixture';

/** Steps run (last first) after each test of a file that imports this fixture. */
export const cleanup: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A broker with a registered context and a channel in a fresh runtime folder (not started), removed after the test. */
export async function channelWorld(requestTimeoutMs = 2_000) {
  const f = await brokerFixture();
  await f.register();
  const uid = process.getuid!();
  const runtimeDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'aksc-chan-')), 'run');
  const location = channelLocation({ platform: 'linux', env: {}, uid, username: 'op', tmpdir: os.tmpdir(), override: runtimeDir });
  const channel = new CredentialChannel({ location, broker: f.broker, uid, caller: procCallerLookup(uid), log: new MemoryLogger(), requestTimeoutMs });
  cleanup.push(() => channel.stop(), () => rm(path.dirname(runtimeDir), { recursive: true, force: true }));
  return { ...f, runtimeDir, location, channel };
}
