import { hostname } from 'node:os';
import path from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import type { Logger } from '../log';
import type { NetStack } from '../net';
import { AuditForwarder, type AuditForwardingSettings } from './audit-forwarder';

/** The Logs Ingestion forwarder when policy configures forwarding (its cursor beside the audit log), else null. */
export function forwarderFor(forwarding: AuditForwardingSettings | undefined, deps: { appDataDir: string; net: NetStack; credential: TokenCredential; log: Logger }): AuditForwarder | null {
  if (!forwarding) return null;
  const cursorFile = path.join(deps.appDataDir, 'audit', 'forward-cursor.json');
  return new AuditForwarder(forwarding, { net: deps.net, credential: deps.credential, cursorFile, device: hostname(), log: deps.log.child('audit-forwarding') });
}
