/// <reference types="vite/client" />
/**
 * What the path chooser can say, read from its source: every code its `reason(…)` calls can emit
 * (literals, both arms of a conditional, `${kind}` templates expanded) plus the peering issue codes
 * it forwards. Tests hold the renderer's string tables and the chooser's output against this list.
 */
import type { i18n } from 'i18next';

/** The chooser's sources as text (Vite's raw import: the same in the Node and jsdom projects). */
const SOURCES = import.meta.glob<string>('/src-main/services/access-paths/*.ts', { query: '?raw', import: 'default', eager: true });

function source(file: string): string {
  const text = SOURCES[`/src-main/services/access-paths/${file}`];
  if (text === undefined) throw new Error(`no source ${file} under src-main/services/access-paths`);
  return text;
}

/** Values a `${…}` in a code template can take (gatewayPath's `kind`). */
const TEMPLATE_VALUES: Record<string, readonly string[]> = { kind: ['vpn', 'expressroute'] };

/** First arguments of `reason(` that forward a code computed elsewhere (and scanned there). */
const FORWARDED = new Set(['issue.code']);

/** The codes a chooser source can emit; throws on a `reason(` whose code it cannot read, so a new indirection is not silently skipped. */
export function codesInChooserSource(source: string): string[] {
  const codes = new Set<string>();
  for (const match of source.matchAll(/(?<!function )\breason\(/g)) {
    const rest = source.slice(match.index + match[0].length);
    const end = rest.search(/,\s*['`"]/);
    const first = (end < 0 ? rest : rest.slice(0, end)).trim();
    const literals = [...first.matchAll(/'([^']*)'|`([^`]*)`/g)].map((m) => m[1] ?? m[2]!);
    if (literals.length === 0) {
      if (FORWARDED.has(first)) continue;
      throw new Error(`cannot read the code of reason(${first}, …)`);
    }
    for (const literal of literals) {
      const vars = [...literal.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!);
      if (vars.length === 0) codes.add(literal);
      for (const name of vars) {
        const values = TEMPLATE_VALUES[name];
        if (!values) throw new Error(`unknown template variable \${${name}} in a reason code`);
        for (const value of values) codes.add(literal.replaceAll(`\${${name}}`, value));
      }
    }
  }
  return [...codes].sort();
}

/** Every code the path chooser can emit (path-chooser.ts, the peering issue codes of topology-queries.ts, the workstation check of workstation-reach.ts). */
export function emittableReasonCodes(): string[] {
  const chooser = codesInChooserSource(source('path-chooser.ts'));
  const peering = [...source('topology-queries.ts').matchAll(/'(peering-[a-z-]+)'/g)].map((m) => m[1]!);
  const workstation = codesInChooserSource(source('workstation-reach.ts'));
  return [...new Set([...chooser, ...peering, ...workstation])].sort();
}

/** A reason as the chooser emits it. */
export interface EmittedReason {
  readonly code: string;
  readonly text: string;
  readonly params: Record<string, string>;
}

/**
 * What is wrong with one reason rendered in one language through `render`: its code missing from
 * the table, a `{{` left by interpolation, a param value the wording dropped, or (outside English)
 * main's English text shown as is.
 */
export function renderingProblems(i18n: i18n, reason: EmittedReason, render: (t: i18n['t'], r: EmittedReason) => string): string[] {
  const where = `${i18n.language}:${reason.code}`;
  const problems: string[] = [];
  if (typeof i18n.getResource(i18n.language, 'translation', `wizard.reasonCodes.${reason.code}`) !== 'string') problems.push(`${where} has no table entry`);
  const shown = render(i18n.t, reason);
  if (/\{\{|\}\}/.test(shown)) problems.push(`${where} left a placeholder: ${shown}`);
  for (const [name, value] of Object.entries(reason.params)) if (!shown.includes(value)) problems.push(`${where} dropped {{${name}}}=${value}: ${shown}`);
  if (i18n.language !== 'en' && shown === reason.text) problems.push(`${where} shows main's English text`);
  return problems;
}
