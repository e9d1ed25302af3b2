import type { i18n as I18n } from 'i18next';
import type { InvokeRequest } from '../../../src-main/ipc/contract';
import { checkTextKey } from './check-text';
import { checkTitle } from './check-title';
import type { ChecklistRunState } from './checklist-model';

/** The words main writes a checklist export in, as the export request carries them. */
export type ExportWordingValue = NonNullable<InvokeRequest<'checklist.export'>['wording']>;

const LABELS = ['heading', 'cluster', 'path', 'started', 'finished', 'check', 'result', 'howToFix', 'portal'] as const;
const STATUSES = ['pass', 'warn', 'fail', 'skip', 'error'] as const;

/**
 * The export's words in the i18n instance's language: labels, the path and run state, statuses,
 * the title of each check in the run and the template of each evidence or fix code it produced
 * (placeholders left for main to fill with the line's params). Codes the language has no wording
 * for are left out, so main keeps their English.
 */
export function exportWording(i18n: I18n, run: ChecklistRunState): ExportWordingValue {
  const t = i18n.t.bind(i18n);
  const lines: Record<string, string> = {};
  const titles: Record<string, string> = {};
  for (const check of run.checks) titles[check.id] = checkTitle(t, check.id, check.title);
  for (const result of Object.values(run.results)) {
    titles[result.checkId] = checkTitle(t, result.checkId, result.title);
    for (const line of [...result.evidence, ...(result.remediation?.steps ?? [])]) {
      const template: unknown = line.code === 'untranslated' ? undefined : i18n.getResource(i18n.language, 'translation', checkTextKey(line.code));
      if (typeof template === 'string') lines[line.code] = template;
    }
  }
  return {
    language: i18n.language,
    labels: Object.fromEntries(LABELS.map((k) => [k, t(`checklist.exportLabels.${k}`)])) as ExportWordingValue['labels'],
    pathName: t(`wizard.paths.${run.pathId}`),
    runState: t(`checklist.runStates.${run.state}`),
    statuses: Object.fromEntries(STATUSES.map((s) => [s, t(`ui.status.${s}`)])) as ExportWordingValue['statuses'],
    titles,
    lines,
  };
}
