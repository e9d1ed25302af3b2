import type { IpcRouter } from '../router';
import type { PolicyService } from '../../services/policy';

/** What the policy handlers need. */
export interface PolicyHandlerDeps {
  readonly policy: PolicyService;
}

/**
 * Registers `policy.get`. The renderer asks for the policy when it starts; an invalid policy is
 * then also announced as an `app.notice` (the status area shows it), because an event sent before
 * the window exists would be lost. Changes on disk are pushed as `policy.changed` plus a notice.
 */
export function registerPolicyHandlers(router: IpcRouter, deps: PolicyHandlerDeps): () => void {
  router.handle('policy.get', () => {
    const view = deps.policy.view();
    if (view.error) {
      setTimeout(() => router.emit('app.notice', { level: 'error', code: 'policy.invalid', message: `The enterprise policy at ${view.location} was rejected (${view.error}); strict defaults are in force.` }), 0);
    }
    return view;
  });
  return deps.policy.onDidChange((view) => {
    router.emit('policy.changed', view);
    router.emit('app.notice', view.error
      ? { level: 'error', code: 'policy.invalid', message: `The enterprise policy at ${view.location} was rejected (${view.error}); strict defaults are in force.` }
      : { level: 'warning', code: 'policy.changed', message: 'The enterprise policy changed; restart the console so every setting follows it.' });
  });
}
