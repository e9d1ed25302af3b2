import { useTranslation } from 'react-i18next';
import { checkTitle, CheckTextLines } from '../checklist';
import { CopyableCommand } from '../../ui/copyable-command';
import { ExternalLinkButton } from '../../ui/external-link';
import { StatusLabel } from '../../ui/status-label';
import type { HopView } from './hop-status';

/** What one hop is, and the evidence and fix of every check on it. */
export function HopDetails({ hop }: { hop: HopView }) {
  const { t } = useTranslation();
  return (
    <section className="hop-details" aria-labelledby="hop-details-title" data-testid="hop-details" data-hop={hop.kind}>
      <h3 id="hop-details-title">
        {t(`wizard.hops.${hop.kind}`).replace('\n', ' ')} — <StatusLabel status={hop.state} />
      </h3>
      <p>{t(`wizard.hopHelp.${hop.kind}`)}</p>
      {hop.checks.length === 0 && hop.pendingCheckIds.length === 0 && <p className="muted">{t('wizard.noChecksOnHop')}</p>}
      {hop.pendingCheckIds.length > 0 && <p className="muted">{t('wizard.checksRunning', { count: hop.pendingCheckIds.length })}</p>}
      {hop.checks.map((check) => (
        <article key={check.checkId} className="check-card">
          <h4>
            <StatusLabel status={check.status} /> {checkTitle(t, check.checkId, check.title)}
          </h4>
          {check.evidence.length > 0 && (
            <CheckTextLines lines={check.evidence} label={t('checklist.evidence')} />
          )}
          {check.remediation && (
            <div className="remediation">
              <h5>{t('checklist.howToFix')}</h5>
              <CheckTextLines lines={check.remediation.steps} ordered />
              {check.remediation.az && <CopyableCommand command={check.remediation.az} label={t('checklist.azCommand')} />}
              {check.remediation.portal && <ExternalLinkButton url={check.remediation.portal} label={t('checklist.openPortal')} />}
            </div>
          )}
        </article>
      ))}
    </section>
  );
}
