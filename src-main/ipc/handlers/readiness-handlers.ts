import type { IpcRouter } from '../router';
import type { ReadinessService } from '../../services/readiness';

/** What the workstation-check handler needs. */
export interface ReadinessHandlerDeps {
  readonly readiness: Pick<ReadinessService, 'run'>;
}

/** Registers `readiness.run` (read-only; nothing to undo on teardown). */
export function registerReadinessHandlers(router: IpcRouter, deps: ReadinessHandlerDeps): void {
  router.handle('readiness.run', () => deps.readiness.run());
}
