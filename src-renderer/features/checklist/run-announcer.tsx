import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useConsole } from '../../shell/console-state';
import { announce } from '../../ui/a11y';
import { checkTitle } from './check-title';
import { checklistRows, summarize, type ChecklistRunState } from './checklist-model';

/** The sentence read when a run ends: counts per outcome, then the checks that failed by name. */
export function runOutcomeText(t: TFunction, run: ChecklistRunState): string {
  if (run.state === 'cancelled') return t('a11y.checks.cancelled');
  const counts = summarize(run);
  const failed = checklistRows(run).filter((r) => r.status === 'fail' || r.status === 'error').map((r) => checkTitle(t, r.id, r.title));
  const line = t('a11y.checks.done', { pass: counts.pass, warn: counts.warn, fail: counts.fail, error: counts.error });
  return failed.length > 0 ? `${line} ${failed.join('; ')}` : line;
}

/**
 * Announces the end of every checklist run once, politely, wherever the operator is in the console
 * (mounted once in the shell); progress in between stays silent.
 */
export function ChecklistRunAnnouncer() {
  const { t } = useTranslation();
  const { run } = useConsole();
  const was = useRef<{ runId: string; running: boolean }>(undefined);
  useEffect(() => {
    if (!run) return;
    const before = was.current;
    was.current = { runId: run.runId, running: run.state === 'running' };
    if (run.state !== 'running' && before?.running && before.runId === run.runId) announce(runOutcomeText(t, run));
  }, [run, t]);
  return null;
}
