import { unwatchFile, watchFile } from 'node:fs';
import type { AppConfig } from '../../config/app-config';
import type { AuditRecorder } from '../audit';
import type { Logger } from '../log';
import { applyPolicyToConfig, effectivePolicy, policyView, type EffectivePolicyValue, type PolicyViewValue } from './effective-policy';
import { loadPolicy, type PolicyLoad, type PolicySources } from './policy-loader';
import { Emitter, type Event } from '../events';

/** Options of the policy service. */
export interface PolicyServiceOptions {
  readonly sources: PolicySources;
  readonly log: Logger;
  /** Polling interval of the policy file (ms); 0 disables watching. */
  readonly watchIntervalMs?: number;
}

/**
 * The enterprise policy in force. Loaded once, synchronously, before any other service is built
 * (so `applyTo(config)` decides their configuration); afterwards the file is watched and changes
 * are reported (most values apply at the next start; the notice says so). Never throws.
 */
export class PolicyService {
  private load: PolicyLoad;
  private readonly changes = new Emitter<[view: PolicyViewValue, previous: PolicyViewValue]>();
  private audit: AuditRecorder | undefined;
  private watching = false;

  /** Loads the policy now. */
  constructor(private readonly options: PolicyServiceOptions) {
    this.load = loadPolicy(options.sources);
    if (this.load.source === 'invalid') options.log.error('enterprise policy rejected; safe defaults in force', { location: this.load.location, reason: this.load.error });
    else options.log.info('enterprise policy', { source: this.load.source, location: this.load.location });
  }

  /** The raw load result. */
  current(): PolicyLoad {
    return this.load;
  }

  /** The values in force. */
  effective(): EffectivePolicyValue {
    return effectivePolicy(this.load);
  }

  /** What the renderer may see. */
  view(): PolicyViewValue {
    return policyView(this.load);
  }

  /** The configuration with policy applied on top (policy wins). */
  applyTo(config: AppConfig): AppConfig {
    return applyPolicyToConfig(config, this.load);
  }

  /** Starts watching the file; changes are recorded in the audit log and reported to listeners. */
  watch(audit?: AuditRecorder): void {
    this.audit = audit;
    const interval = this.options.watchIntervalMs ?? 5000;
    if (interval <= 0 || this.watching) return;
    this.watching = true;
    watchFile(this.options.sources.filePath, { interval, persistent: false }, () => this.reload());
  }

  /** Re-reads the policy; returns true when the view changed. */
  reload(): boolean {
    const previous = this.view();
    this.load = loadPolicy(this.options.sources);
    const next = this.view();
    if (JSON.stringify(previous) === JSON.stringify(next)) return false;
    void this.audit?.record({
      type: 'policy.change',
      outcome: next.source === 'invalid' ? 'failure' : 'info',
      target: next.location,
      details: { source: next.source, previousSource: previous.source, enforced: next.enforced, error: next.error },
    });
    this.changes.fire(next, previous);
    return true;
  }

  /** Called when the policy changes. Returns a disposer. */
  readonly onDidChange: Event<[view: PolicyViewValue, previous: PolicyViewValue]> = this.changes.event;

  /** Stops watching. */
  dispose(): void {
    if (this.watching) unwatchFile(this.options.sources.filePath);
    this.watching = false;
    this.changes.dispose();
  }
}
