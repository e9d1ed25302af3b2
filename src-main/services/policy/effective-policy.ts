import type { z } from 'zod';
import type { AppConfig } from '../../config/app-config';
import type { EffectivePolicy, PolicyView } from '../../ipc/contract/policy';
import type { PolicyLoad } from './policy-loader';
import type { PolicyDocument } from './policy-schema';

/** The values in force. */
export type EffectivePolicyValue = z.output<typeof EffectivePolicy>;
/** The renderer's view of the policy. */
export type PolicyViewValue = z.output<typeof PolicyView>;

/** Defaults when no policy exists: the operator decides, the console still locks after 15 idle minutes. */
export const DEFAULT_POLICY: EffectivePolicyValue = {
  idleTimeoutMinutes: 15,
  sessionsOnLock: 'keep',
  lockOnOsLock: true,
  unlockWithoutAccount: 'end-sessions',
  deviceCodeAllowed: true,
  brokerRequired: false,
  allowedTenants: null,
  allowCopyFromTerminal: true,
  allowPasteToTerminal: true,
  confirmMultilinePaste: true,
  requireJitBeforeSsh: false,
  kubectlCredentialProvider: 'console',
  auditForwarding: false,
  proxy: 'system-or-environment',
  externalLinkHosts: null,
};

/**
 * Defaults when a policy exists but is invalid: an administrator meant to restrict something we
 * cannot read, so the console assumes the strict side (short idle lock, sessions closed on lock,
 * no device-code sign-in, JIT required) rather than the permissive one.
 */
export const SAFE_POLICY: EffectivePolicyValue = {
  ...DEFAULT_POLICY,
  idleTimeoutMinutes: 5,
  sessionsOnLock: 'close',
  deviceCodeAllowed: false,
  requireJitBeforeSsh: true,
};

/** Resolves a policy load into the values in force. */
export function effectivePolicy(load: PolicyLoad): EffectivePolicyValue {
  if (load.source === 'none') return DEFAULT_POLICY;
  if (load.source === 'invalid') return SAFE_POLICY;
  const d = load.document;
  return {
    idleTimeoutMinutes: d.lock?.idleTimeoutMinutes ?? DEFAULT_POLICY.idleTimeoutMinutes,
    sessionsOnLock: d.lock?.sessionsOnLock ?? DEFAULT_POLICY.sessionsOnLock,
    lockOnOsLock: d.lock?.lockOnOsLock ?? DEFAULT_POLICY.lockOnOsLock,
    unlockWithoutAccount: d.lock?.unlockWithoutAccount ?? DEFAULT_POLICY.unlockWithoutAccount,
    deviceCodeAllowed: d.auth?.deviceCodeAllowed ?? DEFAULT_POLICY.deviceCodeAllowed,
    brokerRequired: d.auth?.brokerRequired ?? DEFAULT_POLICY.brokerRequired,
    allowedTenants: d.auth?.allowedTenants ?? null,
    allowCopyFromTerminal: d.clipboard?.allowCopyFromTerminal ?? DEFAULT_POLICY.allowCopyFromTerminal,
    allowPasteToTerminal: d.clipboard?.allowPasteToTerminal ?? DEFAULT_POLICY.allowPasteToTerminal,
    confirmMultilinePaste: d.clipboard?.confirmMultilinePaste ?? DEFAULT_POLICY.confirmMultilinePaste,
    requireJitBeforeSsh: d.ssh?.requireJitBeforeSsh ?? DEFAULT_POLICY.requireJitBeforeSsh,
    kubectlCredentialProvider: d.kubectl?.credentialProvider ?? DEFAULT_POLICY.kubectlCredentialProvider,
    auditForwarding: d.audit?.forwarding !== undefined,
    proxy: d.network?.proxyUrl || d.network?.pacUrl ? 'policy' : 'system-or-environment',
    externalLinkHosts: d.externalLinks?.allowedHosts ?? null,
  };
}

/** Dotted paths of everything the document sets (what the UI shows as locked). */
export function enforcedPaths(document: PolicyDocument | undefined): string[] {
  if (!document) return [];
  const out: string[] = [];
  for (const [section, value] of Object.entries(document)) {
    if (section === '$schema' || section === 'schemaVersion' || !value || typeof value !== 'object') continue;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out.push(`${section}.${key}`);
  }
  return out.sort();
}

/** Policy wins over configuration: the config the services are built from. */
export function applyPolicyToConfig(config: AppConfig, load: PolicyLoad): AppConfig {
  if (load.source === 'invalid') return { ...config, auth: { ...config.auth, deviceCode: 'disabled' } };
  if (load.source === 'none') return config;
  const { auth, network, externalLinks } = load.document;
  return {
    ...config,
    auth: {
      ...config.auth,
      ...(auth?.allowedTenants ? { allowedTenants: auth.allowedTenants.map((t) => t.toLowerCase()) } : {}),
      ...(auth?.clientId ? { clientId: auth.clientId } : {}),
      ...(auth?.authorityHost ? { authorityHost: auth.authorityHost.replace(/\/+$/, '') } : {}),
      ...(auth?.deviceCodeAllowed !== undefined ? { deviceCode: auth.deviceCodeAllowed ? 'allowed' : 'disabled' } : {}),
      ...(auth?.brokerRequired ? { broker: 'required' as const } : {}),
    },
    network: {
      ...config.network,
      ...(network?.proxyUrl ? { proxyUrl: network.proxyUrl, mode: 'auto' as const } : {}),
      ...(network?.noProxy ? { noProxy: network.noProxy } : {}),
      ...(network?.caBundleFile ? { caBundleFile: network.caBundleFile } : {}),
      ...(network?.proxyAuth ? { proxyAuth: { ...config.network.proxyAuth, ...network.proxyAuth } } : {}),
    },
    ...(externalLinks ? { externalLinkHosts: externalLinks.allowedHosts } : {}),
  };
}

/** The renderer's view of a load. */
export function policyView(load: PolicyLoad): PolicyViewValue {
  const document = load.source === 'file' || load.source === 'registry' ? load.document : undefined;
  return {
    source: load.source,
    location: load.location,
    error: load.source === 'invalid' ? load.error : null,
    enforced: enforcedPaths(document),
    enforcedSettings: { ...(document?.settings ?? {}) },
    effective: effectivePolicy(load),
  };
}
