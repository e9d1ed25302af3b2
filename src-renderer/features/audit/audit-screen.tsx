import { useCallback, useEffect, useMemo, useState } from 'react';
import { TableScroll } from '../../ui/table-scroll';
import { useTranslation } from 'react-i18next';
import { CodedMessageText } from '../../ui/coded-message';
import { MainText } from '../../ui/main-text';
import { errorLine, wordMessage } from '../../ui/message-text';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call, hasBridge, subscribe } from '../../ipc/bridge';
import { AreaIntro } from '../../ui/area-intro';
import { useKeychainName } from '../../ui/keychain-name';
import { describeError, useAsync } from '../../ui/use-async';
import { AuditFilterBar } from './audit-filter-bar';
import './audit.css';
import { describeVerify, EMPTY_FILTER, summariseDetails, toFilterRequest, type AuditFilterForm, type VerifyReport } from './audit-filter';

type Exported = InvokeResponse<'audit.export'>;

/** The audit area: the tamper-evident log with filter, chain verification and export. */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_FILTER);
  const filter = useMemo(() => toFilterRequest(form), [form]);
  const load = useCallback(() => call('audit.list', { filter, limit: 500 }), [filter]);
  const list = useAsync(load);
  const [verify, setVerify] = useState<VerifyReport | { error: string }>();
  const [exported, setExported] = useState<Exported | { error: string }>();
  const { reload } = list;

  useEffect(() => (hasBridge() ? subscribe('audit.recorded', () => reload()) : undefined), [reload]);

  async function runVerify() {
    try {
      setVerify(await call('audit.verify'));
    } catch (error) {
      setVerify({ error: errorLine(i18n, describeError(error)) });
    }
  }

  async function runExport(format: 'jsonl' | 'csv') {
    try {
      setExported(await call('audit.export', { filter, format }));
    } catch (error) {
      setExported({ error: errorLine(i18n, describeError(error)) });
    }
  }

  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <section aria-labelledby="area-title" className="audit-screen" data-testid="audit-screen">
      <AreaIntro area="audit" />
      <AuditFilterBar value={form} onChange={setForm} />
      <div className="toolbar">
        <button type="button" onClick={() => void runVerify()} data-testid="audit-verify">{t('audit.verifyAction')}</button>
        <button type="button" className="secondary" onClick={() => void runExport('jsonl')} data-testid="audit-export-jsonl">{t('audit.exportJsonl')}</button>
        <button type="button" className="secondary" onClick={() => void runExport('csv')} data-testid="audit-export-csv">{t('audit.exportCsv')}</button>
      </div>
      <VerifyResult report={verify} />
      {list.status === 'error' && (
        <div role="alert" className="text-error">
          {t('audit.loadFailed', { message: '' }).trim()} <CodedMessageText message={{ code: list.code, text: list.message, params: list.params }} />
        </div>
      )}
      {list.status === 'ready' && (
        <>
          <p className="muted" role="status" data-testid="audit-count">
            {t('audit.count', { shown: list.value.records.length, matched: list.value.matched })}
            {list.value.forwarding.enabled && ` · ${t('audit.forwarding', { pending: list.value.forwarding.pending })}`}
            {list.value.forwarding.lastError && <> · <MainText text={list.value.forwarding.lastError} /></>}
          </p>
          <TableScroll label={t('audit.tableCaption')}>
            <table className="data-table audit-table" data-testid="audit-table">
              <caption className="caption-hidden">{t('audit.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.columns.seq')}</th>
                  <th scope="col">{t('audit.columns.time')}</th>
                  <th scope="col">{t('audit.columns.type')}</th>
                  <th scope="col">{t('audit.columns.outcome')}</th>
                  <th scope="col">{t('audit.columns.actor')}</th>
                  <th scope="col">{t('audit.columns.target')}</th>
                  <th scope="col">{t('audit.columns.details')}</th>
                </tr>
              </thead>
              <tbody>
                {list.value.records.map((r) => (
                  <tr key={r.seq} data-type={r.type} data-outcome={r.outcome}>
                    <td data-label={t('audit.columns.seq')}>{r.seq}</td>
                    <td data-label={t('audit.columns.time')}><time dateTime={r.time}>{time.format(new Date(r.time))}</time></td>
                    <td data-label={t('audit.columns.type')}>{t(`audit.types.${r.type}`)}</td>
                    <td data-label={t('audit.columns.outcome')}>{t(`audit.outcomes.${r.outcome}`)}</td>
                    <td data-label={t('audit.columns.actor')}>{r.actor ?? '—'}</td>
                    <td data-label={t('audit.columns.target')}>{r.target ?? '—'}</td>
                    <td className="small" data-label={t('audit.columns.details')}>{summariseDetails(r.details)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {list.value.records.length === 0 && <p className="muted">{t('audit.empty')}</p>}
        </>
      )}
      <ExportPanel exported={exported} />
    </section>
  );
}

function VerifyResult({ report }: { report: VerifyReport | { error: string } | undefined }) {
  const { t, i18n } = useTranslation();
  const keychain = useKeychainName();
  if (!report) return null;
  if ('error' in report) return <p role="alert" className="text-error" data-testid="audit-verify-result">{report.error}</p>;
  const { key, values } = describeVerify(report);
  const broken = report.firstBroken;
  if (broken?.code) values.reason = wordMessage(i18n, { code: broken.code, text: broken.reason, params: broken.params }).text;
  return (
    <p role={report.ok ? 'status' : 'alert'} className={report.ok ? 'text-ok' : 'text-error'} data-testid="audit-verify-result" data-ok={String(report.ok)}>
      {t(key, { ...values, keychain })}
    </p>
  );
}

function ExportPanel({ exported }: { exported: Exported | { error: string } | undefined }) {
  const { t } = useTranslation();
  const href = useMemo(() => (exported && !('error' in exported) ? URL.createObjectURL(new Blob([exported.content], { type: exported.mimeType })) : undefined), [exported]);
  useEffect(() => () => (href ? URL.revokeObjectURL(href) : undefined), [href]);
  if (!exported) return null;
  if ('error' in exported) return <p role="alert" className="text-error">{exported.error}</p>;
  return (
    <section aria-labelledby="audit-export-title" className="panel" data-testid="audit-export">
      <h2 id="audit-export-title">{t('audit.exportReady', { records: exported.records })}</h2>
      <a href={href} download={exported.fileName}>{t('audit.save', { name: exported.fileName })}</a>
    </section>
  );
}
