import { isAppError } from '../errors';
import type { Check, CheckContext, CheckOutcome, Result } from './check';
import { say } from './check-text';

/** How a run is executed. */
export interface EngineOptions {
  /** Checks in flight at once (1 = one after another). */
  readonly concurrency: number;
  /** Per-check time limit. */
  readonly timeoutMs: number;
  /** Cancels the whole run; checks not yet started are not started. */
  readonly signal?: AbortSignal;
  /** Called as each check finishes, in finishing order. */
  readonly onResult?: (result: Result) => void;
  readonly now?: () => number;
}

function reasonOf(error: unknown): string {
  if (isAppError(error)) return error.message;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

async function runOne(check: Check, ctx: CheckContext, options: EngineOptions): Promise<CheckOutcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const scoped: CheckContext = { ...ctx, signal };
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const running = check.run(scoped);
  // A check abandoned by its timeout may still reject later; that late failure is not news.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, aborted]);
  } catch (error) {
    if (timeout.aborted) {
      const seconds = String(Math.round(options.timeoutMs / 1000));
      return { status: 'error', evidence: [say('engine.timeout', `The check did not finish within ${seconds} s.`, { seconds })], remediation: null };
    }
    if (options.signal?.aborted) return { status: 'skip', evidence: [say('engine.cancelled', 'The run was cancelled.')], remediation: null };
    const reason = reasonOf(error);
    return { status: 'error', evidence: [say('engine.failed', `The check could not complete: ${reason}`, { reason })], remediation: null };
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Runs checks with bounded parallelism; each has its own timeout, a failing check becomes `error`
 * with its reason and the run goes on, and results are handed out as they finish.
 */
export async function runChecks(checks: readonly Check[], ctx: CheckContext, options: EngineOptions): Promise<Result[]> {
  const now = options.now ?? (() => performance.now());
  const results: Result[] = [];
  let next = 0;
  const lane = async () => {
    while (next < checks.length && !options.signal?.aborted) {
      const check = checks[next++]!;
      const started = now();
      const out = await runOne(check, ctx, options);
      const result: Result = {
        checkId: check.id,
        title: check.title,
        hops: [...check.hops],
        status: out.status,
        evidence: out.evidence,
        remediation: out.remediation ?? null,
        durationMs: Math.round(now() - started),
      };
      results.push(result);
      options.onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, checks.length)) }, lane));
  return results;
}
