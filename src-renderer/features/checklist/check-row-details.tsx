import { useTranslation } from 'react-i18next';
import { CopyableCommand } from '../../ui/copyable-command';
import { ExternalLinkButton } from '../../ui/external-link';
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
          <ul className="evidence" lang="en">{result.evidence.map((e, i) => <li key={i}>{e}</li>)}</ul>
        </>
      )}
      {result.remediation && (
        <div className="remediation" data-testid="remediation">
          <h4>{t('checklist.howToFix')}</h4>
          <ol lang="en">{result.remediation.steps.map((s, i) => <li key={i}>{s}</li>)}</ol>
          {result.remediation.az && <CopyableCommand command={result.remediation.az} label={t('checklist.azCommand')} />}
          {result.remediation.portal && <ExternalLinkButton url={result.remediation.portal} label={t('checklist.openPortal')} />}
        </div>
      )}
    </details>
  );
}
