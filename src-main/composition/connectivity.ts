import { ApiHopProbe } from '../services/api-hop';
import { WrongAccountError } from '../services/auth/auth-errors';
import { armBastionHostReader, bastionNetFromStack, BastionTunnelClient } from '../services/bastion';
import { ArmJitGrants, armVmAddresses, JitGuard } from '../services/jit';
import { clusterAccessOf } from '../services/kubeconfig/cluster-access';
import { createContextRegistry, createKubectlCredentials, type KubectlCredentials } from '../services/kubectl-credentials';
import { LockService } from '../services/lock';
import { createConnectivity, type Connectivity } from '../services/sessions/connectivity';
import type { AzureStage } from './azure';
import type { DisposableStore } from './disposable-store';
import type { Foundation } from './foundation';
import type { Identity } from './identity';

/** Sessions and tunnels, the idle lock that may close them, kubectl's credential channel, and the API server hop. */
export interface ConnectivityStage {
  readonly connectivity: Connectivity;
  readonly lock: LockService;
  readonly kubectl: KubectlCredentials | undefined;
  readonly apiHop: ApiHopProbe;
}

/** Sessions first, then the lock over them, then kubectl's broker that asks the lock. */
export function buildConnectivity(f: Foundation, { auth, audit }: Identity, azure: AzureStage, store: DisposableStore): ConnectivityStage {
  const { options, policy } = f;
  const access = { clusterAccess: async (clusterId: string) => clusterAccessOf(await azure.arm.getCluster(clusterId), azure.tenant()) };
  const bastion = new BastionTunnelClient({
    // Bastions are found in the selected tenant's subscriptions; its token (cached per tenant) is the one they get.
    hosts: armBastionHostReader(azure.arm, () => azure.tenant() ?? undefined),
    credential: auth,
    net: bastionNetFromStack(f.net),
    config: options.config.bastion,
    log: options.log.child('bastion'),
  });
  store.add(() => bastion.dispose()); // after the sessions on teardown: every Bastion session is DELETEd on quit
  const kubectlHelper = options.kubectl && { ...options.kubectl.helper, ...(options.kubectl.runtimeDir ? { runtimeDir: options.kubectl.runtimeDir } : {}) };
  const registry = options.kubectl && createContextRegistry(options.appDataDir);
  const connectivity = createConnectivity({
    agentSocket: process.env.SSH_AUTH_SOCK,
    azure: azure.arm,
    bastion,
    audit,
    access: new JitGuard({
      required: () => policy.effective().requireJitBeforeSsh,
      sources: [azure.jitGrants, new ArmJitGrants(azure.arm, async () => (await auth.status()).account?.username ?? null)],
      vmAddresses: armVmAddresses(azure.arm),
      log: options.log.child('jit'),
    }),
    ...(kubectlHelper && registry ? { kubectlExec: { access, helper: kubectlHelper, provider: () => policy.effective().kubectlCredentialProvider, registry } } : {}),
    ...options.connectivity,
    files: f.files,
    appDataDir: options.appDataDir,
    secrets: f.secrets,
    log: options.log,
  });
  store.add(() => connectivity.dispose());
  const lock = lockOver(f, auth, audit, connectivity);
  store.add(() => lock.dispose());
  if (options.osLockEvents) store.add(options.osLockEvents((kind) => void lock.osEvent(kind)));
  const kubectl = options.kubectl && createKubectlCredentials({
    appDataDir: options.appDataDir,
    tokens: azure.freshTokens,
    state: { isLocked: () => lock.isLocked(), identity: async () => (await auth.status()).state },
    audit,
    log: options.log,
    aksScope: auth.aksScope,
    runtimeDir: options.kubectl.runtimeDir,
    registry,
  });
  // The API server hop: TLS, "authenticated as" and the can-i matrix; CAE challenges go to the broker, so kubectl's next token is fresh too.
  const tunnels = { localPortOf: (name: string) => connectivity.manager.tunnel(name).snapshot().localPort };
  const apiHop = new ApiHopProbe({ credentials: azure.arm, access, tunnels, tokens: auth, aksScope: auth.aksScope, ...(kubectl ? { challenges: kubectl.broker } : {}) });
  // Sign-out ends every session and tunnel; a console that was never signed in (VPN-only use) is left alone.
  let wasSignedIn = false;
  store.add(auth.onDidChangeState((status) => {
    if (status.state === 'signed-out' && wasSignedIn) void connectivity.manager.closeAll();
    wasSignedIn = status.state === 'signed-in';
  }));
  if (kubectl) {
    // A CAE challenge from Resource Manager revokes the session AKS tokens come from too: kubectl's next token is fresh.
    store.add(f.armChallenges.onDidSeeChallenge((header) => void kubectl.broker.noteArmChallenge(header)));
    store.add(() => kubectl.dispose()); // the channel lives from its start: closed before the sessions
    void kubectl.start().catch((error: unknown) => options.log.warn('the kubectl credential channel did not start', { error }));
  }
  return { connectivity, lock, kubectl, apiHop };
}

/** The idle lock over the sessions, reading policy (or the host's override) on every check; unlocking takes a fresh sign-in by the same account. */
function lockOver({ options, policy }: Foundation, auth: Identity['auth'], audit: Identity['audit'], connectivity: Connectivity): LockService {
  return new LockService({
    policy: () => {
      const p = policy.effective();
      const override = typeof options.idleTimeoutMs === 'function' ? options.idleTimeoutMs() : options.idleTimeoutMs;
      return { idleTimeoutMs: override ?? p.idleTimeoutMinutes * 60_000, sessionsOnLock: p.sessionsOnLock, lockOnOsLock: p.lockOnOsLock, unlockWithoutAccount: p.unlockWithoutAccount };
    },
    auth: {
      // Whatever the token state (signed in, or a renewal that needs a person): the account is who may unlock.
      currentAccount: async () => (await auth.status()).account ?? null,
      // Another account's sign-in is refused by auth (its tokens dropped); the lock still needs its name to audit the refusal.
      reauthenticate: () => auth.reauthenticate().catch((error: unknown) => {
        if (error instanceof WrongAccountError) return error.account;
        throw error;
      }),
    },
    sessions: connectivity.manager,
    audit,
    log: options.log.child('lock'),
  });
}
