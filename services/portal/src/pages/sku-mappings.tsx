import { useSkuMappings } from '../api/catalog.ts';
import { DateTime } from '../components/date-time.tsx';
import { Pager, useKeysetPages } from '../components/keyset-pages.tsx';
import { QueryState } from '../components/query-state.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { MappingForm } from './sku-mappings/mapping-form.tsx';
import { MappingUpload } from './sku-mappings/upload.tsx';

export function SkuMappingsPage() {
  const { t, format } = useI18n();
  const pages = useKeysetPages();
  const mappings = useSkuMappings(pages.cursor);
  return (
    <>
      <h1>{t('sku.title')}</h1>
      <QueryState query={mappings}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('sku.empty')}</p>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption>{t('sku.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('sku.col.marketplaceSku')}</th>
                      <th scope="col">{t('sku.col.sellerSku')}</th>
                      <th scope="col">{t('sku.col.supplierItem')}</th>
                      <th scope="col">{t('sku.col.units')}</th>
                      <th scope="col">{t('sku.col.active')}</th>
                      <th scope="col">{t('sku.col.updated')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((m) => (
                      <tr key={m.id}>
                        <th scope="row">{m.marketplaceSkuId}</th>
                        <td>{m.sellerSku}</td>
                        <td>{m.supplierItemCode}</td>
                        <td>{format.number(m.unitsPerSku)}</td>
                        <td>{m.active ? t('sku.yes') : t('sku.no')}</td>
                        <td>
                          <DateTime iso={m.updatedAt} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager pages={pages} nextCursor={page.nextCursor} />
            </>
          )
        }
      </QueryState>
      <MappingForm />
      <MappingUpload />
    </>
  );
}
