import { hostname } from 'node:os';
import path from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import { AuditForwarder, AuditService, AuthAuditBridge } from '../services/audit';
import type { AuthService } from '../services/auth/auth-service';
import { createAuthService } from '../services/auth/create-auth-service';
import type { PolicyService } from '../services/policy';
import type { DisposableStore } from './disposable-store';
import type { Foundation } from './foundation';

/** Who the operator is (auth, THE TokenCredential) and the audit log that records what they do. */
export interface Identity {
  readonly auth: AuthService;
  readonly audit: AuditService;
}

/** Auth first (it needs no audit), then the audit log, whose default actor is the signed-in operator. */
export function buildIdentity({ options, policy, secrets, net, armHttp, settings }: Foundation, store: DisposableStore): Identity {
  const auth = createAuthService({
    config: options.config.auth,
    appDataDir: options.appDataDir,
    log: options.log,
    secretStore: secrets,
    http: net,
    armClientOptions: { httpClient: armHttp },
    openBrowser: options.openBrowser ?? options.openExternal,
    windowHandle: options.windowHandle,
    language: async () => (await settings.get()).language,
  });
  store.add(() => auth.dispose());
  const audit = new AuditService({
    filePath: path.join(options.appDataDir, 'audit', 'audit-log.jsonl'),
    secrets,
    log: options.log.child('audit'),
    actor: signedInOperator(auth, store),
    forwarder: forwarderFor(policy, options.appDataDir, net, auth, options.log),
  });
  store.add(() => audit.dispose());
  void audit.record({ type: 'app.start', outcome: 'info', details: { version: options.version, runtime: options.runtime, policy: policy.view().source } });
  policy.watch(audit);
  const bridge = new AuthAuditBridge(audit);
  store.add(auth.onDidChangeState((status) => bridge.observe(status)));
  return { auth, audit };
}

/** The operator of the last settled sign-in state (one in progress, like the unlock's, changes nothing): the audit's default actor. */
function signedInOperator(auth: AuthService, store: DisposableStore): () => string | null {
  let operator: string | null = null;
  store.add(auth.onDidChangeState((status) => {
    if (status.state !== 'signing-in') operator = status.state === 'signed-in' ? (status.account?.username ?? null) : null;
  }));
  return () => operator;
}

/** Audit forwarding settings from an enterprise policy document (file or registry), if it has any. */
export function policyForwarding(policy: PolicyService) {
  const load = policy.current();
  return load.source === 'file' || load.source === 'registry' ? load.document.audit?.forwarding : undefined;
}

/** The Logs Ingestion forwarder when policy configures one. */
function forwarderFor(policy: PolicyService, appDataDir: string, net: Foundation['net'], credential: TokenCredential, log: Foundation['options']['log']): AuditForwarder | null {
  const forwarding = policyForwarding(policy);
  if (!forwarding) return null;
  const cursorFile = path.join(appDataDir, 'audit', 'forward-cursor.json');
  return new AuditForwarder(forwarding, { net, credential, cursorFile, device: hostname(), log: log.child('audit-forwarding') });
}
