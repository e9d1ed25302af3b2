/**
 * The usual e2e setup: the simulated cloud, the harness in front of it, and a second browser
 * context standing in for the operator's system browser, where Entra's sign-in page opens.
 */
import type { BrowserContext } from 'playwright-core';
import { startSimulatedCloud, type SimulatedCloud, type SimulatedCloudOptions } from '../../demo/simulated-cloud';
import { startHarness, type Harness, type HarnessOptions } from '../harness';

/** A running simulated cloud with the console's renderer in front of it. */
export interface CloudSession {
  readonly cloud: SimulatedCloud;
  readonly h: Harness;
  /** Closes the system browser, the harness and the cloud, in that order. */
  close(): Promise<void>;
}

/** Starts the cloud with `cloudOptions` and the harness with `harnessOptions` (its config and core come from the cloud). */
export async function startCloudSession(
  cloudOptions: Omit<SimulatedCloudOptions, 'openBrowser'>,
  harnessOptions: Omit<HarnessOptions, 'config' | 'core'> = {},
): Promise<CloudSession> {
  let systemBrowser: BrowserContext | undefined;
  const cloud = await startSimulatedCloud({
    ...cloudOptions,
    openBrowser: async (url) => {
      if (!systemBrowser) throw new Error('the system browser is not open yet');
      const page = await systemBrowser.newPage();
      await page.goto(url);
      await page.waitForURL(/^http:\/\/localhost:\d+\/$/);
      await page.close();
    },
  });
  let h: Harness;
  try {
    h = await startHarness({ ...harnessOptions, config: cloud.config, core: cloud.core });
    systemBrowser = await h.context.browser()!.newContext({ ignoreHTTPSErrors: true });
  } catch (error) {
    await cloud.close();
    throw error;
  }
  return {
    cloud,
    h,
    async close() {
      await systemBrowser?.close();
      await h.close();
      await cloud.close();
    },
  };
}
