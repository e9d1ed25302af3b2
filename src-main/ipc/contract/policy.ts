import { z } from 'zod';
import { event, invoke, NoRequest } from './define';

/** The policy values in force (policy file, or the defaults when there is none or it is invalid). */
export const EffectivePolicy = z.object({
  idleTimeoutMinutes: z.number().int(),
  sessionsOnLock: z.enum(['keep', 'close']),
  lockOnOsLock: z.boolean(),
  /** Locked with no account known: unlocking ends every session and tunnel, unless policy keeps them. */
  unlockWithoutAccount: z.enum(['end-sessions', 'keep-sessions']),
  deviceCodeAllowed: z.boolean(),
  brokerRequired: z.boolean(),
  allowedTenants: z.array(z.string()).nullable(),
  allowCopyFromTerminal: z.boolean(),
  allowPasteToTerminal: z.boolean(),
  confirmMultilinePaste: z.boolean(),
  requireJitBeforeSsh: z.boolean(),
  kubectlCredentialProvider: z.enum(['console', 'kubelogin']),
  auditForwarding: z.boolean(),
  proxy: z.enum(['policy', 'system-or-environment']),
  externalLinkHosts: z.array(z.string()).nullable(),
});

/** What the renderer may know about enterprise policy. */
export const PolicyView = z.object({
  source: z.enum(['none', 'file', 'registry', 'invalid']),
  location: z.string(),
  /** Why the policy was rejected (source `invalid`); safe defaults are then in force. */
  error: z.string().nullable(),
  /** Setting paths the policy fixes, e.g. `settings.language`, `lock.idleTimeoutMinutes`; the UI shows them locked. */
  enforced: z.array(z.string()),
  /** Operator settings the policy fixes, with their values. */
  enforcedSettings: z.object({ language: z.enum(['en', 'ja']).optional(), theme: z.enum(['system', 'light', 'dark', 'high-contrast']).optional() }),
  effective: EffectivePolicy,
});

/** Invokes of the policy area. */
export const policyInvokes = {
  'policy.get': invoke(NoRequest, PolicyView),
} as const;

/** Events of the policy area. */
export const policyEvents = {
  /** The policy file changed on disk; some values apply after a restart (the notice says so). */
  'policy.changed': event(PolicyView),
} as const;
