import type { CheckText } from '../../ipc/contract/check-text';
import type { ExportWording } from '../../ipc/contract/export-wording';
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

/** The export's own words when the renderer sends none: main's English, as the export always read. */
const ENGLISH: Omit<ExportWording, 'pathName' | 'runState' | 'titles' | 'lines'> = {
  language: 'en',
  labels: {
    heading: 'Connectivity checklist',
    cluster: 'Cluster',
    path: 'Path',
    started: 'Started: {{started}}',
    finished: ', finished: {{finished}}',
    check: 'Check',
    result: 'Result',
    howToFix: 'How to fix',
    portal: 'Portal',
  },
  statuses: ICON,
};

/** A template's `{{name}}` placeholders filled with the values (names and commands verbatim); unknown names stay visible. */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The words one export uses: the renderer's, or main's English. */
interface Words {
  readonly wording: Omit<ExportWording, 'pathName' | 'runState' | 'titles' | 'lines'>;
  title(result: Result): string;
  status(result: Result): string;
  line(line: CheckText): string;
  pathName: string;
  runState: string;
}

function wordsFor(report: RunReport, wording: ExportWording | undefined): Words {
  return {
    wording: wording ?? ENGLISH,
    title: (r) => wording?.titles[r.checkId] ?? r.title,
    status: (r) => (wording ?? ENGLISH).statuses[r.status],
    line: (l) => {
      const template = wording && l.code !== 'untranslated' ? wording.lines[l.code] : undefined;
      return template === undefined ? l.text : fill(template, l.params);
    },
    pathName: wording?.pathName ?? report.pathId,
    runState: wording?.runState ?? report.state,
  };
}

function md(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** The run as Markdown: a summary table, then each check with evidence and remediation; in the operator's language when `wording` is given. */
export function toMarkdown(report: RunReport, wording?: ExportWording): string {
  const words = wordsFor(report, wording);
  const { labels } = words.wording;
  const finished = report.finishedAt ? fill(labels.finished, { finished: report.finishedAt }) : '';
  const lines = [
    `# ${md(labels.heading)}`,
    '',
    `- ${md(labels.cluster)}: \`${report.clusterId}\``,
    `- ${md(labels.path)}: ${md(words.pathName)}`,
    `- ${fill(labels.started, { started: report.startedAt })}${finished} (${md(words.runState)})`,
    '',
    `| ${md(labels.check)} | ${md(labels.result)} |`,
    '| --- | --- |',
    ...report.results.map((r) => `| ${md(words.title(r))} | ${md(words.status(r))} |`),
    '',
  ];
  for (const r of report.results) {
    lines.push(`## ${md(words.status(r))}: ${md(words.title(r))}`, '', ...r.evidence.map((e) => `- ${md(words.line(e))}`), '');
    if (r.remediation) {
      lines.push(`**${md(labels.howToFix)}**`, '', ...r.remediation.steps.map((s, i) => `${i + 1}. ${md(words.line(s))}`), '');
      if (r.remediation.az) lines.push('```sh', r.remediation.az, '```', '');
      if (r.remediation.portal) lines.push(`${md(labels.portal)}: <${r.remediation.portal}>`, '');
    }
  }
  return lines.join('\n');
}

/**
 * The run as pretty JSON: main's results (codes, params and English) as they are; with `wording`,
 * also the language and each result's title, status, evidence and steps in it.
 */
export function toJson(report: RunReport, wording?: ExportWording): string {
  if (!wording) return JSON.stringify(report, null, 2);
  const words = wordsFor(report, wording);
  const results = report.results.map((r) => ({
    ...r,
    worded: { title: words.title(r), status: words.status(r), evidence: r.evidence.map(words.line), steps: (r.remediation?.steps ?? []).map(words.line) },
  }));
  return JSON.stringify({ ...report, language: wording.language, path: words.pathName, results }, null, 2);
}
