import type { INativeBrokerPlugin } from '@azure/msal-node';

/** Which interactive path the console uses, and why when it is not the broker. */
export type InteractivePath =
  | { readonly mode: 'broker'; readonly plugin: INativeBrokerPlugin }
  | { readonly mode: 'browser'; readonly reason?: string; readonly blocked?: boolean };

/** What the broker decision depends on (all injectable, so the logic is tested on any OS). */
export interface BrokerFacts {
  readonly platform: NodeJS.Platform;
  readonly policy: 'auto' | 'off' | 'required';
  /** Loads the native broker plugin (msal-node-extensions' NativeBrokerPlugin), or throws. */
  readonly loadPlugin: () => Promise<INativeBrokerPlugin>;
}

/**
 * Picks the OS broker (WAM) where it can work and the system browser otherwise. Only Windows is
 * brokered: macOS' Enterprise SSO plug-in fails on unmanaged machines and Linux has no broker we
 * ship. A plugin that loads but whose runtime did not start counts as unavailable.
 */
export async function chooseInteractivePath(facts: BrokerFacts): Promise<InteractivePath> {
  if (facts.policy === 'off') return { mode: 'browser', reason: 'The OS broker is turned off by policy.' };
  const fallback = (reason: string | undefined): InteractivePath =>
    facts.policy === 'required'
      ? { mode: 'browser', blocked: true, reason: `Policy requires the OS broker (WAM) for interactive sign-in. ${reason ?? 'There is no OS broker on this platform.'}` }
      : { mode: 'browser', ...(reason ? { reason } : {}) };
  if (facts.platform !== 'win32') return fallback(undefined);
  let plugin: INativeBrokerPlugin;
  try {
    plugin = await facts.loadPlugin();
  } catch (error) {
    return fallback(`The Windows broker (WAM) plugin is not installed: ${(error as Error).message}`);
  }
  if (!plugin.isBrokerAvailable) return fallback('The Windows broker (WAM) did not start; using the system browser.');
  return { mode: 'broker', plugin };
}

/** Loads msal-node-extensions' broker plugin when that optional package is installed. */
export async function loadNativeBrokerPlugin(): Promise<INativeBrokerPlugin> {
  const moduleName = '@azure/msal-node-extensions';
  const extensions = (await import(/* @vite-ignore */ moduleName)) as { NativeBrokerPlugin: new () => INativeBrokerPlugin };
  return new extensions.NativeBrokerPlugin();
}
