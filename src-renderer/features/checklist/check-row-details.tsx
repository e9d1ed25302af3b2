import { useTranslation } from 'react-i18next';
import { CopyableCommand } from '../../ui/copyable-command';
import { ExternalLinkButton } from '../../ui/external-link';
import { LearnLinks } from '../../ui/learn-link-buttons';
import { checkLearnPages } from '../../ui/learn-links';
import { CheckTextLines } from './check-text';
import type { CheckResult } from './checklist-model';

/** Evidence and remediation (steps, the `az` command, the portal page) of one finished check. */
export function CheckRowDetails({ result, open }: { result: CheckResult; open: boolean }) {
  const { t } = useTranslation();
  return (
    <details open={open} className="check-details">
      <summary>{t('checklist.details')}</summary>
      {result.evidence.length > 0 && (
        <>
          <h4>{t('checklist.evidence')}</h4>
          <CheckTextLines lines={result.evidence} />
        </>
      )}
      {result.remediation && (
        <div className="remediation" data-testid="remediation">
          <h4>{t('checklist.howToFix')}</h4>
          <CheckTextLines lines={result.remediation.steps} ordered />
          {result.remediation.az && <CopyableCommand command={result.remediation.az} label={t('checklist.azCommand')} />}
          {result.remediation.portal && <ExternalLinkButton url={result.remediation.portal} label={t('checklist.openPortal')} />}
        </div>
      )}
      <LearnLinks pages={checkLearnPages(result.checkId)} />
    </details>
  );
}
