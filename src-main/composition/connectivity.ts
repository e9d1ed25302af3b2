import { ApiHopProbe } from '../services/api-hop';
import { onDidSignOut, operatorOf, unlockPortOf } from '../services/auth/auth-ports';
import { armBastionHostReader, bastionNetFromStack, BastionTunnelClient } from '../services/bastion';
import type { DisposableStore } from '../services/events';
import { jitGuardOverArm } from '../services/jit';
import { clusterAccessOf } from '../services/kubeconfig/cluster-access';
import { createContextRegistry, createKubectlCredentials } from '../services/kubectl-credentials';
import { LockService, lockPolicyFrom } from '../services/lock';
import { createConnectivity } from '../services/sessions/connectivity';
import { SessionProcess, sessionProcessClients } from '../services/ssh/session-process';
import type { AzureStage } from './azure';
import type { Foundation } from './foundation';
import type { Identity } from './identity';

/** Sessions and tunnels, the idle lock that may close them, kubectl's credential channel (when the host enabled it), and the API server hop. */
export type ConnectivityStage = ReturnType<typeof buildConnectivity>;

/** Sessions first, then the lock over them, then kubectl's broker that asks the lock. */
export function buildConnectivity(f: Foundation, { auth, audit }: Identity, azure: AzureStage, store: DisposableStore) {
  const { options, policy } = f;
  const { log, appDataDir } = options;
  const access = { clusterAccess: async (clusterId: string) => clusterAccessOf(await azure.arm.getCluster(clusterId), azure.tenant()) };
  // Bastions are found in the selected tenant's subscriptions; its token (cached per tenant) is the one they get.
  const hosts = armBastionHostReader(azure.bastions, () => azure.tenant() ?? undefined); // kept with the inventory
  const bastion = new BastionTunnelClient({ hosts, credential: auth, net: bastionNetFromStack(f.net), config: options.config.bastion, log: log.child('bastion') });
  store.add(() => bastion.dispose()); // after the sessions on teardown: every Bastion session is DELETEd on quit
  const jit = jitGuardOverArm({ required: () => policy.effective().requireJitBeforeSsh, ledger: azure.jitGrants, arm: azure.arm, operator: operatorOf(auth), log });
  const helper = options.kubectl && { ...options.kubectl.helper, ...(options.kubectl.runtimeDir ? { runtimeDir: options.kubectl.runtimeDir } : {}) };
  const registry = options.kubectl && createContextRegistry(appDataDir);
  const kubectlExec = helper && registry ? { kubectlExec: { access, helper, provider: () => policy.effective().kubectlCredentialProvider, registry } } : {};
  // The SSH clients run in the session process when the host can start one; it stops after the sessions on teardown.
  const sessionProcess = options.sessionProcess && new SessionProcess(options.sessionProcess, log.child('session-process'));
  if (sessionProcess) store.add(() => sessionProcess.dispose());
  const clientHost = sessionProcess ? { clientHost: sessionProcessClients(sessionProcess) } : {};
  const ports = { agentSocket: process.env.SSH_AUTH_SOCK, azure: azure.arm, bastion, audit, access: jit, ...clientHost, ...kubectlExec, ...options.connectivity };
  const connectivity = createConnectivity({ ...ports, files: f.files, appDataDir, secrets: f.secrets, log });
  store.add(() => connectivity.dispose());
  const lockPolicy = lockPolicyFrom(() => policy.effective(), options.idleTimeoutMs);
  const lock = new LockService({ policy: lockPolicy, auth: unlockPortOf(auth), sessions: connectivity.manager, audit, log: log.child('lock') });
  store.add(() => lock.dispose());
  if (options.osLockEvents) store.add(options.osLockEvents((kind) => void lock.osEvent(kind)));
  const state = { isLocked: () => lock.isLocked(), identity: async () => (await auth.status()).state };
  const kubectl = options.kubectl && createKubectlCredentials({ appDataDir, tokens: azure.freshTokens, state, audit, log, aksScope: auth.aksScope, runtimeDir: options.kubectl.runtimeDir, registry });
  // The API server hop: TLS, "authenticated as" and the can-i matrix; CAE challenges go to the broker, so kubectl's next token is fresh too.
  const tunnels = { localPortOf: (name: string) => connectivity.manager.tunnel(name).snapshot().localPort };
  const apiHop = new ApiHopProbe({ credentials: azure.arm, access, tunnels, tokens: auth, aksScope: auth.aksScope, ...(kubectl ? { challenges: kubectl.broker } : {}) });
  store.add(onDidSignOut(auth, () => void connectivity.manager.closeAll())); // sign-out ends every session and tunnel
  if (kubectl) {
    // A CAE challenge from Resource Manager revokes the session AKS tokens come from too: kubectl's next token is fresh.
    store.add(f.armChallenges.onDidSeeChallenge((header) => void kubectl.broker.noteArmChallenge(header)));
    store.add(() => kubectl.dispose()); // the channel lives from its start: closed before the sessions
    void kubectl.start().catch((error: unknown) => log.warn('the kubectl credential channel did not start', { error }));
  }
  return { connectivity, lock, kubectl, apiHop, sessionProcess };
}
