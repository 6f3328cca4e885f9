import { type FormEvent, useId, useState } from 'react';
import { fetchBatch, useBatches, useUploadAnswers, useUploadStock } from '../../api/supplier.ts';
import { DataTable } from '../../components/data-table.tsx';
import { DateTime } from '../../components/date-time.tsx';
import { saveFile } from '../../components/download.ts';
import { QueryState } from '../../components/query-state.tsx';
import { Refusal } from '../../components/refusal.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

function BatchDownload({ id }: { id: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setError(null);
    try {
      const b = await fetchBatch(id);
      saveFile(b.fileName, 'text/csv', b.csv);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <button type="button" onClick={download}>
        {t('files.download')}
      </button>
      {error !== null && <Refusal error={error} />}
    </>
  );
}

function Batches() {
  const { t } = useI18n();
  const batches = useBatches();
  return (
    <section aria-labelledby="batches">
      <h2 id="batches">{t('files.batches')}</h2>
      <QueryState query={batches}>
        {(rows) => (
          <DataTable
            items={rows}
            caption="files.batchesCaption"
            empty="files.noBatches"
            columns={['files.col.file', 'files.col.slot', 'files.col.count', 'files.col.download']}
            row={(b) => (
              <tr key={b.id}>
                <th scope="row">{b.fileName}</th>
                <td>
                  <DateTime iso={b.slotAt} />
                </td>
                <td>{b.dispatchCount}</td>
                <td>
                  <BatchDownload id={b.id} />
                </td>
              </tr>
            )}
          />
        )}
      </QueryState>
    </section>
  );
}

/** A picked file and a button; `onFile` gets the file, sent as it is. */
function FileForm({
  label,
  action,
  busy,
  onFile,
}: {
  label: string;
  action: string;
  busy: boolean;
  onFile: (file: File) => void;
}) {
  const id = useId();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = (e.currentTarget.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (file) onFile(file);
  };
  return (
    <form className="form inline" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} name="file" type="file" accept=".csv,text/csv" required />
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {action}
      </button>
    </form>
  );
}

/** Refused rows: line (or row), code and reason. */
function RowReport({ rows }: { rows: Array<{ line: number; code: string; message: string }> }) {
  const { t } = useI18n();
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table>
        <caption>{t('files.refusedCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('files.col.line')}</th>
            <th scope="col">{t('files.col.code')}</th>
            <th scope="col">{t('files.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.line}-${r.code}`}>
              <th scope="row">{r.line}</th>
              <td>
                <code>{r.code}</code>
              </td>
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AnswerUpload() {
  const { t } = useI18n();
  const upload = useUploadAnswers();
  const r = upload.data;
  return (
    <section aria-labelledby="answers">
      <h2 id="answers">{t('files.answers')}</h2>
      <p className="muted">{t('files.answersHint')}</p>
      <FileForm
        label={t('files.answersFile')}
        action={t('files.upload')}
        busy={upload.isPending}
        onFile={(file) => upload.mutate(file)}
      />
      {upload.isError && <Refusal error={upload.error} />}
      {r && (
        <>
          <p role="status">
            {r.error
              ? t('files.fileRefused', { code: r.error.code, message: r.error.message })
              : t('files.answersSummary', { applied: r.applied, refused: r.refused })}
          </p>
          <RowReport
            rows={r.results
              .filter((x) => x.outcome === 'refused')
              .map((x) => ({ line: x.row, code: x.code ?? '', message: x.message ?? '' }))}
          />
        </>
      )}
    </section>
  );
}

function StockUpload() {
  const { t } = useI18n();
  const upload = useUploadStock();
  const r = upload.data;
  return (
    <section aria-labelledby="stock">
      <h2 id="stock">{t('files.stock')}</h2>
      <p className="muted">{t('files.stockHint')}</p>
      <FileForm
        label={t('files.stockFile')}
        action={t('files.upload')}
        busy={upload.isPending}
        onFile={(file) => upload.mutate(file)}
      />
      {upload.isError && <Refusal error={upload.error} />}
      {r && (
        <>
          <p role="status">
            {t('files.stockSummary', { applied: r.applied, refused: r.rejected.length })}
          </p>
          <RowReport rows={r.rejected} />
        </>
      )}
    </section>
  );
}

/** R-RT-2 and R-RT-1 data: dispatch batches to download, answer and stock files to upload. */
export function SupplierFilesPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('files.title')}</h1>
      <Batches />
      <AnswerUpload />
      <StockUpload />
    </>
  );
}
