import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { events, invokes } from '../../../../src-main/ipc/contract';
import { createConsoleCore, type ConsoleCore } from '../../../../src-main/core';
import { buildPreloadApi } from '../../../../src-main/preload/build-api';
import { IpcRouter } from '../../../../src-main/ipc/router';
import { findContractGaps } from '../../../support/contract-coverage';
import { testCoreOptions } from '../../../support/core-options';
import { MemoryLogger } from '../../../support/memory-logger';

const noTransport = { invoke: async () => undefined, subscribe: () => () => undefined };

describe('the IPC contract and its two ends', () => {
  let core: ConsoleCore | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await core?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has a handler in the composed core and a bridge function for every entry', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-contract-'));
    core = createConsoleCore(testCoreOptions({ appDataDir: dir, log: new MemoryLogger(), isTrustedSender: () => true }));
    expect(findContractGaps(core.router, buildPreloadApi(noTransport))).toEqual([]);
    expect(Object.keys(invokes).length).toBeGreaterThan(0);
  });

  it('names channels area.verb / events area.noun and declares a request limit for each', () => {
    for (const [name, spec] of Object.entries(invokes)) {
      expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
      expect(spec.maxBytes).toBeGreaterThan(0);
    }
    for (const name of Object.keys(events)) expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
  });

  it('reports a channel that has no handler (the checker itself can fail)', () => {
    const router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
    const gaps = findContractGaps(router, buildPreloadApi(noTransport));
    expect(gaps).toContainEqual({ kind: 'missing-handler', channel: 'app.info' });
  });

  it('reports a contract entry the bridge lacks, and a bridge function outside the contract', () => {
    const router = { missingHandlers: () => [] };
    const api = buildPreloadApi(noTransport);
    const grown = { invokes: { ...invokes, 'extra.verb': invokes['app.info'] }, events };
    expect(findContractGaps(router, api, grown)).toContainEqual({ kind: 'missing-bridge-invoke', channel: 'extra.verb' });
    const shrunk = { invokes: {}, events };
    expect(findContractGaps(router, api, shrunk)).toContainEqual({ kind: 'extra-bridge-entry', name: 'app.info' });
  });
});
