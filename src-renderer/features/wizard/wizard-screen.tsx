import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { useConsole } from '../../shell/console-state';
import { focusSoon } from '../../ui/a11y';
import { AreaIntro } from '../../ui/area-intro';
import { ErrorText } from '../../ui/error-text';
import { describeError } from '../../ui/use-async';
import { PathList } from './path-list';
import { PathView } from './path-view';
import { chosenPath, orderedPaths } from './wizard-machine';

/** The connectivity wizard: ranked paths for the chosen cluster, then one path in depth. */
export function WizardScreen() {
  const { t, i18n } = useTranslation();
  const { wizard, dispatchWizard, cluster, go } = useConsole();

  useEffect(() => {
    if (wizard.step !== 'loading-paths') return;
    const clusterId = wizard.clusterId;
    call('azure.paths', { clusterId }).then(
      (ranking) => dispatchWizard({ type: 'ranking-loaded', ranking }),
      (error: unknown) => dispatchWizard({ type: 'ranking-failed', clusterId, ...describeError(error) }),
    );
  }, [wizard, dispatchWizard]);

  if (wizard.step === 'choose-cluster' || !cluster) {
    return (
      <section aria-labelledby="area-title">
        <AreaIntro area="wizard" />
        <p>{t('wizard.noCluster')}</p>
        <button type="button" onClick={() => go('clusters')}>{t('wizard.goToClusters')}</button>
      </section>
    );
  }

  const path = chosenPath(wizard);
  return (
    <section aria-labelledby="area-title" aria-busy={wizard.step === 'loading-paths'}>
      <AreaIntro area="wizard" />
      <p className="cluster-line" data-testid="wizard-cluster">
        <strong>{cluster.name}</strong> <span className="muted">{cluster.resourceGroup} · {cluster.location}</span>
      </p>
      {wizard.step === 'loading-paths' && <p role="status"><progress aria-label={t('wizard.loadingPaths')} /> {t('wizard.loadingPaths')}</p>}
      {wizard.step === 'paths-failed' && (
        <>
          <ErrorText code={wizard.code} message={wizard.message} />
          <button type="button" onClick={() => dispatchWizard({ type: 'reload' })}>{t('wizard.retry')}</button>
        </>
      )}
      {wizard.step === 'choose-path' && (
        <>
          <h2>{t('wizard.rankedPaths')}</h2>
          <p className="muted">
            {t('wizard.rankedAsOf', { time: new Date(wizard.ranking.asOf).toLocaleString(i18n.language) })}
            {wizard.ranking.operatorIp && ` ${t('wizard.operatorIp', { ip: wizard.ranking.operatorIp })}`}
          </p>
          <PathList
            paths={orderedPaths(wizard.ranking)}
            onChoose={(p) => {
              dispatchWizard({ type: 'path-chosen', pathId: p.id });
              focusSoon('[data-testid="path-view"] h2');
            }}
          />
          <button type="button" className="secondary" onClick={() => dispatchWizard({ type: 'reload' })}>{t('wizard.recheckPaths')}</button>
        </>
      )}
      {wizard.step === 'path' && path && (
        <>
          <button type="button" className="secondary" onClick={() => {
              dispatchWizard({ type: 'back' });
              // Back to the list, on the path just left.
              focusSoon(`li[data-path="${path.id}"] button`);
            }}
            data-testid="wizard-back"
          >
            {t('wizard.backToPaths')}
          </button>
          <PathView cluster={cluster} path={path} operatorIp={wizard.ranking.operatorIp} />
        </>
      )}
    </section>
  );
}
