/**
 * Enterprise policy: a machine-wide JSON file (or the Windows registry) validated against
 * `PolicyDocument` (published as `resources/policy.schema.json`; see docs/policy.md).
 *
 * How other services use it: core.ts builds ONE `PolicyService` before anything else and builds the
 * other services from `policy.applyTo(config)` (auth: allowed tenants, client id, authority, device
 * code; network: proxy, no-proxy, CA bundle; external link hosts). Values without a config field are
 * read from `core.policy.effective()`: `idleTimeoutMinutes`, `sessionsOnLock`, `lockOnOsLock`,
 * `allowCopyFromTerminal`, `allowPasteToTerminal`, `confirmMultilinePaste`, `requireJitBeforeSsh`.
 * An invalid policy never crashes: SAFE_POLICY applies and the renderer gets an `app.notice`.
 */
export { PolicyDocument, policyJsonSchema } from './policy-schema';
export { loadPolicy, type PolicyLoad, type PolicySources } from './policy-loader';
export { defaultPolicyInspection, defaultPolicyPath } from './policy-location';
export { posixPolicyInspection, type PolicyInspection, type RegistryRead } from './policy-inspection';
export { judgeWindowsAcl, POLICY_REGISTRY_KEY, POLICY_REGISTRY_VALUE, windowsPolicyInspection, windowsProbeScript } from './windows-policy-probe';
export {
  applyPolicyToConfig,
  DEFAULT_POLICY,
  effectivePolicy,
  enforcedPaths,
  policyView,
  SAFE_POLICY,
  type EffectivePolicyValue,
  type PolicyViewValue,
} from './effective-policy';
export { PolicyService, type PolicyServiceOptions } from './policy-service';
export { EnforcedSettingsService } from './enforced-settings';
export { auditForwardingOf } from './audit-forwarding';
