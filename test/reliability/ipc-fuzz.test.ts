import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokes, type InvokeChannel } from '../../src-main/ipc/contract';
import { IpcRouter, type SenderInfo } from '../../src-main/ipc/router';
import { createConsoleCore, type ConsoleCore } from '../../src-main/core';
import { testCoreOptions } from '../support/core-options';
import { malformedPayload } from './malformed-payloads';
import { findSecrets } from './secret-scan';
import { MemoryLogger } from '../support/memory-logger';
import { MemorySecretStore } from '../support/memory-secret-store';

const MIN_TOTAL = 10_000;
const channels = Object.keys(invokes) as InvokeChannel[];
const perChannel = Math.ceil(MIN_TOTAL / channels.length);
const sender: SenderInfo = { url: 'app://console/index.html', isMainFrame: true, senderId: 'fuzz' };
const REJECTIONS = new Set(['ipc.invalid_payload', 'ipc.payload_too_large']);

function acceptedBySchema(channel: InvokeChannel, payload: unknown): boolean {
  try {
    return invokes[channel].req.safeParse(payload).success;
  } catch {
    return false;
  }
}

const counts = { fuzzed: 0, realCoreFuzzed: 0, skippedValid: 0, secretsFound: 0, sessionsLeaked: 0, handlerCalls: 0 };

afterAll(() => {
  // The CI summary reads these lines.
  console.log(`reliability: payloads fuzzed ${counts.fuzzed} (+${counts.realCoreFuzzed} against the real core) across ${channels.length} channels; generated-but-valid skipped ${counts.skippedValid}; handler calls ${counts.handlerCalls}`);
  console.log(`reliability: secrets found ${counts.secretsFound}; sessions leaked ${counts.sessionsLeaked}`);
});

describe('IPC fuzzing: every contract entry rejects malformed payloads before any handler runs', () => {
  const log = new MemoryLogger();
  const router = new IpcRouter({ isTrustedSender: () => true, log });
  const calls = new Map<string, number>();
  for (const channel of channels) {
    router.handle(channel, (() => {
      calls.set(channel, (calls.get(channel) ?? 0) + 1);
      throw new Error(`handler ${channel} ran for a malformed payload`);
    }) as never);
  }

  it.each(channels)('%s', async (channel) => {
    await fc.assert(
      fc.asyncProperty(malformedPayload(invokes[channel].maxBytes), async (payload) => {
        if (acceptedBySchema(channel, payload)) {
          counts.skippedValid++;
          return;
        }
        const envelope = await router.dispatch(channel, payload, sender);
        counts.fuzzed++;
        expect(envelope.ok).toBe(false);
        if (!envelope.ok) expect(REJECTIONS.has(envelope.error.code), `${channel} answered ${envelope.error.code}`).toBe(true);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: perChannel + 15, seed: 0x5eed + channels.indexOf(channel) },
    );
    expect(calls.get(channel) ?? 0).toBe(0);
  });

  it('fuzzed at least 10,000 rejected payloads, ran no handler, leaked nothing into the log', () => {
    counts.handlerCalls = [...calls.values()].reduce((a, b) => a + b, 0);
    expect(counts.fuzzed).toBeGreaterThanOrEqual(MIN_TOTAL);
    expect(counts.handlerCalls).toBe(0);
    const secrets = findSecrets(log.lines.join('\n'));
    counts.secretsFound += secrets.length;
    expect(secrets).toEqual([]);
  });
});

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('IPC fuzzing against the real core', () => {
  let dir: string;
  let core: ConsoleCore;
  const log = new MemoryLogger();
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fuzz-core-'));
    core = createConsoleCore(
      testCoreOptions(
        { appDataDir: dir, log, isTrustedSender: () => true },
        { secretStore: new MemorySecretStore(), policySources: { filePath: path.join(dir, 'no-policy.json') }, idleTimeoutMs: 3_600_000 },
      ),
    );
    await core.router.dispatch('settings.update', { theme: 'dark' }, sender);
    await core.audit.verify();
  });
  afterAll(async () => {
    await core.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('changes no file, no setting, no lock state and opens no session', async () => {
    const before = snapshot(dir);
    const settingsBefore = await core.router.dispatch('settings.get', undefined, sender);
    const auditBefore = (await core.audit.list({}, 1000)).matched;
    const responses: string[] = [];
    for (const channel of channels) {
      const samples = fc.sample(malformedPayload(invokes[channel].maxBytes), { numRuns: 60, seed: 0xc0 + channels.indexOf(channel) });
      for (const payload of samples) {
        if (acceptedBySchema(channel, payload)) continue;
        const envelope = await core.router.dispatch(channel, payload, sender);
        counts.realCoreFuzzed++;
        responses.push(JSON.stringify(envelope));
        expect(envelope.ok, `${channel} accepted a malformed payload`).toBe(false);
      }
    }
    await core.audit.verify();
    expect(snapshot(dir)).toEqual(before);
    expect(await core.router.dispatch('settings.get', undefined, sender)).toEqual(settingsBefore);
    expect((await core.audit.list({}, 1000)).matched).toBe(auditBefore);
    expect(core.lock.isLocked()).toBe(false);
    counts.sessionsLeaked = core.connectivity.manager.listSessions().length + core.connectivity.manager.listTunnels().length;
    expect(counts.sessionsLeaked).toBe(0);
    const secrets = findSecrets([...responses, ...log.lines].join('\n'));
    counts.secretsFound += secrets.length;
    expect(secrets).toEqual([]);
  });
});
