import { useSkuMappings } from '../api/catalog.ts';
import { DateTime } from '../components/date-time.tsx';
import { useKeysetPages } from '../components/keyset-pages.tsx';
import { PagedTable } from '../components/paged-table.tsx';
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
      <PagedTable
        query={mappings}
        pages={pages}
        empty="sku.empty"
        caption="sku.caption"
        columns={[
          'sku.col.marketplaceSku',
          'sku.col.sellerSku',
          'sku.col.supplierItem',
          'sku.col.units',
          'sku.col.active',
          'sku.col.updated',
        ]}
        row={(m) => (
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
        )}
      />
      <MappingForm />
      <MappingUpload />
    </>
  );
}
