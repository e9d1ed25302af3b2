import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { guideSection } from '../../ui/message-text';
import { STATUS_SYMBOL } from '../checklist';
import type { HopView } from './hop-status';
import type { HopKind, ScenarioFlow } from './scenario-flows';

const BOX_W = 128;
const BOX_H = 92;
const GAP = 44;
const TOP = 26;

/**
 * The data flow of one path, drawn as our own SVG: hops left to right, each coloured by its checks
 * AND labelled with a symbol and a word (never colour alone), each a keyboard-focusable button that
 * selects the hop to show its evidence and fix.
 */
export function DataFlowDiagram({
  flow,
  hops,
  selected,
  onSelect,
}: {
  flow: ScenarioFlow;
  hops: readonly HopView[];
  selected: HopKind | undefined;
  onSelect: (hop: HopKind) => void;
}) {
  const { t, i18n } = useTranslation();
  const width = hops.length * BOX_W + (hops.length - 1) * GAP + 8;
  const height = TOP + BOX_H + 10;
  const onKey = (event: KeyboardEvent, hop: HopKind) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(hop);
    }
  };
  return (
    <figure className="flow-figure">
      <svg
        className="flow-diagram"
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={t('wizard.diagram.label', { scenario: guideSection(i18n, flow.scenario) })}
        data-testid="flow-diagram"
      >
        <defs>
          <marker id="flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="flow-arrow-head" />
          </marker>
        </defs>
        {hops.map((hop, i) => {
          const x = 4 + i * (BOX_W + GAP);
          const edge = i > 0 ? flow.edges[i - 1] : undefined;
          const label = t(`wizard.hops.${hop.kind}`);
          const state = t(`ui.status.${hop.state}`);
          return (
            <g key={hop.kind}>
              {edge && (
                <g aria-hidden="true">
                  <line x1={x - GAP + 2} y1={TOP + BOX_H / 2} x2={x - 3} y2={TOP + BOX_H / 2} className="flow-edge" markerEnd="url(#flow-arrow)" />
                  <text x={x - GAP / 2} y={TOP - 8} textAnchor="middle" className="flow-edge-label">{t(`wizard.edges.${edge}`)}</text>
                </g>
              )}
              <g
                role="button"
                tabIndex={0}
                aria-pressed={selected === hop.kind}
                aria-label={t('wizard.diagram.hop', { hop: label.replace('\n', ' '), state })}
                className={`flow-hop hop-${hop.state}${selected === hop.kind ? ' hop-selected' : ''}`}
                data-hop={hop.kind}
                data-state={hop.state}
                onClick={() => onSelect(hop.kind)}
                onKeyDown={(e) => onKey(e, hop.kind)}
              >
                <rect x={x} y={TOP} width={BOX_W} height={BOX_H} rx={10} />
                <circle cx={x + 16} cy={TOP + 16} r={10} className="flow-hop-badge" />
                <text x={x + 16} y={TOP + 20.5} textAnchor="middle" className="flow-hop-symbol" aria-hidden="true">{STATUS_SYMBOL[hop.state]}</text>
                <text x={x + BOX_W / 2} y={TOP + 44} textAnchor="middle" className="flow-hop-label" aria-hidden="true">
                  {label.split('\n').map((line, n) => (
                    <tspan key={n} x={x + BOX_W / 2} dy={n === 0 ? 0 : 15}>{line}</tspan>
                  ))}
                </text>
                <text x={x + BOX_W / 2} y={TOP + BOX_H - 10} textAnchor="middle" className="flow-hop-state" aria-hidden="true">{state}</text>
              </g>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">{t('wizard.diagram.caption')}</figcaption>
    </figure>
  );
}
