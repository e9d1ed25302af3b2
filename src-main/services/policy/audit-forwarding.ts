import type { PolicyService } from './policy-service';

/** Audit forwarding settings from an enterprise policy document (file or registry), if it has any. */
export function auditForwardingOf(policy: Pick<PolicyService, 'current'>) {
  const load = policy.current();
  return load.source === 'file' || load.source === 'registry' ? load.document.audit?.forwarding : undefined;
}
