import type { Result } from './check';

/** A run as exported. */
export interface RunReport {
  readonly runId: string;
  readonly clusterId: string;
  readonly pathId: string;
  readonly state: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly results: readonly Result[];
}

const ICON: Record<Result['status'], string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP', error: 'ERROR' };

function md(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** The run as Markdown: a summary table, then each check with evidence and remediation. */
export function toMarkdown(report: RunReport): string {
  const lines = [
    `# Connectivity checklist`,
    '',
    `- Cluster: \`${report.clusterId}\``,
    `- Path: ${report.pathId}`,
    `- Started: ${report.startedAt}${report.finishedAt ? `, finished: ${report.finishedAt}` : ''} (${report.state})`,
    '',
    '| Check | Result |',
    '| --- | --- |',
    ...report.results.map((r) => `| ${md(r.title)} | ${ICON[r.status]} |`),
    '',
  ];
  for (const r of report.results) {
    lines.push(`## ${ICON[r.status]}: ${md(r.title)}`, '', ...r.evidence.map((e) => `- ${md(e.text)}`), '');
    if (r.remediation) {
      lines.push('**How to fix**', '', ...r.remediation.steps.map((s, i) => `${i + 1}. ${md(s.text)}`), '');
      if (r.remediation.az) lines.push('```sh', r.remediation.az, '```', '');
      if (r.remediation.portal) lines.push(`Portal: <${r.remediation.portal}>`, '');
    }
  }
  return lines.join('\n');
}

/** The run as pretty JSON. */
export function toJson(report: RunReport): string {
  return JSON.stringify(report, null, 2);
}
