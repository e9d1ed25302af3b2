import { randomUUID } from 'node:crypto';
import { Emitter, type Event } from '../events';

/** What the operator is asked about a host key nobody has vouched for yet. */
export interface HostKeyQuestion {
  readonly hostId: string;
  readonly host: string;
  readonly port: number;
  readonly keyType: string;
  readonly fingerprint: string;
  /** The session id or tunnel name waiting for the answer. */
  readonly requester: string;
}

/** A question as surfaced to the UI. */
export interface HostKeyPromptEvent extends HostKeyQuestion {
  readonly decisionId: string;
  readonly expiresAt: string;
}

/** The operator's answer. */
export type HostKeyAnswer = 'accept-once' | 'accept-always' | 'refuse';

/** How a question ended. */
export type HostKeyOutcome = HostKeyAnswer | 'expired' | 'cancelled';

interface Pending {
  readonly question: HostKeyQuestion;
  readonly expiresAt: string;
  readonly settle: (outcome: HostKeyOutcome) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Pending trust-on-first-use questions. A question is surfaced as an event and settles when the
 * operator answers, when it expires (refusal), or when its requester goes away (cancelled).
 */
export class HostKeyPrompts {
  private readonly pending = new Map<string, Pending>();
  private readonly prompts = new Emitter<[prompt: HostKeyPromptEvent]>();
  private readonly settlements = new Emitter<[decisionId: string, outcome: HostKeyOutcome]>();

  /** Creates the broker; unanswered questions expire after `timeoutMs`. */
  constructor(private readonly timeoutMs = 120_000, private readonly now: () => Date = () => new Date()) {}

  /** Subscribes to new questions; returns a disposer. */
  readonly onDidPrompt: Event<[prompt: HostKeyPromptEvent]> = this.prompts.event;

  /** Subscribes to settled questions; returns a disposer. */
  readonly onDidSettle: Event<[decisionId: string, outcome: HostKeyOutcome]> = this.settlements.event;

  /** Asks the operator; resolves with the answer, 'expired' or 'cancelled'. */
  ask(question: HostKeyQuestion): Promise<HostKeyOutcome> {
    const decisionId = randomUUID();
    const expiresAt = new Date(this.now().getTime() + this.timeoutMs).toISOString();
    return new Promise<HostKeyOutcome>((resolve) => {
      const settle = (outcome: HostKeyOutcome): void => {
        const entry = this.pending.get(decisionId);
        if (!entry) return;
        clearTimeout(entry.timer);
        this.pending.delete(decisionId);
        this.settlements.fire(decisionId, outcome);
        resolve(outcome);
      };
      const timer = setTimeout(() => settle('expired'), this.timeoutMs);
      timer.unref?.();
      this.pending.set(decisionId, { question, expiresAt, settle, timer });
      const prompt: HostKeyPromptEvent = { ...question, decisionId, expiresAt };
      this.prompts.fire(prompt);
    });
  }

  /** Records the operator's answer; false when the question is unknown or already settled. */
  answer(decisionId: string, answer: HostKeyAnswer): boolean {
    const entry = this.pending.get(decisionId);
    if (!entry) return false;
    entry.settle(answer);
    return true;
  }

  /** Cancels every question of one requester (its session or tunnel was closed). */
  cancelFor(requester: string): void {
    for (const entry of [...this.pending.values()]) if (entry.question.requester === requester) entry.settle('cancelled');
  }

  /** Questions still waiting, oldest first, exactly as they were surfaced. */
  list(): HostKeyPromptEvent[] {
    return [...this.pending.entries()].map(([decisionId, p]) => ({ ...p.question, decisionId, expiresAt: p.expiresAt }));
  }

  /** Cancels everything. */
  dispose(): void {
    for (const entry of [...this.pending.values()]) entry.settle('cancelled');
    this.prompts.dispose();
    this.settlements.dispose();
  }
}
