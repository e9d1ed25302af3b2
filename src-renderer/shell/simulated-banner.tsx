import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../src-main/ipc/contract';

/** What main says the simulated cloud of this run lacks (`app.info`). */
export type SimulatedGaps = InvokeResponse<'app.info'>['simulatedGaps'];
type SimulatedGap = SimulatedGaps[number];

/** The permanent "Simulated Azure" banner, with each part of the simulated cloud this run could not start and why. */
export function SimulatedBanner({ gaps }: { readonly gaps: SimulatedGaps }) {
  const { t } = useTranslation();
  const gapText: Record<SimulatedGap, string> = {
    'topology-needs-root': t('app.simulatedGap.topologyNeedsRoot'),
    'topology-switched-off': t('app.simulatedGap.topologySwitchedOff'),
  };
  return (
    <div className="simulated-banner" role="note" data-testid="simulated-banner">
      {t('app.simulatedBanner')}
      {gaps.map((gap) => (
        <p key={gap} className="simulated-gap" data-testid={`simulated-gap-${gap}`}>
          {gapText[gap]}
        </p>
      ))}
    </div>
  );
}
