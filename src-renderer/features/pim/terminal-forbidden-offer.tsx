import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../src-main/ipc/contract';
import { hasBridge, subscribe } from '../../ipc/bridge';
import { RefusedRequestOffer } from './forbidden-offer';

type TerminalForbidden = EventPayload<'pim.terminalForbidden'>;

/**
 * Beside a kubectl terminal: when main saw a kube-apiserver 403 in this session's output, the role
 * that would grant it and the operator's eligible roles on the tab's own cluster (main names the
 * cluster; the output cannot). A newer 403 replaces the offer; the operator may dismiss it.
 */
export function TerminalForbiddenOffer({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const [seen, setSeen] = useState<{ event: TerminalForbidden; key: string }>();
  useEffect(() => {
    if (!hasBridge()) return undefined;
    return subscribe('pim.terminalForbidden', (event) => {
      if (event.sessionId === sessionId) setSeen({ event, key: JSON.stringify(event.forbidden) });
    });
  }, [sessionId]);
  if (!seen) return null;
  return (
    <RefusedRequestOffer key={seen.key} forbidden={seen.event.forbidden} clusterId={seen.event.clusterId}>
      <button type="button" className="secondary small" onClick={() => setSeen(undefined)} data-testid="pim-offer-dismiss">
        {t('pim.dismissOffer')}
      </button>
    </RefusedRequestOffer>
  );
}
