import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../../../src-main/services/checklist/engine';
import { AppError } from '../../../../../src-main/services/errors/app-error';
import { outcome, type Check, type CheckOutcome } from '../../../../../src-main/services/checklist/check';
import { fakeContext } from './fake-context';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

function check(id: string, run: Check['run']): Check {
  return { id, title: id, hops: ['api-server'], appliesTo: () => true, run };
}

const pass = (): CheckOutcome => outcome.pass('ok');

describe('runChecks', () => {
  it('never runs more than `concurrency` checks at once and streams each result as it finishes', async () => {
    let inFlight = 0;
    let peak = 0;
    const checks = Array.from({ length: 8 }, (_, i) =>
      check(`c${i}`, async () => {
        peak = Math.max(peak, ++inFlight);
        await sleep(5 + (i % 3) * 5);
        inFlight--;
        return pass();
      }),
    );
    const streamed: string[] = [];
    const results = await runChecks(checks, fakeContext(), { concurrency: 3, timeoutMs: 1000, onResult: (r) => streamed.push(r.checkId) });
    expect(peak).toBe(3);
    expect(results).toHaveLength(8);
    expect(streamed).toEqual(results.map((r) => r.checkId));
  });

  it('turns a thrown error into `error` with its reason and keeps going', async () => {
    const results = await runChecks([check('boom', async () => Promise.reject(new AppError('azure.forbidden', 'Access to VNet vnet-hub was denied.'))), check('fine', async () => pass())], fakeContext(), { concurrency: 1, timeoutMs: 1000 });
    expect(results[0]).toMatchObject({
      checkId: 'boom',
      status: 'error',
      evidence: [{ code: 'engine.failed', text: 'The check could not complete: Access to VNet vnet-hub was denied.', params: { reason: 'Access to VNet vnet-hub was denied.' } }],
    });
    expect(results[1]).toMatchObject({ checkId: 'fine', status: 'pass' });
  });

  it('times out a hanging check as `error` without waiting for it', async () => {
    const results = await runChecks([check('hang', () => new Promise(() => {}))], fakeContext(), { concurrency: 1, timeoutMs: 50 });
    expect(results[0]).toMatchObject({ status: 'error', evidence: [{ code: 'engine.timeout', text: expect.stringContaining('did not finish') }] });
  });

  it('on cancel, stops starting checks and marks the running ones skipped', async () => {
    const controller = new AbortController();
    const started: string[] = [];
    const checks = Array.from({ length: 5 }, (_, i) =>
      check(`c${i}`, async (ctx) => {
        started.push(`c${i}`);
        await sleep(200, ctx.signal);
        return pass();
      }),
    );
    setTimeout(() => controller.abort(), 20);
    const results = await runChecks(checks, fakeContext(), { concurrency: 2, timeoutMs: 5000, signal: controller.signal });
    expect(started).toEqual(['c0', 'c1']);
    expect(results.map((r) => r.status)).toEqual(['skip', 'skip']);
  });
});
