import { describe, expect, it } from 'vitest';
import { toJson, toMarkdown, type RunReport } from '../../../../../src-main/services/checklist/report';
import { ExportWording } from '../../../../../src-main/ipc/contract/export-wording';
import { exportWording } from '../../../../../src-renderer/features/checklist/export-wording';
import type { ChecklistRunState } from '../../../../../src-renderer/features/checklist/checklist-model';
import { initI18n } from '../../../../../src-renderer/i18n';
import { englishSentences } from '../../../../support/english-text';
import { glossaryProblems } from '../../../../support/ja-glossary';
import { ids } from '../../../main/services/access-paths/topology-fixture';
import { producedResults } from './produced-results';

/** Every check's failing states as one run: the renderer's run state and main's report of it. */
async function everyCheck(): Promise<{ run: ChecklistRunState; report: RunReport }> {
  const results = await producedResults();
  const run: ChecklistRunState = {
    runId: 'r1',
    clusterId: ids.cluster,
    pathId: 'bastion-jumpbox',
    state: 'completed',
    checks: [...new Map(results.map((r) => [r.checkId, { id: r.checkId, title: r.title, hops: r.hops }])).values()],
    results: Object.fromEntries(results.map((r, i) => [`${r.checkId}#${i}`, r])),
    startedAt: 0,
    rerunning: [],
  };
  const report: RunReport = { runId: 'r1', clusterId: ids.cluster, pathId: 'bastion-jumpbox', state: 'completed', startedAt: '2026-12-07T09:00:00.000Z', finishedAt: '2026-12-07T09:00:03.000Z', results };
  return { run, report };
}

/** The Markdown's words outside fenced commands, the cluster id and portal links, with every line's params removed. */
function proseOf(markdown: string, report: RunReport): string {
  const verbatim = report.results.flatMap((r) => [...r.evidence, ...(r.remediation?.steps ?? [])].flatMap((l) => Object.values(l.params)));
  const prose = markdown.replace(/```sh\n[\s\S]*?\n```/g, ' ').replace(/<https?:[^>]+>/g, ' ').split(report.clusterId).join(' ').replace(/\\([\\`*_[\]<>|])/g, '$1');
  return [...verbatim].sort((a, b) => b.length - a.length).reduce((text, value) => (value ? text.split(value).join(' ') : text), prose);
}

describe('the checklist export in the operator\'s language', () => {
  it('sends words the contract accepts, with a template for every coded line of the run', async () => {
    const { run } = await everyCheck();
    const wording = exportWording(await initI18n('ja'), run);
    expect(ExportWording.safeParse(wording).success).toBe(true);
    const codes = new Set(Object.values(run.results).flatMap((r) => [...r.evidence, ...(r.remediation?.steps ?? [])].map((l) => l.code)));
    expect(Object.keys(wording.lines).sort()).toEqual([...codes].filter((c) => c !== 'untranslated').sort());
    expect(wording).toMatchObject({ language: 'ja', labels: { heading: '接続チェックリスト' }, statuses: { fail: '不合格' }, titles: { 'vnet-peering': 'クラスターの仮想ネットワークとの双方向の仮想ネットワーク ピアリング' } });
  });

  it('writes Markdown in Japanese for every check run in a failing state: no English sentence outside names and commands, the glossary terms, each az command byte for byte', async () => {
    const { run, report } = await everyCheck();
    const markdown = toMarkdown(report, exportWording(await initI18n('ja'), run));
    expect(markdown.startsWith('# 接続チェックリスト\n')).toBe(true);
    const prose = proseOf(markdown, report);
    expect(englishSentences(prose)).toEqual([]);
    expect(glossaryProblems(prose)).toEqual([]);
    expect(prose).not.toMatch(/\{\{\w+\}\}/);
    const commands = report.results.flatMap((r) => (r.remediation?.az ? [r.remediation.az] : []));
    expect(commands.length).toBeGreaterThan(10);
    for (const az of commands) expect(markdown).toContain(`\`\`\`sh\n${az}\n\`\`\``);
  });

  it('writes the English export as main always did when the English words are sent', async () => {
    const { run, report } = await everyCheck();
    const english = toMarkdown(report, exportWording(await initI18n('en'), run));
    expect(englishSentences(english).length).toBeGreaterThan(20);
    const lines = (text: string) => text.split('\n').filter((l) => /^(- |\d+\. )/.test(l) && !/^- (Path|Started):/.test(l));
    expect(lines(english)).toEqual(lines(toMarkdown(report)));
  });

  it('writes JSON with main\'s codes, params and English kept, and each line also in the chosen language', async () => {
    const { run, report } = await everyCheck();
    const parsed = JSON.parse(toJson(report, exportWording(await initI18n('ja'), run))) as { language: string; results: Array<{ evidence: unknown[]; worded: { title: string; evidence: string[]; steps: string[] } }> };
    expect(parsed.language).toBe('ja');
    expect(parsed.results.map((r) => r.evidence)).toEqual(report.results.map((r) => r.evidence));
    const worded = parsed.results.flatMap((r) => [r.worded.title, ...r.worded.evidence, ...r.worded.steps]).join('\n');
    expect(worded).toMatch(/[ぁ-んァ-ヶ一-龯]/);
    expect(englishSentences(proseOf(worded, report))).toEqual([]);
  });
});
