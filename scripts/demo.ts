/**
 * Demo mode (`npm run demo`): the real console in Chromium against the simulated cloud — the Entra
 * ID, ARM and Bastion stand-ins and, as root, the namespace topology with a real OpenSSH jump box —
 * so anyone can walk every scenario without an Azure subscription. The permanent "Simulated Azure"
 * banner is on. Never part of a packaged build: it lives in scripts/ and test/, which the
 * packager does not ship.
 *
 * Options (environment): AKS_DEMO_SCENARIO (an ARM stand-in scenario, default
 * private-hub-spoke-bastion), AKS_DEMO_LANGUAGE (en|ja), AKS_DEMO_NO_TOPOLOGY=1, AKS_DEMO_SLOT (the
 * topology slot, 0..15, default 0; tests pick their own so they never take a shared slot down),
 * AKS_DEMO_ACCESS (the cluster's access scenario: entra-azure-rbac (default), entra-k8s-rbac,
 * local-accounts, or none for the fixture's cluster as it is). kubectl's credential channel is on, so
 * contexts written for an Entra cluster and the kubectl terminal tab use the console's own helper.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { SCENARIOS, type ScenarioName } from '../test/standins/arm';
import { ACCESS_SCENARIOS, type AccessScenario } from '../test/standins/apiserver';
import { startSimulatedCloud } from '../test/demo/simulated-cloud';
import { startHarness } from '../test/e2e/harness';

async function main(): Promise<void> {
  const scenario = (process.env.AKS_DEMO_SCENARIO ?? 'private-hub-spoke-bastion') as ScenarioName;
  if (!SCENARIOS.includes(scenario)) throw new Error(`unknown scenario ${scenario}; choose one of: ${SCENARIOS.join(', ')}`);
  const language = process.env.AKS_DEMO_LANGUAGE === 'ja' ? 'ja' : 'en';
  const slot = Number(process.env.AKS_DEMO_SLOT ?? '0');
  if (!Number.isInteger(slot) || slot < 0 || slot > 15) throw new Error(`AKS_DEMO_SLOT must be a topology slot 0..15, got '${process.env.AKS_DEMO_SLOT}'`);
  const accessName = process.env.AKS_DEMO_ACCESS ?? 'entra-azure-rbac';
  if (accessName !== 'none' && !(ACCESS_SCENARIOS as readonly string[]).includes(accessName)) throw new Error(`unknown AKS_DEMO_ACCESS ${accessName}; choose one of: none, ${ACCESS_SCENARIOS.join(', ')}`);
  const access = accessName === 'none' ? undefined : (accessName as AccessScenario);
  const signIn: { window?: BrowserContext } = {};
  // Without the topology the banner says what is missing and why.
  const gaps = process.env.AKS_DEMO_NO_TOPOLOGY === '1' ? ['topology-switched-off' as const] : process.getuid?.() === 0 ? [] : ['topology-needs-root' as const];
  const cloud = await startSimulatedCloud({
    scenario,
    fleet: { subscriptions: 4, clustersPerSubscription: 3 },
    topology: gaps.length === 0,
    slot,
    ...(access ? { access } : {}),
    kubectl: true,
    // The operator's "system browser": a separate window that shows the stand-in's sign-in page.
    openBrowser: async (url) => {
      const page = await signIn.window!.newPage();
      await page.goto(url);
    },
  });
  const headed = Boolean(process.env.DISPLAY) && process.env.AKS_HEADLESS !== '1';
  const h = await startHarness({ language, config: { ...cloud.config, simulatedGaps: gaps }, core: cloud.core, headed, viewport: { width: 1360, height: 860 } });
  signIn.window = await (h.context.browser() as Browser).newContext({ ignoreHTTPSErrors: true });

  console.log(`demo: the console is open${headed ? ' in Chromium' : ' (headless: no display)'} at ${h.origin}/index.html`);
  console.log(`demo: simulated tenant with scenario "${scenario}"; ARM stand-in ${cloud.arm.url}; Entra stand-in ${cloud.entra.origin}`);
  if (cloud.topology) {
    const keyFile = path.join(cloud.homeDir, 'demo-jumpbox-key');
    await writeFile(keyFile, cloud.topology.clientPrivateKey, { mode: 0o600 });
    console.log(`demo: jump box user "${cloud.topology.jumpBox.user}"; its test key (generated for this run) is in ${keyFile}: paste it on the Terminals screen (Import a private key) to open a Bastion terminal`);
  } else {
    console.log('demo: no namespace topology (needs root); SSH terminals and tunnels are unavailable, everything else works');
  }
  console.log(`demo: file dialogs are simulated: "Choose a file…" picks ${path.join(cloud.homeDir, 'picked')}/<kind> (kubeconfig, ssh-config, known-hosts, private-key)`);
  console.log('demo: press Ctrl+C to stop');

  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await signIn.window?.close().catch(() => undefined);
    await h.close().catch(() => undefined);
    await cloud.close().catch(() => undefined);
    process.exit(0);
  };
  // Closing the console window, or Chromium quitting, ends the demo as Ctrl+C does. Whatever this
  // process cannot close itself (a crash, SIGKILL) the supervising start script tears down.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());
  h.page.on('close', () => void stop());
  h.context.browser()?.on('disconnected', () => void stop());
}

void main().catch((error: unknown) => {
  console.error('demo failed:', error);
  process.exit(1);
});
