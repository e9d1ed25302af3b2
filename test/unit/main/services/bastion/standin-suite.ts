/** Shared setup of the Bastion unit tests: an echo server, a stand-in routed to it, per-test cleanups. */
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { startBastionStandIn, type BastionStandIn, type BastionStandInOptions } from '../../../../standins/bastion/bastion-standin';
import { clientForStandIn, loopbackRouter, startEchoServer } from '../../../../standins/bastion/harness';

/** What a test file gets from `useStandInSuite`. */
export interface StandInSuite {
  /** The loopback echo server every session is routed to. */
  readonly echo: Awaited<ReturnType<typeof startEchoServer>>;
  readonly standIn: BastionStandIn;
  /** Runs `cleanup` after the current test (in reverse order of registration). */
  defer(cleanup: () => Promise<void> | void): void;
  /** A real tunnel client pointed at the stand-in, disposed after the test. */
  setup(options?: Parameters<typeof clientForStandIn>[1]): ReturnType<typeof clientForStandIn>;
}

/** Registers the hooks: stand-in and echo server per file, cleanups, real timers and fault reset per test. */
export function useStandInSuite(options: Omit<BastionStandInOptions, 'route'> = {}): StandInSuite {
  const cleanups: Array<() => Promise<void> | void> = [];
  let echo: StandInSuite['echo'] | undefined;
  let standIn: BastionStandIn | undefined;
  beforeAll(async () => {
    echo = await startEchoServer();
    standIn = await startBastionStandIn({ ...options, route: loopbackRouter(echo.port) });
  });
  afterEach(async () => {
    vi.useRealTimers();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    standIn?.resetFaults();
  });
  afterAll(async () => {
    await standIn?.close();
    await echo?.close();
  });
  const suite: StandInSuite = {
    get echo() {
      return echo!;
    },
    get standIn() {
      return standIn!;
    },
    defer: (cleanup) => void cleanups.push(cleanup),
    setup(clientOptions = {}) {
      const wired = clientForStandIn(suite.standIn, clientOptions);
      cleanups.push(() => wired.dispose());
      return wired;
    },
  };
  return suite;
}
