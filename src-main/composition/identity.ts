import path from 'node:path';
import { AuditService, AuthAuditBridge, forwarderFor } from '../services/audit';
import { settledOperator } from '../services/auth/auth-ports';
import { createAuthService } from '../services/auth/create-auth-service';
import type { DisposableStore } from '../services/events';
import { auditForwardingOf } from '../services/policy';
import type { Foundation } from './foundation';

/** Who the operator is (auth, THE TokenCredential) and the audit log that records what they do. */
export type Identity = ReturnType<typeof buildIdentity>;

/** Auth first (it needs no audit), then the audit log, whose default actor is the signed-in operator. */
export function buildIdentity({ options, policy, secrets, net, armHttp, settings }: Foundation, store: DisposableStore) {
  const { config, appDataDir, log } = options;
  const language = async () => (await settings.get()).language;
  const auth = createAuthService({ config: config.auth, appDataDir, log, secretStore: secrets, http: net, armClientOptions: { httpClient: armHttp }, openBrowser: options.openBrowser ?? options.openExternal, windowHandle: options.windowHandle, language });
  store.add(() => auth.dispose());
  const operator = settledOperator(auth);
  store.add(operator.dispose);
  const forwarder = forwarderFor(auditForwardingOf(policy), { appDataDir, net, credential: auth, log });
  const audit = new AuditService({ filePath: path.join(appDataDir, 'audit', 'audit-log.jsonl'), secrets, log: log.child('audit'), actor: operator.current, forwarder });
  store.add(() => audit.dispose());
  void audit.record({ type: 'app.start', outcome: 'info', details: { version: options.version, runtime: options.runtime, policy: policy.view().source } });
  policy.watch(audit);
  const bridge = new AuthAuditBridge(audit);
  store.add(auth.onDidChangeState((status) => bridge.observe(status)));
  return { auth, audit };
}
