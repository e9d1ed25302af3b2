import { useTranslation } from 'react-i18next';
import { guideSection } from '../../ui/message-text';
import { reasonText, type ReasonValue } from './reason-text';
import type { RankedPathValue } from './types';

/** A reason from the chooser, in the operator's language when we know its code, else main's text. */
export function ReasonText({ reason }: { reason: ReasonValue }) {
  const { t } = useTranslation();
  return <>{reasonText(t, reason)}</>;
}

/** The ranked paths for a cluster, best first, each with its availability and the reasons behind it. */
export function PathList({ paths, onChoose }: { paths: readonly RankedPathValue[]; onChoose: (path: RankedPathValue) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="path-list" data-testid="path-list">
      {paths.map((path) => (
        <li key={path.id} className={`path-card availability-${path.availability}`} data-path={path.id}>
          <h3>
            <span className="scenario-tag">{guideSection(i18n, path.scenario)}</span> {t(`wizard.paths.${path.id}`)}
          </h3>
          <p>
            {path.guidanceOnly ? (
              <span className="guidance-tag">{t('wizard.guidanceOnly')}</span>
            ) : (
              <span className={`availability availability-${path.availability}`}>{t(`wizard.availability.${path.availability}`)}</span>
            )}
          </p>
          {path.reasons.length > 0 && (
            <ul aria-label={t('wizard.reasons')}>
              {path.reasons.map((r, i) => <li key={i}><ReasonText reason={r} /></li>)}
            </ul>
          )}
          {path.fixes.length > 0 && (
            <>
              <p className="fixes-heading">{t('wizard.fixesNeeded')}</p>
              <ul aria-label={t('wizard.fixesNeeded')}>
                {path.fixes.map((r, i) => <li key={i}><ReasonText reason={r} /></li>)}
              </ul>
            </>
          )}
          {path.availability !== 'not-applicable' && (
            <button type="button" onClick={() => onChoose(path)} aria-label={t('wizard.choosePathNamed', { name: t(`wizard.paths.${path.id}`) })}>
              {t('wizard.choosePath')}
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}
