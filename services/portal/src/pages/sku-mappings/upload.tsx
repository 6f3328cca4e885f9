import { type FormEvent, useId } from 'react';
import { useUploadSkuMappings } from '../../api/catalog.ts';
import { Refusal } from '../../components/refusal.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

/**
 * A CSV of mappings, sent whole to the api's file route, which checks and saves it row by row
 * as `skuMappings.upsert` does: good rows are kept, each refused row comes back with its line,
 * its code and the api's reason.
 */
export function MappingUpload() {
  const { t } = useI18n();
  const fileId = useId();
  const upload = useUploadSkuMappings();
  const report = upload.data;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = (e.currentTarget.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (file) upload.mutate(file);
  };

  return (
    <section aria-labelledby="upload">
      <h2 id="upload">{t('sku.upload')}</h2>
      <p className="muted small">{t('sku.uploadHint')}</p>
      <form onSubmit={submit} className="form inline">
        <div className="field">
          <label htmlFor={fileId}>{t('sku.uploadFile')}</label>
          <input id={fileId} name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit" disabled={upload.isPending} aria-busy={upload.isPending}>
          {t('sku.uploadAction')}
        </button>
      </form>
      {upload.isError && <Refusal error={upload.error} />}
      {report && (
        <div role="status">
          <h3>{t('sku.report')}</h3>
          <p>{t('sku.report.summary', { ok: report.saved, bad: report.refused })}</p>
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
                {report.results.map((r) => (
                  <tr key={r.line}>
                    <th scope="row">{r.line}</th>
                    <td>{r.marketplaceSkuId}</td>
                    <td className={r.code ? 'error' : undefined}>
                      {r.code ? (
                        <>
                          {r.message} <code>{r.code}</code>
                        </>
                      ) : (
                        t('sku.report.ok')
                      )}
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
