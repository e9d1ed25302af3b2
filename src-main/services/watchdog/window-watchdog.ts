/**
 * Notices a console window that stopped answering and helps the operator out of it. The window
 * cannot show anything while it is stuck, so main records the event in the audit log together with
 * the session that last wrote output (the likeliest cause: hostile or huge output) and offers,
 * through a port the Electron glue fills with a native dialog, to close that session or reload the
 * window (a reload keeps every session: see ssh-reattach.ts).
 */
import type { AuditRecorder } from '../audit';
import type { Logger } from '../log';

/** What the operator chose. */
export type WatchdogChoice = 'close-session' | 'reload' | 'wait';

/** What the offer names: the session that last wrote output, when there is one, and the operator's language. */
export interface WatchdogOffer {
  readonly sessionId?: string;
  readonly label?: string;
  readonly language: 'en' | 'ja';
}

/** How the stuck window was noticed. */
export type StuckSource = 'electron' | 'heartbeat';

/** What the watchdog needs. */
export interface WindowWatchdogPorts {
  readonly audit: AuditRecorder;
  readonly log: Logger;
  /** The label of a live session, or undefined when it is gone. */
  sessionLabel(sessionId: string): string | undefined;
  closeSession(sessionId: string): Promise<unknown>;
  /** Asks the operator (main-drawn UI); resolves with the choice. */
  offer(offer: WatchdogOffer): Promise<WatchdogChoice>;
  /** The operator's UI language, for that offer. */
  language(): Promise<'en' | 'ja'>;
  reloadWindow(): void;
}

/** Tracks the last writer and handles unresponsive/responsive transitions. */
export class WindowWatchdog {
  private lastWriter: string | undefined;
  private stuckSince: number | undefined;

  /** Creates the watchdog with its ports. */
  constructor(
    private readonly ports: WindowWatchdogPorts,
    private readonly now: () => number = Date.now,
  ) {}

  /** A session sent output to the window. */
  noteOutput(sessionId: string): void {
    this.lastWriter = sessionId;
  }

  /** True while the window is considered stuck. */
  get stuck(): boolean {
    return this.stuckSince !== undefined;
  }

  /** The window stopped answering: audit it, then offer the way out and carry out the choice. */
  async unresponsive(source: StuckSource): Promise<WatchdogChoice | undefined> {
    if (this.stuck) return undefined;
    this.stuckSince = this.now();
    const sessionId = this.lastWriter;
    const label = sessionId ? this.ports.sessionLabel(sessionId) : undefined;
    const live = label !== undefined ? { sessionId, label } : {};
    this.ports.log.warn('window unresponsive', { source, ...live });
    await this.ports.audit.record({ type: 'window.unresponsive', outcome: 'failure', target: label ?? null, details: { source, lastOutputSession: live.sessionId ?? null } });
    const choice = await this.ports.offer({ ...live, language: await this.ports.language().catch(() => 'en' as const) });
    await this.ports.audit.record({ type: 'window.recovery', outcome: 'info', target: label ?? null, details: { choice, session: live.sessionId ?? null } });
    if (choice === 'close-session' && live.sessionId) await this.ports.closeSession(live.sessionId);
    else if (choice === 'reload') this.ports.reloadWindow();
    return choice;
  }

  /** The window answers again. */
  responsive(): void {
    if (this.stuckSince === undefined) return;
    const stuckMs = this.now() - this.stuckSince;
    this.stuckSince = undefined;
    void this.ports.audit.record({ type: 'window.responsive', outcome: 'info', details: { stuckMs } });
  }
}
