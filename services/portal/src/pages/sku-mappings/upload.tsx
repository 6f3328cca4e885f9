import { type FormEvent, useId, useState } from 'react';
import { useUpsertSkuMapping } from '../../api/catalog.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { readMappingFile } from './csv.ts';

type RowResult = { line: number; sku: string; error: string | null };

/** The api's reason for a refused row: each invalid field with its problem, or the message. */
function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  try {
    const issues = JSON.parse(message) as Array<{ path: PropertyKey[]; message: string }>;
    if (Array.isArray(issues))
      return issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  } catch {
    // Not a list of input issues: the message says it all.
  }
  return message;
}

/**
 * A CSV of mappings, saved row by row through `skuMappings.upsert`: good rows are kept, each
 * refused row is reported with its line and the api's reason.
 */
export function MappingUpload() {
  const { t } = useI18n();
  const fileId = useId();
  const save = useUpsertSkuMapping();
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<RowResult[] | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = (e.currentTarget.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (!file) return;
    setBusy(true);
    setReport(null);
    const parsed = readMappingFile(await file.text());
    if (!parsed.ok) {
      setProblem(t(parsed.problem === 'empty' ? 'sku.report.empty' : 'sku.report.missingColumns'));
      setBusy(false);
      return;
    }
    setProblem(null);
    const results: RowResult[] = [];
    for (const { line, ...row } of parsed.rows) {
      try {
        await save.mutateAsync(row);
        results.push({ line, sku: row.marketplaceSkuId, error: null });
      } catch (err) {
        results.push({ line, sku: row.marketplaceSkuId, error: reasonOf(err) });
      }
    }
    setReport(results);
    setBusy(false);
  };

  const bad = report?.filter((r) => r.error !== null).length ?? 0;
  return (
    <section aria-labelledby="upload">
      <h2 id="upload">{t('sku.upload')}</h2>
      <p className="muted small">{t('sku.uploadHint')}</p>
      <form onSubmit={submit} className="form inline">
        <div className="field">
          <label htmlFor={fileId}>{t('sku.uploadFile')}</label>
          <input id={fileId} name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('sku.uploadAction')}
        </button>
      </form>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {report && (
        <div role="status">
          <h3>{t('sku.report')}</h3>
          <p>{t('sku.report.summary', { ok: report.length - bad, bad })}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('sku.report.row')}</th>
                  <th scope="col">{t('sku.col.marketplaceSku')}</th>
                  <th scope="col">{t('sku.report.result')}</th>
                </tr>
              </thead>
              <tbody>
                {report.map((r) => (
                  <tr key={r.line}>
                    <th scope="row">{r.line}</th>
                    <td>{r.sku}</td>
                    <td className={r.error ? 'error' : undefined}>
                      {r.error ?? t('sku.report.ok')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
