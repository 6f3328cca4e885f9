import { type FormEvent, useId, useState } from 'react';
import { useCsvShops, useImportOrders } from '../api/imports.ts';
import { QueryState } from '../components/query-state.tsx';
import { Refusal } from '../components/refusal.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { CsvShopForm } from './order-import/csv-shop-form.tsx';
import { ImportReportView } from './order-import/import-report.tsx';

/**
 * R-IN-3: a seller without API access imports the seller center's "awaiting shipment" export
 * into one of its file-only shops; the good orders are kept and every refused row is listed.
 */
export function OrderImportPage() {
  const { t } = useI18n();
  const shops = useCsvShops();
  const upload = useImportOrders();
  const shopId = useId();
  const fileId = useId();
  const [chosen, setChosen] = useState('');

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget.elements;
    const file = (form.namedItem('file') as HTMLInputElement).files?.[0];
    const shop = (form.namedItem('shop') as HTMLSelectElement).value;
    if (file && shop) upload.mutate({ shopId: shop, file });
  };

  return (
    <>
      <h1>{t('import.title')}</h1>
      <p className="muted">{t('import.intro')}</p>
      <QueryState query={shops}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('import.noShops')}</p>
          ) : (
            <section aria-labelledby="import-upload">
              <h2 id="import-upload">{t('import.upload')}</h2>
              <form onSubmit={submit} className="form">
                <div className="field">
                  <label htmlFor={shopId}>{t('import.shop')}</label>
                  <select
                    id={shopId}
                    name="shop"
                    value={chosen || list[0]!.id}
                    onChange={(e) => setChosen(e.target.value)}
                  >
                    {list.map((s) => (
                      <option key={s.id} value={s.id}>
                        {t('import.shopOption', {
                          name: s.name,
                          region: s.region,
                          code: s.platformShopId,
                        })}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={fileId}>{t('import.file')}</label>
                  <input id={fileId} name="file" type="file" accept=".csv,text/csv" required />
                </div>
                <button
                  type="submit"
                  className="primary"
                  disabled={upload.isPending}
                  aria-busy={upload.isPending}
                >
                  {t('import.action')}
                </button>
              </form>
              {upload.isError && <Refusal error={upload.error} />}
              {upload.data && <ImportReportView report={upload.data} />}
            </section>
          )
        }
      </QueryState>
      <CsvShopForm onCreated={setChosen} />
    </>
  );
}
